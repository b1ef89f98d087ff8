/** The article's editable content: what writers draft and revise, and what goes live. */

export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'quote'; readonly text: string; readonly attribution: string; readonly role?: string };

export interface Source {
  readonly name: string;
  readonly url?: string;
}

export interface ArticleContent {
  readonly headline: string;
  readonly dek: string;
  readonly dateline: string;
  readonly language: string; // BCP 47, default 'id'
  readonly body: readonly Block[];
  readonly sources: readonly Source[];
  readonly topics: readonly string[];
}
