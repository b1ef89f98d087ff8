import Database from 'better-sqlite3';
import { MEETING_PAIRS } from '../testing/word-pairs.js';
import { at, content, live, working } from '../testing/documents.js';
import { SearchError, type SearchErrorCode } from '../search-error.js';
import type { SearchScope } from '../search-scope.js';
import { createSearchTables, type SearchHit, SearchIndex, type SearchTable } from './search-index.js';
import type { SearchRequest } from './search-plan.js';
import type { TableNames } from '../../../platform/projections/projection.js';

const STAFF: SearchScope = { kind: 'every-working-copy' };
const SITE: SearchScope = { kind: 'live' };

function newIndex(generation = 1): { db: Database.Database; index: SearchIndex; tables: TableNames<SearchTable> } {
  const db = new Database(':memory:');
  const tables = { documents: `rm_search_g${generation}_documents`, terms: `rm_search_g${generation}_terms` };
  createSearchTables(db, tables);
  return { db, index: new SearchIndex(db, tables), tables };
}

const ids = (hits: readonly SearchHit[]) => hits.map((hit) => hit.articleId);

function codeOf(run: () => unknown): SearchErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof SearchError) return error.code;
    throw error;
  }
  throw new Error('no SearchError was thrown');
}

describe('SearchIndex', () => {
  let db: Database.Database;
  let index: SearchIndex;
  const find = (query: string, request: Partial<SearchRequest> = {}) => index.search({ query, scope: STAFF, limit: 100, ...request });

  beforeEach(() => {
    ({ db, index } = newIndex());
  });
  afterEach(() => db.close());

  describe('the query language', () => {
    beforeEach(() => {
      index.upsert(working('ceasefire', { content: content({ headline: 'Gencatan senjata Armenia dan Azerbaijan disepakati' }) }));
      index.upsert(working('reversed', { content: content({ headline: 'Senjata ditemukan, gencatan belum dibahas' }) }));
      index.upsert(
        working('floods', { content: content({ headline: 'Banjir rendam Pondok Aren', lead: 'Pompa disiagakan di Kali Angke.' }) }),
      );
      index.upsert(working('accents', { content: content({ headline: 'Pérez datang ke Jakarta' }) }));
    });

    test('words: every one must match, in any order', () => {
      expect(ids(find('senjata gencatan').items).sort()).toEqual(['ceasefire', 'reversed']);
      expect(ids(find('gencatan azerbaijan').items)).toEqual(['ceasefire']);
      expect(find('gencatan bekasi').items).toEqual([]);
    });

    test('"a phrase": those words, in that order', () => {
      expect(ids(find('"gencatan senjata"').items)).toEqual(['ceasefire']);
      expect(ids(find('"senjata gencatan"').items)).toEqual([]);
    });

    test('prefix*: the start of a written word', () => {
      expect(ids(find('azer*').items)).toEqual(['ceasefire']);
      expect(ids(find('disiag*').items)).toEqual(['floods']);
      expect(ids(find('ARME*').items)).toEqual(['ceasefire']);
    });

    test('-excluded: a word, a phrase or a prefix keeps documents out', () => {
      expect(ids(find('senjata -armenia').items)).toEqual(['reversed']);
      expect(ids(find('senjata -"gencatan senjata"').items)).toEqual(['reversed']);
      expect(ids(find('senjata -azer*').items)).toEqual(['reversed']);
    });

    test('case and diacritics do not matter, in the query or the text', () => {
      expect(ids(find('PEREZ').items)).toEqual(['accents']);
      expect(ids(find('pérez jakartá').items)).toEqual(['accents']);
    });

    test('operator words and brackets are searched as text, not run as syntax', () => {
      index.upsert(working('operators', { content: content({ headline: 'Near and far: OR not' }) }));
      expect(ids(find('NEAR(and OR) not').items)).toEqual(['operators']);
      expect(find('{headline}: banjir').items.map((hit) => hit.articleId)).toEqual([]);
    });

    test('bad queries are clear errors', () => {
      expect(codeOf(() => find(''))).toBe('empty-query');
      expect(codeOf(() => find('-banjir'))).toBe('only-excluded');
      expect(codeOf(() => find('"banjir'))).toBe('unclosed-phrase');
      expect(codeOf(() => find('x'.repeat(501)))).toBe('query-too-long');
    });
  });

  test(`forms of one word meet in both directions (${MEETING_PAIRS.length} pairs)`, () => {
    MEETING_PAIRS.forEach(([a, b], i) => {
      index.upsert(working(`a${i}`, { content: content({ headline: `Kabar ${a}` }) }));
      index.upsert(working(`b${i}`, { content: content({ headline: `Kabar ${b}` }) }));
    });
    const failures = MEETING_PAIRS.flatMap(([a, b], i) => [
      ...(ids(find(a).items).includes(`b${i}`) ? [] : [`${a} does not find ${b}`]),
      ...(ids(find(b).items).includes(`a${i}`) ? [] : [`${b} does not find ${a}`]),
    ]);
    expect(failures).toEqual([]);
  });

  describe('languages', () => {
    test('an Indonesian article is stemmed, an English one the English way, any other only folded', () => {
      index.upsert(working('id', { content: content({ headline: 'Upaya meredakan ketegangan' }) }));
      index.upsert(working('en', { content: content({ language: 'en', headline: 'Elections were negotiated' }) }));
      index.upsert(working('de', { content: content({ language: 'de', headline: 'Meredakan als Fremdwort' }) }));
      expect(ids(find('redakan').items)).toEqual(['id']);
      expect(ids(find('meredakan').items).sort()).toEqual(['de', 'id']);
      expect(ids(find('election negotiations').items)).toEqual(['en']);
    });
  });

  describe('ranking', () => {
    test('headline above dek above lead above the rest; newest first within each', () => {
      index.upsert(working('body-new', { updatedAt: at(50), content: content({ paragraphs: ['Soal banjir dibahas.'] }) }));
      index.upsert(
        working('quote', {
          updatedAt: at(40),
          content: { ...content(), body: [{ type: 'quote', text: 'Banjir datang lagi', attribution: 'Rina' }] },
        }),
      );
      index.upsert(working('lead', { updatedAt: at(30), content: content({ lead: 'Banjir merendam desa.' }) }));
      index.upsert(working('dek', { updatedAt: at(20), content: content({ dek: 'Warga menolak banjir kiriman.' }) }));
      index.upsert(working('headline-old', { updatedAt: at(5), content: content({ headline: 'Banjir lagi' }) }));
      index.upsert(working('headline-new', { updatedAt: at(10), content: content({ headline: 'Kebanjiran lagi' }) }));
      const { items } = find('banjir');
      expect(items.map((hit) => [hit.articleId, hit.matchedIn])).toEqual([
        ['headline-new', 'headline'],
        ['headline-old', 'headline'],
        ['dek', 'dek'],
        ['lead', 'lead'],
        ['body-new', 'text'],
        ['quote', 'text'],
      ]);
    });

    test('a tier needs every term in its fields', () => {
      index.upsert(working('split', { updatedAt: at(9), content: content({ headline: 'Banjir datang', lead: 'Jakarta siaga.' }) }));
      index.upsert(working('together', { updatedAt: at(1), content: content({ headline: 'Banjir Jakarta' }) }));
      expect(find('banjir jakarta').items.map((hit) => [hit.articleId, hit.matchedIn])).toEqual([
        ['together', 'headline'],
        ['split', 'lead'],
      ]);
    });

    test('quotes, who said them and the sources are searchable', () => {
      index.upsert(
        working('sourced', {
          content: {
            ...content(),
            body: [{ type: 'quote', text: 'Kami siap.', attribution: 'Rina Maharani', role: 'Juru bicara BPBD' }],
            sources: [{ name: 'Reuters' }],
          },
        }),
      );
      for (const query of ['kami siap', 'maharani', '"juru bicara"', 'reuters']) expect(ids(find(query).items)).toEqual(['sourced']);
      expect(find('maharani').items[0]?.snippet).toEqual({ field: 'attribution', html: 'Rina <mark>Maharani</mark>, Juru bicara BPBD' });
    });
  });

  describe('who sees what', () => {
    beforeEach(() => {
      index.upsert(working('dimas-draft', { content: content({ headline: 'Banjir draf Dimas' }) }));
      index.upsert(
        working('sari-draft', { authorId: 'writer-sari', authorName: 'Sari', content: content({ headline: 'Banjir draf Sari' }) }),
      );
      index.upsert(working('sari-live', { authorId: 'writer-sari', status: 'published', content: content({ headline: 'Banjir tayang' }) }));
      index.upsert(live('sari-live', { authorId: 'writer-sari', content: content({ headline: 'Banjir tayang' }) }));
    });

    test('the site and services find live copies only, never a draft', () => {
      const { items, total } = find('banjir', { scope: SITE });
      expect(items.map((hit) => [hit.articleId, hit.copy, hit.slug])).toEqual([['sari-live', 'live', 'artikel-sari-live']]);
      expect(total).toBe(1);
      expect(find('dimas', { scope: SITE }).items).toEqual([]);
    });

    test('a live copy removed on unpublishing is found no more', () => {
      expect(index.remove('sari-live', 'live')).toBe(true);
      expect(find('banjir', { scope: SITE }).items).toEqual([]);
      expect(index.remove('sari-live', 'live')).toBe(false);
    });

    test("a writer finds their own working copies and never another writer's", () => {
      const own: SearchScope = { kind: 'own-working-copies', authorId: 'writer-dimas' };
      expect(ids(find('banjir', { scope: own }).items)).toEqual(['dimas-draft']);
      expect(find('sari', { scope: own }).items).toEqual([]);
      expect(find('banjir', { scope: own }).total).toBe(1);
      expect(codeOf(() => find('banjir', { scope: own, filters: { authorId: 'writer-sari' } }))).toBe('author-outside-scope');
    });

    test('the desk finds every working copy, never a live one', () => {
      expect(
        find('banjir')
          .items.map((hit) => `${hit.articleId}:${hit.copy}`)
          .sort(),
      ).toEqual(['dimas-draft:working', 'sari-draft:working', 'sari-live:working']);
    });
  });

  describe('filters', () => {
    beforeEach(() => {
      index.upsert(
        working('a', { status: 'draft', updatedAt: at(1), content: content({ headline: 'Banjir satu', topics: ['Banjir', 'Jakarta'] }) }),
      );
      index.upsert(
        working('b', { status: 'in_review', updatedAt: at(2), assigneeId: 'editor-ayu', content: content({ headline: 'Banjir dua' }) }),
      );
      index.upsert(
        working('c', { status: 'verified', updatedAt: at(3), authorId: 'writer-sari', content: content({ headline: 'Banjir tiga' }) }),
      );
      index.upsert(
        live('c', { authorId: 'writer-sari', firstPublishedAt: at(4), content: content({ headline: 'Banjir tiga', topics: ['Jakarta'] }) }),
      );
    });

    test('by status, author, topic (case-insensitively) and assignee', () => {
      expect(ids(find('banjir', { filters: { statuses: ['in_review', 'verified'] } }).items)).toEqual(['c', 'b']);
      expect(ids(find('banjir', { filters: { authorId: 'writer-sari' } }).items)).toEqual(['c']);
      expect(ids(find('banjir', { filters: { topic: ' jakarta ' } }).items)).toEqual(['a']);
      expect(ids(find('banjir', { scope: SITE, filters: { topic: 'JAKARTA' } }).items)).toEqual(['c']);
      expect(ids(find('banjir', { filters: { assigneeId: 'editor-ayu' } }).items)).toEqual(['b']);
      expect(ids(find('banjir', { filters: { assigneeId: null } }).items)).toEqual(['c', 'a']);
    });

    test('by a date range on the sort date, from inclusive to exclusive', () => {
      expect(ids(find('banjir', { filters: { since: at(2), until: at(3) } }).items)).toEqual(['b']);
      expect(find('banjir', { filters: { since: at(2) } }).total).toBe(2);
      expect(ids(find('banjir', { scope: SITE, filters: { until: at(4) } }).items)).toEqual([]);
    });

    test('filters that make no sense are errors', () => {
      expect(codeOf(() => find('banjir', { scope: SITE, filters: { statuses: ['draft'] } }))).toBe('filter-not-for-copy');
      expect(codeOf(() => find('banjir', { scope: SITE, filters: { assigneeId: null } }))).toBe('filter-not-for-copy');
      expect(codeOf(() => find('banjir', { filters: { statuses: ['drafts' as never] } }))).toBe('invalid-filter');
      expect(codeOf(() => find('banjir', { filters: { since: 'yesterday' } }))).toBe('invalid-date-range');
      expect(codeOf(() => find('banjir', { filters: { since: at(5), until: at(5) } }))).toBe('invalid-date-range');
      expect(codeOf(() => find('banjir', { limit: 0 }))).toBe('invalid-limit');
      expect(codeOf(() => find('banjir', { limit: 101 }))).toBe('invalid-limit');
    });
  });

  describe('paging', () => {
    beforeEach(() => {
      for (let i = 0; i < 5; i += 1)
        index.upsert(working(`body-${i}`, { updatedAt: at(i), content: content({ paragraphs: ['Banjir di sana.'] }) }));
      for (let i = 0; i < 3; i += 1)
        index.upsert(working(`headline-${i}`, { updatedAt: at(i), content: content({ headline: `Banjir ${i}` }) }));
    });

    function pages(query: string, limit: number, between?: (page: number) => void): string[][] {
      const seen: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = find(query, { limit, ...(cursor === undefined ? {} : { cursor }) });
        seen.push(ids(page.items));
        expect(page.total).toBeGreaterThanOrEqual(8);
        between?.(seen.length);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && seen.length < 20);
      return seen;
    }

    test('walks every tier in order, each hit once, with the total on every page', () => {
      expect(pages('banjir', 3)).toEqual([
        ['headline-2', 'headline-1', 'headline-0'],
        ['body-4', 'body-3', 'body-2'],
        ['body-1', 'body-0'],
      ]);
    });

    test('stays stable while new documents arrive', () => {
      const seen = pages('banjir', 2, (page) => {
        index.upsert(working(`new-headline-${page}`, { updatedAt: at(100 + page), content: content({ headline: 'Banjir baru' }) }));
        index.upsert(working(`new-body-${page}`, { updatedAt: at(100 + page), content: content({ paragraphs: ['Banjir baru.'] }) }));
      });
      expect(seen.flat()).toEqual(['headline-2', 'headline-1', 'headline-0', 'body-4', 'body-3', 'body-2', 'body-1', 'body-0']);
    });

    test('a cursor is only good for the search that made it', () => {
      const { nextCursor } = find('banjir', { limit: 1 });
      expect(codeOf(() => find('banjir', { cursor: 'not-a-cursor' }))).toBe('invalid-cursor');
      expect(codeOf(() => find('banjir -sana', { cursor: nextCursor! }))).toBe('cursor-mismatch');
      expect(codeOf(() => find('banjir', { cursor: nextCursor!, scope: SITE }))).toBe('cursor-mismatch');
      expect(find('banjir', { limit: 1, cursor: nextCursor! }).items).toHaveLength(1);
    });
  });

  describe('writing', () => {
    test('an upsert replaces what the copy had; get returns it as given', () => {
      const first = working('x', { content: content({ headline: 'Banjir lama' }) });
      index.upsert(first);
      expect(index.get('x', 'working')).toEqual(first);
      const second = working('x', { updatedAt: at(9), content: content({ headline: 'Kebakaran baru' }) });
      index.upsert(second);
      expect(find('banjir').items).toEqual([]);
      expect(ids(find('kebakaran').items)).toEqual(['x']);
      expect(index.get('x', 'working')).toEqual(second);
      expect(index.get('x', 'live')).toBeUndefined();
    });

    test('a document that cannot be indexed changes nothing', () => {
      index.upsert(working('x', { content: content({ headline: 'Banjir lama' }) }));
      expect(() => index.upsert(working('x', { updatedAt: 'kemarin', content: content({ headline: 'Kebakaran' }) }))).toThrow(/kemarin/);
      expect(ids(find('banjir').items)).toEqual(['x']);
      expect(find('kebakaran').items).toEqual([]);
    });

    test('two documents of one millisecond both get a place', () => {
      for (let i = 0; i < 50; i += 1) index.upsert(working(`same-${i}`, { updatedAt: at(1), content: content({ headline: 'Banjir' }) }));
      expect(find('banjir').total).toBe(50);
    });
  });
});
