import { ifNoneMatchMatches } from './conditional-read.js';

describe('ifNoneMatchMatches', () => {
  it.each([
    ['the same tag', '"3"'],
    ['the weak form of it', 'W/"3"'],
    ['it in a list', '"1", W/"2" ,"3"'],
    ['a wildcard', ' * '],
  ])('matches %s', (_case, header) => {
    expect(ifNoneMatchMatches(header, '"3"')).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another tag', '"4"'],
    ['a tag that only starts the same', '"30"'],
    ['an unquoted revision', '3'],
    ['an empty header', ''],
  ])('does not match %s', (_case, header) => {
    expect(ifNoneMatchMatches(header, '"3"')).toBe(false);
  });
});
