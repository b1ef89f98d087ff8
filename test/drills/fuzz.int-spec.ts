import { runFuzzDrill } from '../../bench/drills/fuzz-drill.js';
import { type DrillTarget, inProcessTarget } from '../../bench/drills/target.js';

/** Short form of `npm run drill:fuzz`: a fixed seed, a few hundred requests, a few seconds. */
describe('fuzz drill (short form)', () => {
  let target: DrillTarget;
  beforeAll(async () => {
    target = await inProcessTarget();
  });
  afterAll(() => target.close());

  test('random requests to every endpoint: never a 5xx, never an event from a rejected request', async () => {
    const report = await runFuzzDrill(target, { runs: 400, seed: 20_251_126, timeLimitMs: 15_000 });
    expect(report.problems).toEqual([]);
    expect(report.operations.length).toBeGreaterThan(10);
    expect(report.requests).toBeGreaterThan(100);
  }, 60_000);
});
