import type { ArticleContent } from '../../../articles/model/content.js';
import type { Analyser } from '../analysis/analysers.js';
import { type Token, tokenize } from '../analysis/tokens.js';
import type { SearchTerm } from '../query/compile-query.js';

export type SnippetField = 'dek' | 'lead' | 'body' | 'quote' | 'attribution' | 'source' | 'dateline' | 'topic';

export interface Snippet {
  readonly field: SnippetField;
  /** HTML: the text escaped, every hit in <mark>…</mark>, cut to a bounded length with "…". */
  readonly html: string;
}

export const HEADLINE_MAX_CHARS = 300;
export const SNIPPET_MAX_CHARS = 240;

interface Span {
  readonly start: number;
  readonly end: number;
}

interface Marked {
  readonly spans: readonly Span[];
  /** How many different query terms the text matched. */
  readonly terms: number;
}

/** The headline and the passage that shows best why a document matched, with the hits marked. */
export function highlight(
  content: ArticleContent,
  terms: readonly SearchTerm[],
  analyser: Analyser,
): { headline: string; snippet: Snippet | null } {
  const headline = excerpt(content.headline, mark(content.headline, terms, analyser).spans, HEADLINE_MAX_CHARS);
  const candidates = snippetCandidates(content);
  let best: { field: SnippetField; text: string; marked: Marked } | undefined;
  for (const candidate of candidates) {
    const marked = mark(candidate.text, terms, analyser);
    if (marked.terms > (best?.marked.terms ?? 0)) best = { ...candidate, marked };
    // No passage can show more than every term: the first that does is the one.
    if (marked.terms === terms.length) break;
  }
  if (best !== undefined)
    return { headline, snippet: { field: best.field, html: excerpt(best.text, best.marked.spans, SNIPPET_MAX_CHARS) } };
  // Only the headline matched: show the opening of the story instead.
  const opening = candidates.find((candidate) => candidate.field === 'dek' || candidate.field === 'lead');
  return { headline, snippet: opening === undefined ? null : { field: opening.field, html: excerpt(opening.text, [], SNIPPET_MAX_CHARS) } };
}

function snippetCandidates(content: ArticleContent): { field: SnippetField; text: string }[] {
  const candidates: { field: SnippetField; text: string }[] = [{ field: 'dek', text: content.dek }];
  let leadSeen = false;
  for (const block of content.body) {
    if (block.type === 'quote') {
      candidates.push({ field: 'quote', text: block.text });
      candidates.push({ field: 'attribution', text: block.role === undefined ? block.attribution : `${block.attribution}, ${block.role}` });
    } else if (block.type === 'paragraph' && !leadSeen) {
      leadSeen = true;
      candidates.push({ field: 'lead', text: block.text });
    } else {
      candidates.push({ field: 'body', text: block.text });
    }
  }
  for (const source of content.sources) candidates.push({ field: 'source', text: source.name });
  candidates.push({ field: 'dateline', text: content.dateline });
  for (const topic of content.topics) candidates.push({ field: 'topic', text: topic });
  return candidates.filter((candidate) => candidate.text.trim() !== '');
}

/** Where the terms occur in one text, found with the same analysis the index used for it. */
export function mark(text: string, terms: readonly SearchTerm[], analyser: Analyser): Marked {
  const tokens = tokenize(text, analyser);
  const spans: Span[] = [];
  let matched = 0;
  for (const term of terms) {
    const found = term.kind === 'prefix' ? prefixSpans(tokens, term.prefix) : sequenceSpans(tokens, term.sequences[analyser.name]);
    if (found.length > 0) matched += 1;
    spans.push(...found);
  }
  return { spans: merge(spans), terms: matched };
}

function prefixSpans(tokens: readonly Token[], prefix: string): Span[] {
  return tokens.filter((token) => token.surfaces.some((surface) => surface.startsWith(prefix)));
}

function sequenceSpans(tokens: readonly Token[], sequence: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (let at = 0; at + sequence.length <= tokens.length; at += 1) {
    if (sequence.every((term, offset) => tokens[at + offset]!.term === term)) {
      spans.push({ start: tokens[at]!.start, end: tokens[at + sequence.length - 1]!.end });
    }
  }
  return spans;
}

function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/**
 * At most `max` characters of the text around its first hit, cut at spaces where one is near, as
 * escaped HTML with the hits marked.
 */
export function excerpt(text: string, spans: readonly Span[], max: number): string {
  if (text.length <= max) return render(text, spans, 0, text.length);
  const first = spans[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(max / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start && space > first ? space : end;
  }
  start = notInsidePair(text, start);
  end = notInsidePair(text, end);
  return `${start > 0 ? '…' : ''}${render(text, spans, start, end)}${end < text.length ? '…' : ''}`;
}

/** A cut between the two halves of a surrogate pair would leave half a character. */
function notInsidePair(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

function render(text: string, spans: readonly Span[], from: number, to: number): string {
  let html = '';
  let at = from;
  for (const span of spans) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (end <= start) continue;
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at, to));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
