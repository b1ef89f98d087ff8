import { analyserFor } from './analysers.js';

describe('analyserFor', () => {
  test.each([
    ['id', 'indonesian'],
    ['id-ID', 'indonesian'],
    ['ID', 'indonesian'],
    ['en', 'english'],
    ['en-GB', 'english'],
    ['ms', 'plain'],
    ['jv', 'plain'],
    ['fr', 'plain'],
    ['', 'plain'],
  ])('%s → %s', (language, name) => {
    expect(analyserFor(language).name).toBe(name);
  });

  test('only Indonesian is stemmed the Indonesian way', () => {
    expect(analyserFor('id').term('meredakan')).toBe('reda');
    expect(analyserFor('ms').term('meredakan')).toBe('meredakan');
    expect(analyserFor('en').term('meredakan')).toBe('meredakan');
  });

  test('English is stemmed with Porter2', () => {
    expect(analyserFor('en').term('elections')).toBe(analyserFor('en').term('election'));
    expect(analyserFor('en').term('negotiated')).toBe(analyserFor('en').term('negotiations'));
    expect(analyserFor('fr').term('elections')).toBe('elections');
  });
});
