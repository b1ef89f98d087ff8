import { analyserFor } from '../analysis/analysers.js';
import { indexTokens, type Token } from '../analysis/tokens.js';
import { BLOCK_BREAK, type Column, type TermColumn } from './columns.js';
import { facetTokensOf } from './facets.js';
import type { SearchDocument } from './search-document.js';

/** The searchable texts of an article by term column, block by block. */
export type SearchableTexts = Readonly<Record<TermColumn, readonly string[]>>;

/**
 * The lead is the first paragraph (news puts the story there); headings and the other paragraphs are
 * the body; quotes, who said them (name and role), the cited sources and the dateline have their own
 * columns, searched like the body.
 */
export function searchableTexts(document: SearchDocument): SearchableTexts {
  const { content } = document;
  const leadIndex = content.body.findIndex((block) => block.type === 'paragraph');
  const lead: string[] = [];
  const body: string[] = [];
  const quotes: string[] = [];
  const attributions: string[] = [];
  content.body.forEach((block, index) => {
    if (block.type === 'quote') {
      quotes.push(block.text);
      attributions.push(block.role === undefined ? block.attribution : `${block.attribution}, ${block.role}`);
    } else if (index === leadIndex) {
      lead.push(block.text);
    } else {
      body.push(block.text);
    }
  });
  return {
    headline: [content.headline],
    dek: [content.dek],
    topics: content.topics,
    lead,
    body,
    quotes,
    attributions,
    sources: [...content.sources.map((source) => source.name), content.dateline],
  };
}

/** The full-text row of a document: term columns, written-word columns and facets. */
export function documentRow(document: SearchDocument): Readonly<Record<Column, string>> {
  const analyser = analyserFor(document.content.language);
  const texts = searchableTexts(document);
  const tokens = (blocks: readonly string[]): (readonly Token[])[] => blocks.map((block) => indexTokens(block, analyser));
  const headline = tokens(texts.headline);
  const dek = tokens(texts.dek);
  const topics = tokens(texts.topics);
  const lead = tokens(texts.lead);
  const body = tokens(texts.body);
  const quotes = tokens(texts.quotes);
  const attributions = tokens(texts.attributions);
  const sources = tokens(texts.sources);
  return {
    headline: termsOf(headline),
    dek: termsOf(dek),
    topics: termsOf(topics),
    lead: termsOf(lead),
    body: termsOf(body),
    quotes: termsOf(quotes),
    attributions: termsOf(attributions),
    sources: termsOf(sources),
    headline_words: wordsOf(headline),
    dek_words: wordsOf(dek),
    lead_words: wordsOf(topics, lead),
    other_words: wordsOf(body, quotes, attributions, sources),
    facets: facetTokensOf(document).join(' '),
  };
}

function termsOf(blocks: readonly (readonly Token[])[]): string {
  return blocks
    .filter((block) => block.length > 0)
    .map((block) => block.map((token) => token.term).join(' '))
    .join(` ${BLOCK_BREAK} `);
}

/** Each folded written word once, in the order first written: a prefix needs neither order nor counts. */
function wordsOf(...columns: readonly (readonly (readonly Token[])[])[]): string {
  const words = new Set<string>();
  for (const blocks of columns)
    for (const block of blocks) for (const token of block) for (const surface of token.surfaces) words.add(surface);
  return [...words].join(' ');
}
