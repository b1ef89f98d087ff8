import type { ArticleContent, Source } from '../../articles/model/content.js';
import { type BlockChange, bodyChanges } from './block-diff.js';
import { type ListChange, listChange, sameJson } from './list-diff.js';
import { type TextChange, textChange, type ValueChange, valueChange } from './text-diff.js';

/** Sources are matched by name: the same outlet with another URL is a change, not a swap. */
export interface SourceChanges {
  readonly added: readonly Source[];
  readonly removed: readonly Source[];
  readonly changed: readonly { readonly name: string; readonly before: Source; readonly after: Source }[];
  /** Set when the same sources only changed order. */
  readonly reordered?: true;
}

export interface TopicChanges extends ListChange<string> {
  /** Set when the same topics only changed order. */
  readonly reordered?: true;
}

/** What changed between two copies of the content; a field is present only if it changed. */
export interface ContentDiff {
  readonly headline?: TextChange;
  readonly dek?: TextChange;
  readonly dateline?: TextChange;
  readonly language?: ValueChange<string>;
  readonly body?: readonly BlockChange[];
  readonly sources?: SourceChanges;
  readonly topics?: TopicChanges;
}

export const CONTENT_FIELDS = ['headline', 'dek', 'dateline', 'language', 'body', 'sources', 'topics'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

export function diffContent(before: ArticleContent, after: ArticleContent): ContentDiff {
  const parts: ContentDiff = {
    headline: textChange(before.headline, after.headline),
    dek: textChange(before.dek, after.dek),
    dateline: textChange(before.dateline, after.dateline),
    language: valueChange(before.language, after.language),
    body: bodyChanges(before.body, after.body),
    sources: sourceChanges(before.sources, after.sources),
    topics: topicChanges(before.topics, after.topics),
  };
  return Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined));
}

/** Which fields differ, in document order: enough for a one-line summary. */
export function changedContentFields(before: ArticleContent, after: ArticleContent): ContentField[] {
  return CONTENT_FIELDS.filter((field) => !sameJson(before[field], after[field]));
}

function sourceChanges(before: readonly Source[], after: readonly Source[]): SourceChanges | undefined {
  if (sameJson(before, after)) return undefined;
  const beforeByName = new Map(before.map((source) => [source.name, source]));
  const afterByName = new Map(after.map((source) => [source.name, source]));
  const added = after.filter((source) => !beforeByName.has(source.name));
  const removed = before.filter((source) => !afterByName.has(source.name));
  const changed = after.flatMap((source) => {
    const old = beforeByName.get(source.name);
    return old === undefined || sameJson(old, source) ? [] : [{ name: source.name, before: old, after: source }];
  });
  return added.length + removed.length + changed.length === 0 ? { added, removed, changed, reordered: true } : { added, removed, changed };
}

function topicChanges(before: readonly string[], after: readonly string[]): TopicChanges | undefined {
  if (sameJson(before, after)) return undefined;
  return listChange(before, after) ?? { added: [], removed: [], reordered: true };
}
