import escapeHtml from 'escape-html';
import type { PublicBlock } from '../public-events/contract.js';

/**
 * An article's body in the two forms ninjs carries: HTML for pages, plain text for everything
 * else (search, newsletters, text-to-speech). Both are built from the same blocks, so they say
 * the same words. Text is always escaped: a writer's `<` is a character, never markup.
 */
export interface RenderedBody {
  readonly html: string;
  readonly text: string;
}

export function renderBody(blocks: readonly PublicBlock[]): RenderedBody {
  return {
    html: blocks.map(htmlBlock).join('\n'),
    text: blocks.map(textBlock).join('\n\n'),
  };
}

/** A short text (a withdrawal notice) as one paragraph. */
export function renderParagraph(text: string): RenderedBody {
  return renderBody([{ type: 'paragraph', text }]);
}

function htmlBlock(block: PublicBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inline(block.text)}</p>`;
    case 'heading':
      // The headline is the page's h1; the body's headings sit one level below it.
      return `<h2>${inline(block.text)}</h2>`;
    case 'quote':
      // The HTML standard puts a quotation's attribution outside the blockquote, in the caption of a figure around it.
      return `<figure><blockquote><p>${inline(block.text)}</p></blockquote><figcaption>${inline(attribution(block))}</figcaption></figure>`;
    default:
      return unknownBlock(block);
  }
}

function textBlock(block: PublicBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return block.text;
    case 'quote':
      return `“${block.text}”\n— ${attribution(block)}`;
    default:
      return unknownBlock(block);
  }
}

function attribution(quote: Extract<PublicBlock, { type: 'quote' }>): string {
  return quote.role === null || quote.role.trim() === '' ? quote.attribution : `${quote.attribution}, ${quote.role}`;
}

/** Escaped, with the writer's line breaks kept as <br>. */
function inline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function unknownBlock(block: never): never {
  throw new Error(`Unknown block type ${(block as { type?: unknown }).type as string}`);
}
