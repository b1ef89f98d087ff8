import type { RelatedLink } from '../../articles/model/events.js';
import type {
  ArticleState,
  ArticleStatus,
  Correction,
  EditorNote,
  LiveCopy,
  Schedule,
  UnpublishedRecord,
  Verification,
} from '../../articles/model/state.js';
import { type ContentDiff, diffContent } from './content-diff.js';
import { type ListChange, listChange, sameJson } from './list-diff.js';
import { type ValueChange, valueChange } from './text-diff.js';

export interface RelatedChanges {
  readonly added: readonly RelatedLink[];
  readonly removed: readonly RelatedLink[];
  /** Still linked, shown after another block (null: after the body). */
  readonly moved: readonly { readonly relatedArticleId: string; readonly before: number | null; readonly after: number | null }[];
}

/** The live copy without its content, which `LiveDiff.content` diffs separately. */
export type LiveRef = Omit<LiveCopy, 'content'>;

export interface LiveDiff {
  readonly before: LiveRef | null;
  readonly after: LiveRef | null;
  /** Present when both revisions had a live copy and its content differs. */
  readonly content?: ContentDiff;
}

/**
 * Everything that differs between two states of one article. `content` is the working copy
 * (empty when unchanged); every other member is present only when it changed.
 * docs/auditing.md documents the shape for UI authors.
 */
export interface StateDiff {
  readonly identical: boolean;
  readonly content: ContentDiff;
  readonly status?: ValueChange<ArticleStatus>;
  readonly related?: RelatedChanges;
  readonly live?: LiveDiff;
  readonly slug?: ValueChange<string | null>;
  readonly verification?: ValueChange<Verification | null>;
  readonly schedule?: ValueChange<Schedule | null>;
  readonly unpublished?: ValueChange<UnpublishedRecord | null>;
  readonly editorNotes?: ListChange<EditorNote>;
  readonly corrections?: ListChange<Correction>;
}

export function diffStates(before: ArticleState, after: ArticleState): StateDiff {
  const content = diffContent(before.content, after.content);
  const changes = {
    status: valueChange(before.status, after.status),
    related: relatedChanges(before.related, after.related),
    live: liveDiff(before.live, after.live),
    slug: valueChange(before.slug, after.slug),
    verification: valueChange(before.verification, after.verification, sameJson),
    schedule: valueChange(before.schedule, after.schedule, sameJson),
    unpublished: valueChange(before.unpublished, after.unpublished, sameJson),
    editorNotes: listChange(before.editorNotes, after.editorNotes),
    corrections: listChange(before.corrections, after.corrections),
  };
  const present = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return { identical: Object.keys(content).length === 0 && Object.keys(present).length === 0, content, ...present };
}

function relatedChanges(before: readonly RelatedLink[], after: readonly RelatedLink[]): RelatedChanges | undefined {
  if (sameJson(before, after)) return undefined;
  const beforeById = new Map(before.map((link) => [link.relatedArticleId, link]));
  const afterById = new Map(after.map((link) => [link.relatedArticleId, link]));
  const moved = after.flatMap((link) => {
    const old = beforeById.get(link.relatedArticleId);
    return old === undefined || old.afterBlock === link.afterBlock
      ? []
      : [{ relatedArticleId: link.relatedArticleId, before: old.afterBlock ?? null, after: link.afterBlock ?? null }];
  });
  return {
    added: after.filter((link) => !beforeById.has(link.relatedArticleId)),
    removed: before.filter((link) => !afterById.has(link.relatedArticleId)),
    moved,
  };
}

function liveDiff(before: LiveCopy | null, after: LiveCopy | null): LiveDiff | undefined {
  if (sameJson(before, after)) return undefined;
  const content = before !== null && after !== null ? diffContent(before.content, after.content) : {};
  return {
    before: before === null ? null : liveRef(before),
    after: after === null ? null : liveRef(after),
    ...(Object.keys(content).length === 0 ? {} : { content }),
  };
}

function liveRef({ content: _content, ...ref }: LiveCopy): LiveRef {
  return ref;
}
