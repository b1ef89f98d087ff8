/**
 * Queries a journalist would type, each with the articles of JUDGED_CORPUS that should come first
 * (judged by reading them, not by running the search). Precision at 5 counts how many of the first
 * five results are among them, out of five or out of how many there are if fewer.
 */
export interface JudgedQuery {
  readonly query: string;
  readonly relevant: readonly string[];
  /** Which copies: the desk (working copies) is what staff search. */
  readonly note: string;
}

export const JUDGED_QUERIES: readonly JudgedQuery[] = [
  {
    query: 'gencatan senjata',
    relevant: ['kaukasus-1', 'kaukasus-2', 'kaukasus-3', 'kaukasus-4', 'kaukasus-5'],
    note: 'the ceasefire, Indonesian articles',
  },
  { query: 'ceasefire', relevant: ['en-kaukasus-1', 'en-kaukasus-2'], note: 'English articles are stemmed the English way' },
  {
    query: 'azer*',
    relevant: ['kaukasus-1', 'kaukasus-2', 'kaukasus-4', 'kaukasus-5', 'en-kaukasus-1', 'en-kaukasus-2', 'kaukasus-3'],
    note: 'a prefix of a name',
  },
  {
    query: 'meredakan ketegangan armenia',
    relevant: ['kaukasus-3'],
    note: 'redakan in the text, meredakan in the query; the Bogor story eases tension too but is not about Armenia',
  },
  {
    query: 'banjir jakarta',
    relevant: ['banjir-1', 'banjir-2', 'banjir-3', 'banjir-4', 'banjir-5'],
    note: 'floods in Jakarta, not Bekasi or Tangsel',
  },
  {
    query: 'kebakaran pasar',
    relevant: ['kebakaran-1', 'kebakaran-2', 'kebakaran-3', 'kebakaran-4'],
    note: 'market fires, not the forest fire',
  },
  { query: 'harga beras', relevant: ['beras-1', 'beras-2', 'beras-3', 'beras-4', 'beras-impor'], note: 'rice prices, not chilli' },
  { query: 'pengungsi gempa', relevant: ['gempa-2', 'gempa-3'], note: 'earthquake refugees, not flood refugees nor the damage' },
  { query: '"demam berdarah"', relevant: ['dbd-1', 'dbd-2', 'dbd-3'], note: 'dengue, not an ordinary fever' },
  { query: 'korupsi -"sepak bola"', relevant: ['korupsi-1', 'korupsi-2', 'korupsi-3'], note: 'an exclusion' },
  { query: 'pemilu -amerika', relevant: ['pemilu-1', 'pemilu-2', 'pemilu-3'], note: 'elections at home' },
  { query: 'rice prices', relevant: ['en-beras'], note: 'an English query' },
  { query: 'menyiagakan pompa', relevant: ['banjir-2', 'banjir-tangsel'], note: 'siagakan in a headline, menyiagakan in the query' },
];
