import type { HistoryPage } from '../../audit/history/article-history.js';

/** The history as an auditor reads it in a terminal: two or three lines per event. */
export function formatHistory(page: HistoryPage): string {
  const lines = [`History of article ${page.articleId} (revisions 0 to ${page.latestRevision})`, ''];
  for (const entry of page.items) {
    const who = entry.actor === null ? 'unknown actor' : `${entry.actor.displayName} (${entry.actor.id})`;
    lines.push(`#${String(entry.revision).padEnd(4)} ${entry.occurredAt}  ${entry.type.padEnd(24)} ${who}`);
    lines.push(`      ${entry.summary}`);
    lines.push(
      `      position ${entry.position} · correlation ${entry.correlationId ?? '-'} · causation ${entry.causationId ?? '-'} · hash ${short(entry.hash)}`,
    );
  }
  if (page.items.length === 0) lines.push('(no events match)');
  if (page.next !== null) lines.push('', `More from revision ${page.next}.`);
  return `${lines.join('\n')}\n`;
}

function short(hash: string | null): string {
  return hash === null ? 'none' : `${hash.slice(0, 16)}…`;
}
