import type { Block, ArticleContent } from '../../articles/model/content.js';

/** Content as indented lines; body blocks are numbered from 0, as the API's indices are. */
export function contentLines(content: ArticleContent, indent = '  '): string[] {
  return [
    `${indent}Headline: ${content.headline}`,
    `${indent}Dek: ${content.dek}`,
    `${indent}Dateline: ${content.dateline} · Language: ${content.language}`,
    `${indent}Body:`,
    ...content.body.map((block, index) => `${indent}  [${index}] ${blockLine(block)}`),
    `${indent}Sources: ${content.sources.length === 0 ? '-' : content.sources.map((s) => (s.url === undefined ? s.name : `${s.name} <${s.url}>`)).join(', ')}`,
    `${indent}Topics: ${content.topics.length === 0 ? '-' : content.topics.join(', ')}`,
  ];
}

export function blockLine(block: Block): string {
  if (block.type !== 'quote') return `${block.type}: ${block.text}`;
  return `quote: “${block.text}” — ${block.attribution}${block.role === undefined ? '' : `, ${block.role}`}`;
}
