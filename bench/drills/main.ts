import { runCrashDrill } from './crash-drill.js';
import { runFuzzDrill } from './fuzz-drill.js';
import { runRaceDrill } from './race-drill.js';
import { recoveredStateChecks } from './recovery-checks.js';
import { childProcessTarget } from './target.js';

/**
 * The long forms of the failure drills: `npm run drill:crash`, `npm run drill:fuzz`,
 * `npm run drill:race` (each builds first). Options: `--seed=N`, `--rounds=N`.
 * Exits non-zero when a drill finds a problem.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [drill] = argv;
  const option = (name: string, fallback: number): number => {
    const found = argv.find((arg) => arg.startsWith(`--${name}=`));
    return found === undefined ? fallback : Number(found.slice(name.length + 3));
  };
  const log = (line: string) => console.log(line);
  switch (drill) {
    case 'crash': {
      const report = await runCrashDrill({
        kills: option('rounds', 10),
        workers: 8,
        // Enough work that every kill lands mid-stream (each round answers a few hundred commands).
        articlesPerWorker: 150,
        killAfterMs: [150, 700],
        afterRecovery: recoveredStateChecks,
        log,
      });
      return summarise('crash', report.problems, { ...report, problems: report.problems.length });
    }
    case 'fuzz': {
      const target = await childProcessTarget();
      try {
        const seed = option('seed', Date.now() % 2_147_483_647);
        const report = await runFuzzDrill(target, { runs: option('runs', 3_000), seed, timeLimitMs: option('minutes', 5) * 60_000, log });
        return summarise('fuzz', report.problems, { ...report, problems: report.problems.length });
      } finally {
        await target.close();
      }
    }
    case 'race': {
      const target = await childProcessTarget();
      try {
        const report = await runRaceDrill(target, { rounds: option('rounds', 50), clients: option('clients', 24), log });
        return summarise('race', report.problems, { ...report, problems: report.problems.length });
      } finally {
        await target.close();
      }
    }
    default:
      console.error('usage: node dist/bench/bench/drills/main.js crash|fuzz|race [--rounds=N] [--seed=N]');
      return 2;
  }
}

function summarise(drill: string, problems: readonly string[], figures: object): number {
  console.log(`\n${drill} drill: ${JSON.stringify(figures)}`);
  for (const problem of problems.slice(0, 50)) console.log(`  PROBLEM ${problem}`);
  if (problems.length > 50) console.log(`  … and ${problems.length - 50} more`);
  console.log(problems.length === 0 ? `${drill} drill passed` : `${drill} drill FAILED with ${problems.length} problems`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
