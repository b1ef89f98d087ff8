import Database from 'better-sqlite3';
import { createSearchTables, SearchIndex } from '../../src/read-models/search/index.js';
import { JUDGED_CORPUS } from './judged-corpus.js';
import { JUDGED_QUERIES } from './judged-queries.js';

export interface JudgedResult {
  readonly query: string;
  readonly firstFive: readonly string[];
  readonly relevantInFirstFive: number;
  readonly precisionAt5: number;
}

/**
 * Indexes the judged corpus (as working copies, a minute apart, in corpus order) and scores every
 * judged query: precision at 5 = relevant articles among the first five / min(5, relevant articles).
 */
export function judgeSearch(): { results: JudgedResult[]; meanPrecisionAt5: number } {
  const db = new Database(':memory:');
  try {
    const tables = { documents: 'judged_documents', terms: 'judged_terms' };
    createSearchTables(db, tables);
    const index = new SearchIndex(db, tables);
    JUDGED_CORPUS.forEach((article, i) => {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      index.upsert({
        copy: 'working',
        articleId: article.id,
        content: article.content,
        status: 'published',
        authorId: 'writer-judged',
        authorName: 'Penulis',
        assigneeId: null,
        createdAt: at,
        updatedAt: at,
      });
    });
    const results = JUDGED_QUERIES.map(({ query, relevant }) => {
      const firstFive = index.search({ query, scope: { kind: 'every-working-copy' }, limit: 5 }).items.map((hit) => hit.articleId);
      const relevantInFirstFive = firstFive.filter((id) => relevant.includes(id)).length;
      return { query, firstFive, relevantInFirstFive, precisionAt5: relevantInFirstFive / Math.min(5, relevant.length) };
    });
    return { results, meanPrecisionAt5: results.reduce((sum, r) => sum + r.precisionAt5, 0) / results.length };
  } finally {
    db.close();
  }
}
