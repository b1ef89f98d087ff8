/**
 * The full-text table's columns. Term columns hold index terms in text order (so phrases work), with
 * a break between blocks so that no phrase runs from one paragraph, quote or source into the next.
 * Word columns hold each folded written word once, for prefixes: a prefix is typed against what was
 * written ("kebijak*" finds "kebijakan", whose term is bijak). `facets` holds what filters select.
 */
export const TERM_COLUMNS = ['headline', 'dek', 'topics', 'lead', 'body', 'quotes', 'attributions', 'sources'] as const;
export const WORD_COLUMNS = ['headline_words', 'dek_words', 'lead_words', 'other_words'] as const;
export const FACETS_COLUMN = 'facets';
export const COLUMNS = [...TERM_COLUMNS, ...WORD_COLUMNS, FACETS_COLUMN] as const;

export type TermColumn = (typeof TERM_COLUMNS)[number];
export type WordColumn = (typeof WORD_COLUMNS)[number];
export type Column = (typeof COLUMNS)[number];

/**
 * A token the analysis never produces (it yields letters and digits only; this is a private-use
 * character), and that the `ascii` tokenizer keeps as a token of its own: one position between blocks.
 */
export const BLOCK_BREAK = '\uE000';

/** Where every term of a query must occur for a document to rank in a tier; higher tiers first. */
export interface Tier {
  readonly tier: number;
  readonly name: MatchedIn;
  readonly terms: readonly TermColumn[];
  readonly words: readonly WordColumn[];
}

export type MatchedIn = 'headline' | 'dek' | 'lead' | 'text';

/** Field weights as tiers: the headline above the dek above the lead paragraph and topics above the rest. */
export const TIERS: readonly Tier[] = [
  { tier: 4, name: 'headline', terms: ['headline'], words: ['headline_words'] },
  { tier: 3, name: 'dek', terms: ['headline', 'dek'], words: ['headline_words', 'dek_words'] },
  { tier: 2, name: 'lead', terms: ['headline', 'dek', 'topics', 'lead'], words: ['headline_words', 'dek_words', 'lead_words'] },
  { tier: 1, name: 'text', terms: TERM_COLUMNS, words: WORD_COLUMNS },
];
