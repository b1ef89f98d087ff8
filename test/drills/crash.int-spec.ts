import { runCrashDrill } from '../../bench/drills/crash-drill.js';
import { recoveredStateChecks } from '../../bench/drills/recovery-checks.js';

/**
 * Short form of `npm run drill:crash`: the built server (dist/, from the int project's global
 * setup) killed with SIGKILL twice mid-stream, then recovered.
 */
describe('crash drill (short form)', () => {
  test('every answered command is stored exactly once; read models and the webhook fold equal a rebuild; every publication is delivered; integrity chains verify', async () => {
    const report = await runCrashDrill({
      kills: 2,
      workers: 6,
      articlesPerWorker: 8,
      killAfterMs: [150, 400],
      afterRecovery: recoveredStateChecks,
    });
    expect(report.problems).toEqual([]);
    expect(report.acknowledged).toBe(report.planned);
    // At least one kill must have landed mid-stream, or the drill proved nothing.
    expect(report.answeredAtKill.some((answered) => answered > 0 && answered < report.planned)).toBe(true);
  }, 120_000);
});
