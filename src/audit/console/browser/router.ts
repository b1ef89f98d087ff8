/**
 * Where the console is, kept in the URL's fragment so the back button, bookmarks and a
 * reload work. Only ids and revisions go there, never the token.
 */
export type Route =
  | { readonly view: 'find' }
  | { readonly view: 'timeline'; readonly articleId: string }
  | { readonly view: 'diff'; readonly articleId: string; readonly from?: number; readonly to?: number }
  | { readonly view: 'as-of'; readonly articleId: string; readonly revision?: number; readonly at?: string }
  | { readonly view: 'integrity'; readonly articleId: string };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [section, articleId, view, ...rest] = parts;
  if (section !== 'article' || articleId === undefined || !UUID.test(articleId)) return { view: 'find' };
  const number = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  switch (view) {
    case undefined:
    case 'timeline':
      return { view: 'timeline', articleId };
    case 'diff': {
      const from = number(rest[0]);
      const to = number(rest[1]);
      return from === undefined || to === undefined ? { view: 'diff', articleId } : { view: 'diff', articleId, from, to };
    }
    case 'as-of': {
      if (rest[0] === 'at' && rest[1] !== undefined && !Number.isNaN(Date.parse(rest[1]))) return { view: 'as-of', articleId, at: rest[1] };
      const revision = number(rest[0]);
      return revision === undefined ? { view: 'as-of', articleId } : { view: 'as-of', articleId, revision };
    }
    case 'integrity':
      return { view: 'integrity', articleId };
    default:
      return { view: 'timeline', articleId };
  }
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'find':
      return '#/';
    case 'timeline':
      return `#/article/${route.articleId}`;
    case 'diff':
      return route.from === undefined || route.to === undefined
        ? `#/article/${route.articleId}/diff`
        : `#/article/${route.articleId}/diff/${route.from}/${route.to}`;
    case 'as-of':
      if (route.at !== undefined) return `#/article/${route.articleId}/as-of/at/${encodeURIComponent(route.at)}`;
      return route.revision === undefined ? `#/article/${route.articleId}/as-of` : `#/article/${route.articleId}/as-of/${route.revision}`;
    case 'integrity':
      return `#/article/${route.articleId}/integrity`;
  }
}
