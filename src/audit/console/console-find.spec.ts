import { type ApiClient, ApiError } from './browser/api/client.js';
import { findArticle } from './browser/find/find-article.js';

const ID = '0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43';

/** An API that answers some paths and refuses the rest as the server would. */
function api(answers: Record<string, unknown>, refusals: Record<string, ApiError['kind']> = {}): { client: ApiClient; asked: string[] } {
  const asked: string[] = [];
  const client = {
    json: (path: string) => {
      asked.push(path);
      const refusal = Object.entries(refusals).find(([prefix]) => path.startsWith(prefix));
      if (refusal !== undefined) return Promise.reject(new ApiError(refusal[1], path));
      return path in answers ? Promise.resolve(answers[path]) : Promise.reject(new ApiError('not_found', path));
    },
  } as unknown as ApiClient;
  return { client, asked };
}

describe('finding an article in the console', () => {
  it('takes an id as it is, and a slug or a link to the live page through the live site', async () => {
    expect(await findArticle(api({}).client, { deskSearch: false }, ` ${ID.toUpperCase()} `)).toEqual({ kind: 'article', id: ID });
    const live = api({ '/v1/published/banjir-rendam-pondok-aren': { id: ID, status: 'published' } });
    expect(await findArticle(live.client, { deskSearch: false }, 'https://news.example/berita/banjir-rendam-pondok-aren')).toEqual({
      kind: 'article',
      id: ID,
    });
    const gone = api({}, { '/v1/published/': 'gone' });
    expect(await findArticle(gone.client, { deskSearch: true }, 'diturunkan')).toEqual({ kind: 'slug_gone', slug: 'diturunkan' });
  });

  it('searches only where the server offers search, keeping the items it can show', async () => {
    const none = api({});
    expect(await findArticle(none.client, { deskSearch: false }, 'gencatan senjata')).toEqual({ kind: 'nothing' });
    expect(none.asked).toEqual([]);
    const search = api({
      '/v1/desk/search?q=gencatan%20senjata&limit=20': {
        items: [{ id: ID, headline: 'Gencatan Senjata Armenia–Azerbaijan', snippet: '…gencatan senjata…' }, { id: 7 }, null],
      },
    });
    expect(await findArticle(search.client, { deskSearch: true }, 'gencatan senjata')).toEqual({
      kind: 'results',
      query: 'gencatan senjata',
      items: [{ id: ID, headline: 'Gencatan Senjata Armenia–Azerbaijan', detail: '…gencatan senjata…' }],
    });
  });

  it('lets a failure other than "no such slug" through, to be shown in words', async () => {
    await expect(findArticle(api({}, { '/v1/published/': 'network' }).client, { deskSearch: false }, 'banjir')).rejects.toMatchObject({
      kind: 'network',
    });
  });
});
