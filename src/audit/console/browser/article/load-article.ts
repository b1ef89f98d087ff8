import { type ApiClient, ApiError } from '../api/client.js';
import type { Article, Denial, DenialsPage, ExportLine, HistoryEntry, HistoryPage, Integrity } from '../api/wire.js';
import { type BrowserChainReport, parseExport, verifyStream } from '../verify/browser-chain.js';

// What one article page loads at most: bounded work for the browser and the server alike.
export const HISTORY_PAGE = 500;
export const MAX_HISTORY_PAGES = 10;
export const MAX_EXPORT_BYTES = 32 * 1024 * 1024;
const DENIALS_PAGE = 200;
const MAX_DENIAL_REQUESTS = 5;

export type ExportCheck =
  | { readonly kind: 'checked'; readonly lines: readonly ExportLine[]; readonly report: BrowserChainReport }
  | { readonly kind: 'too_large'; readonly bytes: number }
  | { readonly kind: 'unreadable'; readonly line: number }
  | { readonly kind: 'failed'; readonly error: unknown };

export type ServerCheck =
  { readonly kind: 'checked'; readonly integrity: Integrity } | { readonly kind: 'failed'; readonly error: unknown };

export type DenialsLoad =
  | { readonly kind: 'loaded'; readonly items: readonly Denial[]; readonly next: number | null }
  | { readonly kind: 'hidden' }
  | { readonly kind: 'failed'; readonly error: unknown };

export interface ArticleRecord {
  readonly article: Article;
  readonly history: readonly HistoryEntry[];
  readonly latestRevision: number;
  /** The history has more events than the console loads at once. */
  readonly truncated: boolean;
  readonly exportCheck: ExportCheck;
  readonly serverCheck: ServerCheck;
  readonly denials: DenialsLoad;
  readonly checkedAt: string;
}

/**
 * Everything the article page shows, fetched side by side. The article and its history must
 * load; the checks and the denials may fail on their own and are then shown as failed.
 */
export async function loadArticle(api: ApiClient, articleId: string): Promise<ArticleRecord> {
  const base = `/v1/articles/${articleId}`;
  const [article, history, exportCheck, serverCheck, denials] = await Promise.all([
    api.json<Article>(base),
    loadHistory(api, base),
    checkExport(api, articleId),
    checkOnServer(api, articleId),
    loadDenials(api, articleId),
  ]);
  return { article, ...history, exportCheck, serverCheck, denials, checkedAt: new Date().toISOString() };
}

/** The two chain checks again, e.g. when the auditor presses "Verify". */
export async function recheck(
  api: ApiClient,
  articleId: string,
): Promise<Pick<ArticleRecord, 'exportCheck' | 'serverCheck' | 'checkedAt'>> {
  const [exportCheck, serverCheck] = await Promise.all([checkExport(api, articleId), checkOnServer(api, articleId)]);
  return { exportCheck, serverCheck, checkedAt: new Date().toISOString() };
}

async function loadHistory(api: ApiClient, base: string): Promise<Pick<ArticleRecord, 'history' | 'latestRevision' | 'truncated'>> {
  const history: HistoryEntry[] = [];
  let from: number | null = 0;
  let latestRevision = 0;
  for (let page = 0; page < MAX_HISTORY_PAGES && from !== null; page++) {
    const answer: HistoryPage = await api.json<HistoryPage>(`${base}/history?limit=${HISTORY_PAGE}&from=${from}`);
    history.push(...answer.items);
    latestRevision = answer.latestRevision;
    from = answer.next;
  }
  return { history, latestRevision, truncated: from !== null };
}

export async function fetchExport(api: ApiClient, articleId: string): Promise<string> {
  return api.text(`/v1/articles/${articleId}/history/export`, { maxBytes: MAX_EXPORT_BYTES, accept: 'application/x-ndjson' });
}

async function checkExport(api: ApiClient, articleId: string): Promise<ExportCheck> {
  let text: string;
  try {
    text = await fetchExport(api, articleId);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'too_large') return { kind: 'too_large', bytes: Number(error.problem?.detail ?? 0) };
    return { kind: 'failed', error };
  }
  const parsed = parseExport(text);
  if (!parsed.ok) return { kind: 'unreadable', line: parsed.line };
  return { kind: 'checked', lines: parsed.lines, report: verifyStream(`article-${articleId}`, parsed.lines) };
}

async function checkOnServer(api: ApiClient, articleId: string): Promise<ServerCheck> {
  try {
    return { kind: 'checked', integrity: await api.json<Integrity>(`/v1/articles/${articleId}/integrity`) };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** The article's denied attempts, newest first, reading a bounded part of the denial log. */
export async function loadDenials(api: ApiClient, articleId: string, before?: number): Promise<DenialsLoad> {
  const items: Denial[] = [];
  let next: number | null | undefined = before;
  try {
    for (let request = 0; request < MAX_DENIAL_REQUESTS && next !== null; request++) {
      const cursor: string = next === undefined ? '' : `&before=${next}`;
      const page: DenialsPage = await api.json<DenialsPage>(`/v1/audit/denials?article=${articleId}&limit=${DENIALS_PAGE}${cursor}`);
      items.push(...page.items);
      next = page.next;
    }
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'forbidden') return { kind: 'hidden' };
    return { kind: 'failed', error };
  }
  return { kind: 'loaded', items, next: next ?? null };
}
