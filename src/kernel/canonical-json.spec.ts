import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys and drops undefined members (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: [2, 'x'], c: undefined })).toBe('{"a":[2,"x"],"b":1}');
  });

  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
