/** What was wrong with a search request; the HTTP layer answers 400 with the code and the message. */
export type SearchErrorCode =
  | 'empty-query'
  | 'only-excluded'
  | 'query-too-long'
  | 'too-many-terms'
  | 'phrase-too-long'
  | 'unclosed-phrase'
  | 'prefix-too-short'
  | 'prefix-not-one-word'
  | 'invalid-limit'
  | 'invalid-cursor'
  | 'cursor-mismatch'
  | 'invalid-date-range'
  | 'invalid-filter'
  | 'filter-not-for-copy'
  | 'author-outside-scope';

export class SearchError extends Error {
  override readonly name = 'SearchError';

  constructor(
    readonly code: SearchErrorCode,
    message: string,
    /** The request field at fault (`q`, `cursor`, `limit`, `since`, …). */
    readonly field: string,
  ) {
    super(message);
  }
}
