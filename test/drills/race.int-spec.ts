import { runRaceDrill } from '../../bench/drills/race-drill.js';
import { type DrillTarget, inProcessTarget } from '../../bench/drills/target.js';

/** Short form of `npm run drill:race`. */
describe('race drill (short form)', () => {
  let target: DrillTarget;
  beforeAll(async () => {
    target = await inProcessTarget();
  });
  afterAll(() => target.close());

  test('clients revising and publishing one article at once get only the allowed outcomes; no lost update', async () => {
    const report = await runRaceDrill(target, { rounds: 6, clients: 12 });
    expect(report.problems).toEqual([]);
    const outcomes = Object.keys(report.byOutcome);
    // The race must actually have been contested, or it proves nothing.
    expect(outcomes.some((outcome) => /→ (409|412)$/.test(outcome))).toBe(true);
    expect(outcomes.some((outcome) => /→ 200$/.test(outcome))).toBe(true);
  }, 60_000);
});
