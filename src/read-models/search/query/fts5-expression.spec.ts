import { compileQuery } from './compile-query.js';
import { allOf, anyOf, ftsString, termExpression } from './fts5-expression.js';

const columns = { terms: ['headline', 'dek'], words: ['headline_words'] };

describe('FTS5 expressions', () => {
  test('a word is the OR of its analysers’ terms in the term columns', () => {
    const [term] = compileQuery('Meredakan').included;
    expect(termExpression(term!, columns)).toBe('{headline dek} : ("meredakan" OR "reda")');
  });

  test('a phrase is a sequence of strings', () => {
    const [term] = compileQuery('"gencatan senjata"').included;
    expect(termExpression(term!, columns)).toBe('{headline dek} : ("gencat" + "senjata" OR "gencatan" + "senjata")');
  });

  test('a prefix looks in the written-word columns', () => {
    const [term] = compileQuery('azer*').included;
    expect(termExpression(term!, columns)).toBe('{headline_words} : "azer"*');
  });

  test('all and any join terms', () => {
    const { included } = compileQuery('a1 b2');
    expect(allOf(included, columns)).toBe('({headline dek} : ("a1")) AND ({headline dek} : ("b2"))');
    expect(anyOf(included, columns)).toBe('({headline dek} : ("a1")) OR ({headline dek} : ("b2"))');
  });

  test('what users type never reaches the expression as syntax', () => {
    const { included } = compileQuery('"x" OR NEAR(a b) {dek}: ^cc* -');
    const outsideStrings = allOf(included, columns).replace(/"[^"]*"/g, '');
    // Only the structure this module writes is left: column filters, brackets, AND, OR, + and the prefix star.
    expect(
      outsideStrings.match(/[A-Za-z_]+/g)?.filter((word) => !['AND', 'OR', ...columns.terms, ...columns.words].includes(word)),
    ).toEqual([]);
    expect(outsideStrings).toMatch(/^[\s{}():+*A-Za-z_]*$/);
  });

  test('refuses a token that is not letters and digits', () => {
    expect(() => ftsString('a"b')).toThrow(/Refusing/);
    expect(() => ftsString('a b')).toThrow(/Refusing/);
    expect(() => ftsString('')).toThrow(/Refusing/);
    expect(ftsString('kata')).toBe('"kata"');
  });
});
