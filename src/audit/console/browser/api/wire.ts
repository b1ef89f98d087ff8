/**
 * The API's JSON as the console reads it (docs/auditing.md describes each shape). Written out
 * here rather than imported from the server: the console is a client of the HTTP API and
 * must keep working across server-side refactors that keep the wire format.
 */

export interface Actor {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly string[];
}

export interface HistoryEntry {
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly commandId: string | null;
  readonly commandType: string | null;
  readonly summary: string;
  readonly hash: string | null;
  readonly previousHash: string | null;
}

export interface HistoryPage {
  readonly articleId: string;
  readonly latestRevision: number;
  readonly items: readonly HistoryEntry[];
  readonly next: number | null;
}

export interface Denial {
  readonly revision: number;
  readonly at: string;
  readonly actor: Actor;
  readonly commandType: string;
  readonly streamId: string;
  readonly articleId?: string;
  readonly code: string;
  readonly reason: string;
  readonly commandId: string;
  readonly correlationId: string | null;
}

export interface DenialsPage {
  readonly items: readonly Denial[];
  readonly next: number | null;
}

export type ChainBreakCode = 'revision_gap' | 'missing_hash' | 'previous_hash_mismatch' | 'hash_mismatch' | 'not_chainable';

export type Integrity =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | { readonly ok: false; readonly events: number; readonly brokenAt: number; readonly code: ChainBreakCode; readonly reason: string };

/** A body block. Types the console does not know yet (e.g. images) are shown by their fields. */
export interface Block {
  readonly type: string;
  readonly text?: string;
  readonly attribution?: string;
  readonly role?: string;
  readonly url?: string;
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
}

export interface Source {
  readonly name: string;
  readonly url?: string;
}

export interface Content {
  readonly headline: string;
  readonly dek: string;
  readonly dateline: string;
  readonly language: string;
  readonly body: readonly Block[];
  readonly sources: readonly Source[];
  readonly topics: readonly string[];
}

export interface RelatedLink {
  readonly relatedArticleId: string;
  readonly afterBlock?: number;
}

export interface LiveCopy {
  readonly slug: string;
  readonly content: Content;
  readonly publishedAt: string;
  readonly firstPublishedAt: string;
  readonly editorId: string;
  readonly editorName: string;
}

export interface Article {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly status: string;
  readonly revision: number;
  readonly content: Content;
  readonly live: LiveCopy | null;
  readonly slug: string | null;
  readonly verification: { readonly verifiedByName: string; readonly revision: number; readonly at: string } | null;
  readonly schedule: { readonly publishAt: string; readonly byName: string } | null;
  readonly related: readonly RelatedLink[];
  readonly corrections: readonly { readonly note: string; readonly at: string; readonly editorName: string }[];
  readonly unpublished: {
    readonly mode: 'withdraw' | 'takedown';
    readonly reason: string;
    readonly notice?: string;
    readonly at: string;
  } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AsOf {
  readonly articleId: string;
  readonly revision: number;
  readonly occurredAt: string;
  readonly latestRevision: number;
  readonly article: Article;
}

export interface WordPart {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
}

export interface TextChange {
  readonly before: string;
  readonly after: string;
  readonly words: readonly WordPart[];
}

export interface ValueChange<T> {
  readonly before: T;
  readonly after: T;
}

export type BlockChange =
  | { readonly op: 'unchanged'; readonly fromIndex: number; readonly toIndex: number; readonly block: Block }
  | { readonly op: 'added'; readonly toIndex: number; readonly block: Block }
  | { readonly op: 'removed'; readonly fromIndex: number; readonly block: Block }
  | {
      readonly op: 'changed';
      readonly fromIndex: number;
      readonly toIndex: number;
      readonly type: string;
      readonly before: Block;
      readonly after: Block;
      readonly text?: TextChange;
      readonly attribution?: ValueChange<string | null>;
      readonly role?: ValueChange<string | null>;
    };

export interface ContentDiff {
  readonly headline?: TextChange;
  readonly dek?: TextChange;
  readonly dateline?: TextChange;
  readonly language?: ValueChange<string>;
  readonly body?: readonly BlockChange[];
  readonly sources?: {
    readonly added: readonly Source[];
    readonly removed: readonly Source[];
    readonly changed: readonly { readonly name: string; readonly before: Source; readonly after: Source }[];
    readonly reordered?: true;
  };
  readonly topics?: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly reordered?: true };
}

export interface ArticleDiff {
  readonly articleId: string;
  readonly from: { readonly revision: number; readonly occurredAt: string };
  readonly to: { readonly revision: number; readonly occurredAt: string };
  readonly identical: boolean;
  readonly content: ContentDiff;
  readonly status?: ValueChange<string>;
  readonly slug?: ValueChange<string | null>;
  readonly related?: {
    readonly added: readonly RelatedLink[];
    readonly removed: readonly RelatedLink[];
    readonly moved: readonly { readonly relatedArticleId: string; readonly before: number | null; readonly after: number | null }[];
  };
  readonly live?: {
    readonly before: Omit<LiveCopy, 'content'> | null;
    readonly after: Omit<LiveCopy, 'content'> | null;
    readonly content?: ContentDiff;
  };
  readonly verification?: ValueChange<Article['verification']>;
  readonly schedule?: ValueChange<Article['schedule']>;
  readonly unpublished?: ValueChange<Article['unpublished']>;
  readonly editorNotes?: {
    readonly added: readonly { readonly notes: string; readonly byName: string }[];
    readonly removed: readonly unknown[];
  };
  readonly corrections?: {
    readonly added: readonly { readonly note: string; readonly editorName: string }[];
    readonly removed: readonly unknown[];
  };
}

export interface DeskItem {
  readonly id: string;
  readonly headline: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly status: string;
  readonly updatedAt: string;
  readonly live: { readonly slug: string } | null;
}

export interface DeskPage {
  readonly items: readonly DeskItem[];
  readonly nextCursor: string | null;
}

export interface Contributor {
  readonly id: string;
  readonly displayName: string;
  readonly verificationStatus: 'verified' | 'unverified';
  readonly publicContact: string | null;
}

/** One line of a history export (NDJSON). */
export interface ExportLine {
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** RFC 9457 problem details, as the API sends every error. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly correlationId?: string;
  readonly retryAfter?: string;
}
