import { JUDGED_CORPUS } from '../../bench/search/judged-corpus.js';
import { JUDGED_QUERIES } from '../../bench/search/judged-queries.js';
import { judgeSearch } from '../../bench/search/precision.js';

describe('the judged set', () => {
  test('is a small fixed corpus with a few English articles, and queries whose answers are in it', () => {
    expect(JUDGED_CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(JUDGED_CORPUS.length).toBeLessThanOrEqual(80);
    expect(JUDGED_CORPUS.filter((article) => article.content.language === 'en').length).toBeGreaterThanOrEqual(3);
    const ids = new Set(JUDGED_CORPUS.map((article) => article.id));
    expect(ids.size).toBe(JUDGED_CORPUS.length);
    for (const { relevant } of JUDGED_QUERIES) for (const id of relevant) expect(ids).toContain(id);
  });

  test('precision at 5 over the judged queries stays at 0.9 or above', () => {
    const { results, meanPrecisionAt5 } = judgeSearch();
    // On failure, the per-query figures say which query lost what.
    expect({ meanPrecisionAt5: meanPrecisionAt5 >= 0.9, results }).toEqual({ meanPrecisionAt5: true, results: expect.any(Array) });
  });
});
