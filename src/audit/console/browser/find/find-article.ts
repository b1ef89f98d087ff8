import { type ApiClient, ApiError } from '../api/client.js';
import type { Capabilities } from '../api/capabilities.js';
import { UUID } from '../router.js';

export interface FoundArticle {
  readonly id: string;
  readonly headline: string;
  readonly detail?: string;
}

export type FindResult =
  | { readonly kind: 'article'; readonly id: string }
  | { readonly kind: 'results'; readonly query: string; readonly items: readonly FoundArticle[] }
  | { readonly kind: 'slug_gone'; readonly slug: string }
  | { readonly kind: 'nothing' };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEARCH_LIMIT = 20;

/**
 * What the auditor typed: an id, a published slug (or a link to the live page), or words to
 * search for where the server offers search.
 */
export async function findArticle(api: ApiClient, capabilities: Capabilities, input: string): Promise<FindResult> {
  const text = input.trim();
  const candidate = lastPathSegment(text);
  if (UUID.test(candidate)) return { kind: 'article', id: candidate.toLowerCase() };
  if (SLUG.test(candidate)) {
    try {
      const published = await api.json<{ id?: unknown }>(`/v1/published/${encodeURIComponent(candidate)}`);
      if (typeof published.id === 'string') return { kind: 'article', id: published.id };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.kind === 'gone') return { kind: 'slug_gone', slug: candidate };
      if (error.kind !== 'not_found') throw error;
    }
  }
  if (!capabilities.deskSearch) return { kind: 'nothing' };
  const answer = await api.json<{ items?: unknown }>(`/v1/desk/search?q=${encodeURIComponent(text)}&limit=${SEARCH_LIMIT}`);
  return { kind: 'results', query: text, items: searchItems(answer.items) };
}

/** A pasted link to the live page ends in the slug. */
function lastPathSegment(text: string): string {
  if (!/^https?:\/\//i.test(text)) return text;
  try {
    return new URL(text).pathname.split('/').filter(Boolean).at(-1) ?? text;
  } catch {
    return text;
  }
}

/** Search results as the console needs them: an id and a headline; anything else in an item is left alone. */
function searchItems(items: unknown): FoundArticle[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const record = item as { id?: unknown; headline?: unknown; snippet?: unknown } | null;
    if (typeof record?.id !== 'string' || typeof record.headline !== 'string') return [];
    return [{ id: record.id, headline: record.headline, ...(typeof record.snippet === 'string' ? { detail: record.snippet } : {}) }];
  });
}
