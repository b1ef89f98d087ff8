import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSearchTables, type SearchDocument, SearchIndex, type SearchScope } from '../src/read-models/search/index.js';
import type { Benchmark } from './lib/benchmark.js';
import { perSecond, summarise } from './lib/latency.js';
import type { Cell } from './lib/results.js';
import { atMost } from './lib/targets.js';
import { ArticleGenerator } from './search/article-generator.js';
import { benchQueries, type QueryKind } from './search/bench-queries.js';
import { judgeSearch } from './search/precision.js';

const KINDS: readonly QueryKind[] = ['one word', 'two words', 'phrase', 'prefix'];
const BATCH = 500;
const STATUSES = ['draft', 'in_review', 'verified', 'published', 'published', 'published'] as const;

export const searchBenchmark: Benchmark = {
  name: 'search',
  title: 'Search: indexing Indonesian news and querying it',
  // eslint-disable-next-line @typescript-eslint/require-await -- the Benchmark interface is asynchronous; this one runs synchronously
  async run(ctx) {
    const articles = ctx.quick ? 5_000 : 100_000;
    const queriesPerKind = ctx.quick ? 50 : 300;
    const file = path.join(ctx.workDir, 'search.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    try {
      const tables = { documents: 'rm_search_g1_documents', terms: 'rm_search_g1_terms' };
      createSearchTables(db, tables);
      const index = new SearchIndex(db, tables);

      // Generate first, so that indexing is timed alone.
      const generator = new ArticleGenerator(14);
      const documents: SearchDocument[] = [];
      let words = 0;
      for (let i = 0; i < articles; i += 1) {
        const article = generator.next();
        const at = new Date(Date.UTC(2025, 0, 1) + i * 37_000).toISOString();
        const status = STATUSES[i % STATUSES.length]!;
        const base = {
          articleId: `article-${i}`,
          content: article.content,
          authorId: `writer-${i % 200}`,
          authorName: `Penulis ${i % 200}`,
        };
        documents.push({
          ...base,
          copy: 'working',
          status,
          assigneeId: i % 3 === 0 ? `editor-${i % 7}` : null,
          createdAt: at,
          updatedAt: at,
        });
        words += article.words;
        if (status === 'published') {
          documents.push({ ...base, copy: 'live', slug: `artikel-${i}`, firstPublishedAt: at, publishedAt: at });
          words += article.words;
        }
      }
      ctx.log(
        `  generated ${articles.toLocaleString('en-US')} articles, ${documents.length.toLocaleString('en-US')} documents, ${words.toLocaleString('en-US')} words`,
      );

      const indexStart = performance.now();
      const write = db.transaction((batch: readonly SearchDocument[]) => {
        for (const document of batch) index.upsert(document);
      });
      for (let at = 0; at < documents.length; at += BATCH) write(documents.slice(at, at + BATCH));
      const indexMs = performance.now() - indexStart;
      db.pragma('wal_checkpoint(TRUNCATE)');
      const sizes = tableSizes(db);
      const fileMiB = statSync(file).size / 2 ** 20;
      ctx.log(
        `  indexed in ${(indexMs / 1000).toFixed(1)} s = ${perSecond(documents.length, indexMs)} documents/s; file ${fileMiB.toFixed(0)} MiB`,
      );

      const desk: SearchScope = { kind: 'every-working-copy' };
      const latencyRows: Cell[][] = [];
      let worstP99 = 0;
      const measure = (label: string, queries: readonly string[], scope: SearchScope): void => {
        for (const query of queries) index.search({ query, scope, limit: 20 }); // warm the page cache
        const samples: number[] = [];
        let hits = 0;
        let empty = 0;
        for (const query of queries) {
          const start = performance.now();
          const page = index.search({ query, scope, limit: 20 });
          samples.push(performance.now() - start);
          hits += page.total;
          if (page.total === 0) empty += 1;
        }
        const s = summarise(samples);
        worstP99 = Math.max(worstP99, s.p99Ms);
        latencyRows.push([label, s.count, Math.round(hits / queries.length), empty, s.p50Ms, s.p99Ms, s.maxMs]);
        ctx.log(`  ${label}: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms (${s.count} queries, mean total ${Math.round(hits / queries.length)})`);
      };
      KINDS.forEach((kind, i) => measure(kind, benchQueries(kind, queriesPerKind, 100 + i), desk));
      measure('one word, a writer’s own copies', benchQueries('one word', queriesPerKind, 200), {
        kind: 'own-working-copies',
        authorId: 'writer-7',
      });
      measure('one word, live copies', benchQueries('one word', queriesPerKind, 300), { kind: 'live' });

      const judged = judgeSearch();
      return {
        status: 'measured',
        durability:
          'read-model database as the projections open it: journal_mode=WAL, synchronous=NORMAL; one transaction per 500 documents',
        method:
          `${articles.toLocaleString('en-US')} articles generated by bench/search/article-generator.ts (seed 14; Indonesian news from word lists: ` +
          `headline, dek, 4–8 paragraphs of affixed word forms, quotes with attributions, sources, topics), indexed as a working copy each ` +
          `and a live copy for every published one (${documents.length.toLocaleString('en-US')} documents) with SearchIndex.upsert, in a file ` +
          `database in a temp directory. Then ${queriesPerKind} queries of each kind drawn from the same vocabulary (seeded), each run once ` +
          `to warm the cache and once timed: one call of SearchIndex.search with limit 20 (the tier queries, the total count, ` +
          `loading the hits and highlighting them), the desk's scope unless said otherwise, nothing else running in the process. ` +
          `Precision at 5 from the judged set (bench/search/judged-*.ts, ${judged.results.length} queries).`,
        tables: [
          {
            title: 'Query latency (ms)',
            columns: ['queries', 'count', 'mean total hits', 'no hits', 'p50', 'p99', 'max'],
            rows: latencyRows,
          },
          {
            title: 'Indexing and size',
            columns: ['what', 'value'],
            rows: [
              ['documents indexed', documents.length],
              ['words indexed', words],
              ['seconds', Math.round(indexMs / 100) / 10],
              ['documents/s', perSecond(documents.length, indexMs)],
              ['words/s', perSecond(words, indexMs)],
              ['database file MiB', Math.round(fileMiB)],
              ...sizes.map(([name, mib]): Cell[] => [`${name} MiB`, mib]),
            ],
          },
          {
            title: 'Judged set: precision at 5',
            columns: ['query', 'precision at 5', 'first five'],
            rows: [
              ...judged.results.map((r): Cell[] => [r.query, Math.round(r.precisionAt5 * 100) / 100, r.firstFive.join(', ')]),
              ['mean', Math.round(judged.meanPrecisionAt5 * 100) / 100, ''],
            ],
          },
        ],
        ratios: [],
        targets: [{ ...atMost('search.p99', worstP99, 50, ' ms'), note: 'worst p99 of the query kinds, idle' }],
        notes: ctx.quick ? ['Quick run: the target is for 100,000 articles.'] : [],
      };
    } finally {
      db.close();
    }
  },
};

/** MiB per table group (documents; the full-text index's shadow tables), from SQLite's dbstat. */
function tableSizes(db: Database.Database): [string, number][] {
  try {
    const rows = db.prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`).all() as { name: string; bytes: number }[];
    const of = (test: (name: string) => boolean) =>
      Math.round(rows.filter((row) => test(row.name)).reduce((sum, row) => sum + row.bytes, 0) / 2 ** 17) / 8;
    return [
      ['documents table', of((name) => name.includes('_documents'))],
      ['full-text index', of((name) => name.includes('_terms'))],
    ];
  } catch {
    return [];
  }
}
