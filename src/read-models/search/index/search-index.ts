import type Database from 'better-sqlite3';
import type { ArticleStatus } from '../../../articles/model/state.js';
import type { TableNames } from '../../../platform/projections/projection.js';
import { analyserFor } from '../analysis/analysers.js';
import { COLUMNS, type MatchedIn, TIERS } from './columns.js';
import { encodeSearchCursor } from './cursor.js';
import { documentRow } from './document-row.js';
import { highlight, type Snippet } from './highlight.js';
import { LOWEST_ORDINAL, millisecondOf, millisecondsOf, nextSlot, preferredOrdinal, SLOTS_PER_MILLISECOND } from './ordinals.js';
import { planSearch, type SearchRequest } from './search-plan.js';
import { type Copy, type SearchDocument, sortDateOf } from './search-document.js';

export const SEARCH_TABLES = ['documents', 'terms'] as const;
export type SearchTable = (typeof SEARCH_TABLES)[number];

/**
 * `documents`: one row per article and copy, the document as given (for snippets and results) and its
 * ordinal. `terms`: the FTS5 index, contentless (the text is in `documents`) with deletes, whose rowid
 * is the ordinal (ordinals.ts); the `ascii` tokenizer only splits at the spaces the analysis put there.
 */
export function createSearchTables(db: Database.Database, tables: TableNames<SearchTable>): void {
  db.exec(`
    CREATE TABLE ${tables.documents} (
      article_id TEXT NOT NULL,
      copy       TEXT NOT NULL CHECK (copy IN ('working', 'live')),
      ordinal    INTEGER NOT NULL UNIQUE,
      document   TEXT NOT NULL,
      PRIMARY KEY (article_id, copy)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE ${tables.terms} USING fts5(
      ${COLUMNS.join(', ')},
      content = '', contentless_delete = 1, tokenize = 'ascii', detail = full
    );
  `);
}

export interface SearchHit {
  readonly articleId: string;
  readonly copy: Copy;
  readonly language: string;
  /** Working copies: where the workflow has it. */
  readonly status: ArticleStatus | null;
  /** Live copies: the public URL's slug. */
  readonly slug: string | null;
  readonly author: { readonly id: string; readonly name: string };
  readonly assigneeId: string | null;
  /** What the results sort by, newest first within a tier: updatedAt of a working copy, firstPublishedAt of a live one. */
  readonly date: string;
  /** The best field group every term was found in: headline, dek (headline and dek), lead (… topics, lead) or text (anywhere). */
  readonly matchedIn: MatchedIn;
  /** HTML: the headline escaped, hits in <mark>. */
  readonly headline: string;
  readonly snippet: Snippet | null;
}

export interface SearchPage {
  readonly items: readonly SearchHit[];
  /** Every document the search matches, on all pages. */
  readonly total: number;
  readonly nextCursor: string | null;
}

interface Found {
  readonly tier: number;
  readonly ordinal: bigint;
}

/**
 * The search index of one read-model generation, over the tables it is given (createSearchTables).
 * Writes are deterministic (no clock, no randomness, no dependence on what else is indexed beyond the
 * ordinal slot), so indexing the final states gives what indexing every change gave.
 */
export class SearchIndex {
  private readonly selectDocument: Database.Statement<[string, Copy], { ordinal: bigint; document: string }>;
  private readonly selectAt: Database.Statement<[bigint], { article_id: string; copy: Copy }>;
  private readonly upsertDocument: Database.Statement<[string, Copy, bigint, string]>;
  private readonly deleteDocument: Database.Statement<[string, Copy]>;
  private readonly insertTerms: Database.Statement<unknown[]>;
  private readonly deleteTerms: Database.Statement<[bigint]>;
  private readonly selectPage: Database.Statement<[string, bigint, bigint, number], { ordinal: bigint }>;
  private readonly countAll: Database.Statement<[string, bigint, bigint], { total: number }>;
  private readonly selectDocuments: Database.Statement<[string], { ordinal: bigint; document: string }>;
  private readonly selectNewest: Database.Statement<[], { newest: bigint | null }>;
  private readonly transaction: <T>(work: () => T) => T;

  constructor(db: Database.Database, tables: TableNames<SearchTable>) {
    const t = tables;
    this.selectDocument = db.prepare<[string, Copy], { ordinal: bigint; document: string }>(
      `SELECT ordinal, document FROM ${t.documents} WHERE article_id = ? AND copy = ?`,
    );
    this.selectDocument.safeIntegers(true);
    this.selectAt = db.prepare(`SELECT article_id, copy FROM ${t.documents} WHERE ordinal = ?`);
    this.upsertDocument = db.prepare(`
      INSERT INTO ${t.documents} (article_id, copy, ordinal, document) VALUES (?, ?, ?, ?)
      ON CONFLICT (article_id, copy) DO UPDATE SET ordinal = excluded.ordinal, document = excluded.document`);
    this.deleteDocument = db.prepare(`DELETE FROM ${t.documents} WHERE article_id = ? AND copy = ?`);
    this.insertTerms = db.prepare(`INSERT INTO ${t.terms} (rowid, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`);
    this.deleteTerms = db.prepare(`DELETE FROM ${t.terms} WHERE rowid = ?`);
    this.selectPage = db.prepare<[string, bigint, bigint, number], { ordinal: bigint }>(
      `SELECT rowid AS ordinal FROM ${t.terms} WHERE ${t.terms} MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?`,
    );
    this.selectPage.safeIntegers(true);
    this.countAll = db.prepare(`SELECT count(*) AS total FROM ${t.terms} WHERE ${t.terms} MATCH ? AND rowid >= ? AND rowid < ?`);
    this.selectDocuments = db.prepare<[string], { ordinal: bigint; document: string }>(
      `SELECT ordinal, document FROM ${t.documents} WHERE ordinal IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`,
    );
    this.selectDocuments.safeIntegers(true);
    this.selectNewest = db.prepare<[], { newest: bigint | null }>(`SELECT max(ordinal) AS newest FROM ${t.documents}`);
    this.selectNewest.safeIntegers(true);
    const run = db.transaction((work: () => unknown) => work());
    this.transaction = <T>(work: () => T): T => run(work) as T;
  }

  /** Indexes a document, replacing what its article and copy had. Inside the caller's transaction if there is one. */
  upsert(document: SearchDocument): void {
    const sortDate = sortDateOf(document);
    const ms = millisecondsOf(sortDate);
    if (ms === undefined) throw new Error(`Article ${document.articleId}: ${sortDate} is not an instant the search index can sort by`);
    const row = documentRow(document);
    this.transaction(() => {
      const previous = this.selectDocument.get(document.articleId, document.copy);
      if (previous !== undefined) this.deleteTerms.run(previous.ordinal);
      // An unchanged sort date keeps its slot; otherwise take the preferred one (or the next free one).
      const ordinal =
        previous !== undefined && millisecondOf(previous.ordinal) === ms
          ? previous.ordinal
          : this.freeOrdinal(ms, `${document.copy}:${document.articleId}`, document);
      this.upsertDocument.run(document.articleId, document.copy, ordinal, JSON.stringify(document));
      this.insertTerms.run(ordinal, ...COLUMNS.map((column) => row[column]));
    });
  }

  /** The document as last indexed, so a projection can change what an event changed and upsert it. */
  get(articleId: string, copy: Copy): SearchDocument | undefined {
    const row = this.selectDocument.get(articleId, copy);
    return row === undefined ? undefined : (JSON.parse(row.document) as SearchDocument);
  }

  /** Takes an article's copy out of the index; false if it was not there. */
  remove(articleId: string, copy: Copy): boolean {
    return this.transaction(() => {
      const previous = this.selectDocument.get(articleId, copy);
      if (previous === undefined) return false;
      this.deleteTerms.run(previous.ordinal);
      this.deleteDocument.run(articleId, copy);
      return true;
    });
  }

  /**
   * One page of a search: the highest tier first, newest first within a tier, at most `limit` hits and
   * `limit + 1` rows read per tier. Throws SearchError for anything wrong with the request.
   */
  search(request: SearchRequest): SearchPage {
    const plan = planSearch(request);
    const wanted = plan.limit + 1;
    const ceiling = plan.cursor?.ceiling ?? this.selectNewest.get()?.newest ?? LOWEST_ORDINAL;
    const beyond = ceiling < plan.beyond ? ceiling + 1n : plan.beyond;
    const found: Found[] = [];
    const startTier = plan.cursor?.tier ?? TIERS[0]!.tier;
    for (const { tier, expression } of plan.tiers) {
      if (tier.tier > startTier) continue;
      const below =
        plan.cursor !== undefined && tier.tier === plan.cursor.tier && plan.cursor.ordinal < beyond ? plan.cursor.ordinal : beyond;
      for (const row of this.selectPage.all(expression, plan.lowest, below, wanted - found.length))
        found.push({ tier: tier.tier, ordinal: row.ordinal });
      if (found.length >= wanted) break;
    }
    const page = found.slice(0, plan.limit);
    const last = page.at(-1);
    const documents = this.documentsAt(page.map((hit) => hit.ordinal));
    const total = this.countAll.get(plan.all, plan.lowest, beyond)?.total ?? 0;
    return {
      items: page.map((hit) => toHit(documents.get(hit.ordinal)!, hit.tier, plan.query.included)),
      total: Number(total),
      nextCursor:
        found.length > plan.limit && last !== undefined
          ? encodeSearchCursor({ tier: last.tier, ordinal: last.ordinal, ceiling, search: plan.fingerprint })
          : null,
    };
  }

  private documentsAt(ordinals: readonly bigint[]): Map<bigint, SearchDocument> {
    const rows = this.selectDocuments.all(JSON.stringify(ordinals.map(String)));
    return new Map(rows.map((row) => [row.ordinal, JSON.parse(row.document) as SearchDocument]));
  }

  private freeOrdinal(ms: number, key: string, document: SearchDocument): bigint {
    let ordinal = preferredOrdinal(ms, key);
    for (let tries = 0; tries < SLOTS_PER_MILLISECOND; tries += 1) {
      const holder = this.selectAt.get(ordinal);
      if (holder === undefined || (holder.article_id === document.articleId && holder.copy === document.copy)) return ordinal;
      ordinal = nextSlot(ordinal);
    }
    throw new Error(`More than ${SLOTS_PER_MILLISECOND} documents share the instant ${sortDateOf(document)}`);
  }
}

function toHit(document: SearchDocument, tier: number, terms: Parameters<typeof highlight>[1]): SearchHit {
  const { headline, snippet } = highlight(document.content, terms, analyserFor(document.content.language));
  const working = document.copy === 'working';
  return {
    articleId: document.articleId,
    copy: document.copy,
    language: document.content.language,
    status: working ? document.status : null,
    slug: working ? null : document.slug,
    author: { id: document.authorId, name: document.authorName },
    assigneeId: working ? document.assigneeId : null,
    date: sortDateOf(document),
    matchedIn: TIERS.find((candidate) => candidate.tier === tier)!.name,
    headline,
    snippet,
  };
}
