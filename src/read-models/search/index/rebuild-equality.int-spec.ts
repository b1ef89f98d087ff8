import Database from 'better-sqlite3';
import type { ArticleStatus } from '../../../articles/model/state.js';
import type { TableNames } from '../../../platform/projections/projection.js';
import { at, content, live, working } from '../testing/documents.js';
import { createSearchTables, SearchIndex, type SearchTable } from './search-index.js';
import type { SearchDocument } from './search-document.js';

/** A small deterministic generator, so the sequence is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADLINES = ['Banjir rendam Pondok Aren', 'Gencatan senjata disepakati', 'Harga beras naik lagi', 'Warga menolak penggusuran'];
const LEADS = ['Pompa disiagakan di tujuh kecamatan.', 'Perundingan berlangsung di Jenewa.', 'Pedagang mengeluhkan pasokan.'];
const STATUSES: readonly ArticleStatus[] = ['draft', 'in_review', 'verified', 'scheduled'];

/** Every row of both tables, the full-text index as its logical content (term, document, column, offset). */
function dump(db: Database.Database, tables: TableNames<SearchTable>): unknown {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_${tables.terms} USING fts5vocab(main, ${tables.terms}, 'instance')`);
  return {
    documents: db.prepare(`SELECT * FROM ${tables.documents} ORDER BY article_id, copy`).safeIntegers(true).all(),
    instances: db
      .prepare(`SELECT term, doc, col, offset FROM temp.vocab_${tables.terms} ORDER BY term, doc, col, offset`)
      .safeIntegers(true)
      .all(),
    sizes: db.prepare(`SELECT id, sz FROM ${tables.terms}_docsize ORDER BY id`).safeIntegers(true).all(),
  };
}

describe('rebuild equality', () => {
  test('indexing every change equals indexing only the final states, table by table', () => {
    const db = new Database(':memory:');
    const incremental = { documents: 'rm_search_g1_documents', terms: 'rm_search_g1_terms' };
    const rebuilt = { documents: 'rm_search_g2_documents', terms: 'rm_search_g2_terms' };
    createSearchTables(db, incremental);
    createSearchTables(db, rebuilt);
    const index = new SearchIndex(db, incremental);
    const next = random(14);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;

    const latest = new Map<string, SearchDocument>();
    for (let step = 1; step <= 400; step += 1) {
      const articleId = `article-${Math.floor(next() * 25)}`;
      const current = latest.get(`working:${articleId}`);
      const choice = next();
      const changed = content({
        headline: `${pick(HEADLINES)} ${step % 7}`,
        lead: pick(LEADS),
        topics: [pick(['Banjir', 'banjir', 'Politik'])],
      });
      if (current === undefined || current.copy !== 'working' || choice < 0.4) {
        const document = working(articleId, {
          content: changed,
          status: 'draft',
          createdAt: at(step),
          updatedAt: at(step),
          assigneeId: next() < 0.3 ? 'editor-ayu' : null,
        });
        index.upsert(document);
        latest.set(`working:${articleId}`, document);
      } else if (choice < 0.7) {
        const document = { ...current, status: pick(STATUSES), updatedAt: at(step) };
        index.upsert(document);
        latest.set(`working:${articleId}`, document);
      } else if (choice < 0.9) {
        const document = live(articleId, { content: current.content, firstPublishedAt: at(step - (step % 3)), publishedAt: at(step) });
        index.upsert(document);
        latest.set(`live:${articleId}`, document);
      } else {
        index.remove(articleId, 'live');
        latest.delete(`live:${articleId}`);
      }
    }

    // The final states, in another order than they were written.
    const fresh = new SearchIndex(db, rebuilt);
    for (const document of [...latest.values()].reverse()) fresh.upsert(document);

    const normalise = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as unknown;
    expect(normalise(dump(db, rebuilt))).toEqual(normalise(dump(db, incremental)));
    expect((dump(db, incremental) as { documents: unknown[] }).documents.length).toBe(latest.size);
    const search = (on: SearchIndex) => on.search({ query: 'banjir', scope: { kind: 'every-working-copy' }, limit: 100 });
    expect(search(fresh)).toEqual(search(index));
    db.close();
  });
});
