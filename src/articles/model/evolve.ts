import type { ArticleDrafted, ArticleEvent } from './events.js';
import type { ArticleState, LiveCopy } from './state.js';

/**
 * Applies one recorded fact. It never re-checks rules (decide did, and history is history);
 * it only refuses streams that cannot be an article's, like an event before the draft.
 */
export function evolve(state: ArticleState | null, event: ArticleEvent): ArticleState {
  if (event.type === 'ArticleDrafted') {
    if (state !== null) throw new Error(`Article ${state.id} was drafted twice`);
    return drafted(event.data);
  }
  if (state === null) throw new Error(`${event.type} before ArticleDrafted`);
  return { ...apply(state, event), revision: state.revision + 1, updatedAt: event.data.at };
}

/** The article a stream describes, or null for an empty stream. */
export function fold(events: Iterable<ArticleEvent>, initial: ArticleState | null = null): ArticleState | null {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}

function drafted(data: ArticleDrafted['data']): ArticleState {
  return {
    id: data.articleId,
    authorId: data.authorId,
    authorName: data.authorName,
    status: 'draft',
    revision: 0,
    content: data.content,
    contentHash: data.contentHash,
    contentRevision: 0,
    live: null,
    slug: null,
    firstPublishedAt: null,
    verification: null,
    schedule: null,
    related: [],
    editorNotes: [],
    corrections: [],
    unpublished: null,
    createdAt: data.at,
    updatedAt: data.at,
  };
}

function apply(state: ArticleState, event: Exclude<ArticleEvent, ArticleDrafted>): ArticleState {
  switch (event.type) {
    case 'ArticleRevised':
      return {
        ...state,
        status: event.data.status,
        content: event.data.content,
        contentHash: event.data.contentHash,
        contentRevision: state.revision + 1,
        verification: null,
        schedule: null,
      };
    case 'ArticleSubmitted':
      return { ...state, status: 'in_review' };
    case 'ArticleChangesRequested': {
      const { notes, by, byName, at } = event.data;
      return {
        ...state,
        status: 'draft',
        verification: null,
        schedule: null,
        editorNotes: [...state.editorNotes, { notes, by, byName, at }],
      };
    }
    case 'ArticleVerified': {
      const { verifiedBy, verifiedByName, contentHash, revision, checklist, notes, at } = event.data;
      return {
        ...state,
        status: 'verified',
        verification: {
          contentHash,
          revision,
          verifiedBy,
          verifiedByName,
          at,
          checklist,
          ...(notes === undefined ? {} : { notes }),
        },
      };
    }
    case 'ArticleScheduled': {
      const { publishAt, by, byName, at } = event.data;
      return { ...state, status: 'scheduled', schedule: { publishAt, by, byName, at } };
    }
    case 'ArticleUnscheduled':
      return { ...state, status: 'verified', schedule: null };
    case 'ArticlePublished':
      return {
        ...state,
        status: 'published',
        live: liveCopy(event.data),
        slug: event.data.slug,
        firstPublishedAt: event.data.firstPublishedAt,
        schedule: null,
        unpublished: null,
      };
    case 'ArticleCorrected': {
      const { note, at, editorId, editorName } = event.data;
      return {
        ...state,
        status: 'published',
        live: liveCopy(event.data),
        corrections: [...state.corrections, { note, at, editorId, editorName }],
      };
    }
    case 'ArticleUnpublished': {
      const { mode, reason, notice, by, at } = event.data;
      return {
        ...state,
        status: 'unpublished',
        live: null,
        verification: null,
        schedule: null,
        unpublished: { mode, reason, ...(notice === undefined ? {} : { notice }), by, at },
      };
    }
    case 'RelatedLinked': {
      const { relatedArticleId, afterBlock } = event.data;
      const link = afterBlock === undefined ? { relatedArticleId } : { relatedArticleId, afterBlock };
      return { ...state, related: [...state.related, link] };
    }
    case 'RelatedUnlinked':
      return {
        ...state,
        related: state.related.filter((link) => link.relatedArticleId !== event.data.relatedArticleId),
      };
    default:
      return unknownEvent(event);
  }
}

function liveCopy(data: {
  readonly slug: string;
  readonly content: LiveCopy['content'];
  readonly contentHash: string;
  readonly at: string;
  readonly firstPublishedAt: string;
  readonly editorId: string;
  readonly editorName: string;
}): LiveCopy {
  return {
    slug: data.slug,
    content: data.content,
    contentHash: data.contentHash,
    publishedAt: data.at,
    firstPublishedAt: data.firstPublishedAt,
    editorId: data.editorId,
    editorName: data.editorName,
  };
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${(event as { type?: unknown }).type as string}`);
}
