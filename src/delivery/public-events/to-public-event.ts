import { nameBasedId } from '../../kernel/ids.js';
import type { ArticleContent, Block, Source } from '../../articles/model/content.js';
import type { ArticleCorrected, ArticleEvent, ArticlePublished, ArticleUnpublished, RelatedLink } from '../../articles/model/events.js';
import { evolve } from '../../articles/model/evolve.js';
import type { ArticleState, Correction } from '../../articles/model/state.js';
import type { Position } from '../../platform/event-store/event-store.port.js';
import {
  type PublicArticle,
  type PublicBlock,
  type PublicCorrection,
  type PublicEvent,
  type PublicEventType,
  type PublicRelatedLink,
  type PublicSource,
  PUBLIC_CONTRACT_VERSION,
} from './contract.js';
import { encodeCursor } from './cursor.js';

/** One internal event as the log recorded it, decoded. */
export interface SourceEvent {
  /** The recorded event's id: the public event id is derived from it. */
  readonly id: string;
  readonly articleId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly event: ArticleEvent;
}

/** A related article's live headline and slug, as of the source event's position. */
export interface RelatedTarget {
  readonly slug: string;
  readonly headline: string;
}
/** Targets that were live at the source position; a missing id means "not live". */
export type RelatedTargets = ReadonlyMap<string, RelatedTarget>;

export interface MappedPublicEvent {
  readonly event: PublicEvent;
  /**
   * Topics to route on (webhook topic filters): the live topics after the event and before it,
   * so a subscriber to a topic also hears that an article left it or was taken down.
   */
  readonly topics: readonly string[];
}

/** Internal event types that can ever produce a public event; the others need no state. */
export const PUBLIC_SOURCE_TYPES: ReadonlySet<ArticleEvent['type']> = new Set([
  'ArticlePublished',
  'ArticleCorrected',
  'ArticleUnpublished',
  'RelatedLinked',
  'RelatedUnlinked',
]);

export function publicEventIdFor(sourceEventId: string): string {
  return nameBasedId('public-event', sourceEventId);
}

/** Articles whose live headline and slug toPublicEvent will ask `targets` for. */
export function linkedArticleIds(source: SourceEvent, before: ArticleState | null): string[] {
  return relatedAfter(source, before)?.map((link) => link.relatedArticleId) ?? [];
}

/**
 * The public event an internal event amounts to, or null when it changes nothing public.
 * `before` is the article folded up to (not including) the source event; the published and
 * corrected events are self-contained but the list of corrections and the live state are not.
 */
export function toPublicEvent(source: SourceEvent, before: ArticleState | null, targets: RelatedTargets): MappedPublicEvent | null {
  const { event } = source;
  switch (event.type) {
    case 'ArticlePublished':
      return fromPublished(source, event, before, targets);
    case 'ArticleCorrected':
      return fromCorrected(source, event, before, targets);
    case 'ArticleUnpublished':
      return fromUnpublished(source, event, before);
    case 'RelatedLinked':
    case 'RelatedUnlinked':
      return fromRelatedChange(source, before, targets);
    case 'ArticleDrafted':
    case 'ArticleRevised':
    case 'ArticleSubmitted':
    case 'ArticleChangesRequested':
    case 'ArticleVerified':
    case 'ArticleScheduled':
    case 'ArticleUnscheduled':
      // The working copy and its review never leave the building.
      return null;
    default:
      return unknownEvent(event);
  }
}

function fromPublished(
  source: SourceEvent,
  event: ArticlePublished,
  before: ArticleState | null,
  targets: RelatedTargets,
): MappedPublicEvent {
  const { data } = event;
  const article = publicArticle(source.articleId, data, before?.corrections ?? [], data.related, targets);
  const topics = routingTopics(article.content.topics, before);
  if (data.kind === 'update') {
    return mapped(source, 'article.updated', data.slug, data.at, { article: article.view, scheduled: data.scheduled }, topics);
  }
  const published = { article: article.view, republished: data.kind === 'republish', scheduled: data.scheduled };
  return mapped(source, 'article.published', data.slug, data.at, published, topics);
}

function fromCorrected(
  source: SourceEvent,
  event: ArticleCorrected,
  before: ArticleState | null,
  targets: RelatedTargets,
): MappedPublicEvent {
  const { data } = event;
  const correction: Correction = { note: data.note, at: data.at, editorId: data.editorId, editorName: data.editorName };
  const article = publicArticle(source.articleId, data, [...(before?.corrections ?? []), correction], data.related, targets);
  const body = { article: article.view, correction: publicCorrection(correction) };
  return mapped(source, 'article.corrected', data.slug, data.at, body, routingTopics(article.content.topics, before));
}

function fromUnpublished(source: SourceEvent, event: ArticleUnpublished, before: ArticleState | null): MappedPublicEvent {
  const { data } = event;
  // The reason is the desk's, kept for audit; readers get the notice, or nothing at all.
  const body = data.mode === 'withdraw' ? { mode: 'withdraw' as const, notice: data.notice ?? '' } : { mode: 'takedown' as const };
  return mapped(source, 'article.unpublished', data.slug, data.at, body, routingTopics([], before));
}

function fromRelatedChange(source: SourceEvent, before: ArticleState | null, targets: RelatedTargets): MappedPublicEvent | null {
  const { event } = source;
  if (event.type !== 'RelatedLinked' && event.type !== 'RelatedUnlinked') return null;
  // Links made while nothing is live stay internal; the next publication carries them.
  if (before === null || before.live === null) return null;
  const after = evolve(before, event);
  const live = before.live;
  const copy = { ...live, at: live.publishedAt, authorId: before.authorId, authorName: before.authorName };
  const article = publicArticle(source.articleId, copy, after.corrections, after.related, targets);
  const change = {
    action: event.type === 'RelatedLinked' ? ('linked' as const) : ('unlinked' as const),
    articleId: event.data.relatedArticleId,
  };
  return mapped(
    source,
    'article.related-changed',
    live.slug,
    event.data.at,
    { article: article.view, change },
    routingTopics(live.content.topics, before),
  );
}

function relatedAfter(source: SourceEvent, before: ArticleState | null): readonly RelatedLink[] | undefined {
  const { event } = source;
  switch (event.type) {
    case 'ArticlePublished':
    case 'ArticleCorrected':
      return event.data.related;
    case 'RelatedLinked':
    case 'RelatedUnlinked':
      return before?.live ? evolve(before, event).related : undefined;
    default:
      return undefined;
  }
}

interface LiveCopySource {
  readonly slug: string;
  readonly content: ArticleContent;
  readonly firstPublishedAt: string;
  readonly at: string;
  readonly editorId: string;
  readonly editorName: string;
  readonly authorId: string;
  readonly authorName: string;
}

/** Built field by field, so that a field added to the internal content never leaks by accident. */
function publicArticle(
  articleId: string,
  live: LiveCopySource,
  corrections: readonly Correction[],
  related: readonly RelatedLink[],
  targets: RelatedTargets,
): { view: PublicArticle; content: ArticleContent } {
  const { content } = live;
  return {
    content,
    view: {
      id: articleId,
      slug: live.slug,
      language: content.language,
      headline: content.headline,
      dek: content.dek,
      dateline: content.dateline,
      body: content.body.map(publicBlock),
      sources: content.sources.map(publicSource),
      topics: [...content.topics],
      author: { id: live.authorId, name: live.authorName },
      editor: { id: live.editorId, name: live.editorName },
      firstPublishedAt: live.firstPublishedAt,
      publishedAt: live.at,
      corrections: corrections.map(publicCorrection),
      related: related.map((link) => publicLink(link, targets)),
    },
  };
}

function publicBlock(block: Block): PublicBlock {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return { type: block.type, text: block.text };
    case 'quote':
      return { type: 'quote', text: block.text, attribution: block.attribution, role: block.role ?? null };
    default:
      return unknownBlock(block);
  }
}

function publicSource(source: Source): PublicSource {
  return { name: source.name, url: source.url ?? null };
}

function publicCorrection(correction: Correction): PublicCorrection {
  return { note: correction.note, correctedAt: correction.at };
}

function publicLink(link: RelatedLink, targets: RelatedTargets): PublicRelatedLink {
  const target = targets.get(link.relatedArticleId);
  return {
    articleId: link.relatedArticleId,
    afterBlock: link.afterBlock ?? null,
    slug: target?.slug ?? null,
    headline: target?.headline ?? null,
  };
}

function routingTopics(now: readonly string[], before: ArticleState | null): string[] {
  return [...new Set([...now, ...(before?.live?.content.topics ?? [])])];
}

function mapped<Type extends PublicEventType>(
  source: SourceEvent,
  type: Type,
  slug: string,
  occurredAt: string,
  data: Extract<PublicEvent, { type: Type }>['data'],
  topics: readonly string[],
): MappedPublicEvent {
  const event = {
    id: publicEventIdFor(source.id),
    type,
    version: PUBLIC_CONTRACT_VERSION,
    occurredAt,
    articleId: source.articleId,
    slug,
    revision: Number(source.revision),
    position: { commit: String(source.position.commit), prepare: String(source.position.prepare) },
    cursor: encodeCursor(source.position),
    data,
  } as PublicEvent;
  return { event, topics };
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${(event as { type?: unknown }).type as string}`);
}

function unknownBlock(block: never): never {
  throw new Error(`Unknown block type ${(block as { type?: unknown }).type as string}`);
}
