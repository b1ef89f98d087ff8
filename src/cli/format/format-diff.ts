import type { ArticleDiff } from '../../audit/diff/article-diff-query.js';
import type { BlockChange } from '../../audit/diff/block-diff.js';
import type { ContentDiff } from '../../audit/diff/content-diff.js';
import type { TextChange, WordPart } from '../../audit/diff/text-diff.js';
import { blockLine } from './format-content.js';

/** Word changes in git's plain word-diff notation: [-removed-]{+added+}. */
export function wordsInline(words: readonly WordPart[]): string {
  return words.map(({ op, text }) => (op === 'equal' ? text : op === 'delete' ? `[-${text}-]` : `{+${text}+}`)).join('');
}

export function formatDiff(diff: ArticleDiff): string {
  const lines = [
    `Article ${diff.articleId}: revision ${diff.from.revision} (${diff.from.occurredAt}) → revision ${diff.to.revision} (${diff.to.occurredAt})`,
  ];
  if (diff.identical) return `${[...lines, 'No differences.'].join('\n')}\n`;
  if (diff.status !== undefined) lines.push(`Status: ${diff.status.before} → ${diff.status.after}`);
  if (Object.keys(diff.content).length > 0) lines.push('Working copy:', ...contentDiffLines(diff.content, '  '));
  if (diff.related !== undefined) {
    const { added, removed, moved } = diff.related;
    lines.push('Related links:');
    for (const link of added)
      lines.push(`  + ${link.relatedArticleId}${link.afterBlock === undefined ? '' : ` after block [${link.afterBlock}]`}`);
    for (const link of removed) lines.push(`  - ${link.relatedArticleId}`);
    for (const link of moved) lines.push(`  ~ ${link.relatedArticleId}: after block ${where(link.before)} → ${where(link.after)}`);
  }
  if (diff.live !== undefined) {
    const side = (live: typeof diff.live.before) =>
      live === null ? 'none' : `/${live.slug} (published ${live.publishedAt} by ${live.editorName})`;
    lines.push(`Live copy: ${side(diff.live.before)} → ${side(diff.live.after)}`);
    if (diff.live.content !== undefined) lines.push(...contentDiffLines(diff.live.content, '  '));
  }
  if (diff.verification !== undefined) {
    const side = (v: typeof diff.verification.before) => (v === null ? 'none' : `revision ${v.revision} by ${v.verifiedByName}`);
    lines.push(`Verification: ${side(diff.verification.before)} → ${side(diff.verification.after)}`);
  }
  if (diff.schedule !== undefined) {
    const side = (s: typeof diff.schedule.before) => (s === null ? 'none' : `for ${s.publishAt}`);
    lines.push(`Schedule: ${side(diff.schedule.before)} → ${side(diff.schedule.after)}`);
  }
  if (diff.slug !== undefined) lines.push(`Slug: ${diff.slug.before ?? 'none'} → ${diff.slug.after ?? 'none'}`);
  if (diff.unpublished !== undefined) {
    const side = (u: typeof diff.unpublished.before) => (u === null ? 'none' : `${u.mode}: ${u.reason}`);
    lines.push(`Unpublished: ${side(diff.unpublished.before)} → ${side(diff.unpublished.after)}`);
  }
  for (const note of diff.editorNotes?.added ?? []) lines.push(`Editor note + ${note.byName}: ${note.notes}`);
  for (const correction of diff.corrections?.added ?? []) lines.push(`Correction + ${correction.editorName}: ${correction.note}`);
  return `${lines.join('\n')}\n`;
}

function contentDiffLines(content: ContentDiff, indent: string): string[] {
  const lines: string[] = [];
  const text = (name: string, change: TextChange | undefined) => {
    if (change !== undefined) lines.push(`${indent}${name}: ${wordsInline(change.words)}`);
  };
  text('headline', content.headline);
  text('dek', content.dek);
  text('dateline', content.dateline);
  if (content.language !== undefined) lines.push(`${indent}language: ${content.language.before} → ${content.language.after}`);
  if (content.body !== undefined) {
    lines.push(`${indent}body:`);
    for (const change of content.body) {
      const line = blockChangeLine(change);
      if (line !== undefined) lines.push(`${indent}  ${line}`);
    }
  }
  if (content.sources !== undefined) {
    const { added, removed, changed, reordered } = content.sources;
    lines.push(`${indent}sources:`);
    for (const source of added) lines.push(`${indent}  + ${source.name}${source.url === undefined ? '' : ` <${source.url}>`}`);
    for (const source of removed) lines.push(`${indent}  - ${source.name}`);
    for (const { name, before, after } of changed) lines.push(`${indent}  ~ ${name}: ${before.url ?? 'no url'} → ${after.url ?? 'no url'}`);
    if (reordered === true) lines.push(`${indent}  (reordered)`);
  }
  if (content.topics !== undefined) {
    const { added, removed, reordered } = content.topics;
    const parts = [...added.map((t) => `+ ${t}`), ...removed.map((t) => `- ${t}`), ...(reordered === true ? ['(reordered)'] : [])];
    lines.push(`${indent}topics: ${parts.join('; ')}`);
  }
  return lines;
}

/** Unchanged blocks are left out of the terminal view; the JSON keeps them for alignment. */
function blockChangeLine(change: BlockChange): string | undefined {
  switch (change.op) {
    case 'unchanged':
      return undefined;
    case 'added':
      return `+ [→${change.toIndex}] ${blockLine(change.block)}`;
    case 'removed':
      return `- [${change.fromIndex}→] ${blockLine(change.block)}`;
    case 'changed': {
      const details = [
        change.text === undefined ? '' : wordsInline(change.text.words),
        change.attribution === undefined ? '' : `attribution ${change.attribution.before ?? '-'} → ${change.attribution.after ?? '-'}`,
        change.role === undefined ? '' : `role ${change.role.before ?? '-'} → ${change.role.after ?? '-'}`,
      ].filter(Boolean);
      return `~ [${change.fromIndex}→${change.toIndex}] ${change.type}: ${details.join(' · ')}`;
    }
  }
}

function where(afterBlock: number | null): string {
  return afterBlock === null ? '(end)' : `[${afterBlock}]`;
}
