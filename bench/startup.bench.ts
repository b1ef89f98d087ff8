import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../test/support/server-process.js';
import type { Benchmark } from './lib/benchmark.js';
import type { Cell } from './lib/results.js';
import { PROJECT_ROOT } from './lib/results.js';
import { atMost, format } from './lib/targets.js';

const LISTEN_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 15_000;

interface Timing {
  readonly what: string;
  readonly seconds: readonly number[];
}

/**
 * Issue 15's "fast set-up and starts", measured as a newcomer meets them: a clean clone of the
 * committed HEAD, `npm ci` in it, then `npm start` until the server answers, cold (no dist/) and
 * warm (nothing changed), and `node dist/main.js` without the build for comparison.
 */
export const startupBenchmark: Benchmark = {
  name: 'startup',
  title: 'Set-up and start: npm ci on a clean clone, npm start to listening',
  async run(ctx) {
    const runs = ctx.quick ? 2 : 5;
    const clone = path.join(ctx.workDir, 'clone');
    const commit = git(['rev-parse', '--short', 'HEAD']);
    // The benchmarks' own output (results, BENCHMARKS.md) changes during a run: not a difference in the code.
    const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results', ':!BENCHMARKS.md']) !== '';
    git(['clone', '--quiet', '--no-hardlinks', PROJECT_ROOT, clone]);
    const env = cleanEnv();
    const timings: Timing[] = [];
    let ciLog = '';
    if (ctx.quick) {
      // Quick runs skip the install: the clone uses this checkout's node_modules.
      symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    } else {
      ctx.log('npm ci in a clean clone (minutes: better-sqlite3 builds from source)');
      ciLog = path.join(ctx.workDir, 'npm-ci.log');
      const seconds = await timeCommand('npm', ['ci', '--no-audit', '--no-fund'], clone, env, ciLog);
      timings.push({ what: '`npm ci` in a clean clone', seconds: [seconds] });
      ctx.log(`  npm ci: ${format(seconds)} s`);
    }
    const modes = [
      { what: '`npm start` cold (after `rm -rf dist`) → listening', command: ['npm', 'start'], cold: true },
      { what: '`npm start` warm (nothing changed) → listening', command: ['npm', 'start'], cold: false },
      { what: '`node dist/main.js` (no build step) → listening', command: [process.execPath, 'dist/main.js'], cold: false },
    ];
    for (const mode of modes) {
      const seconds: number[] = [];
      for (let i = 0; i < runs; i++) {
        if (mode.cold) rmSync(path.join(clone, 'dist'), { recursive: true, force: true });
        const dataDir = path.join(ctx.workDir, `data-${timings.length}-${i}`);
        mkdirSync(dataDir);
        seconds.push(await timeToListening(mode.command, clone, { ...env, REDAKSI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
      }
      timings.push({ what: mode.what, seconds });
      ctx.log(`  ${mode.what}: ${seconds.map((s) => format(s)).join(', ')} s`);
    }
    const warm = median(timings.find((t) => t.what.startsWith('`npm start` warm'))!.seconds);
    return {
      status: 'measured',
      ...(ctx.quick ? { statusNote: 'quick run: npm ci skipped (the clone uses this checkout’s node_modules), 2 runs each' } : {}),
      durability: 'not applicable (set-up and start); every start on an empty data directory of its own',
      method:
        `\`git clone\` of the committed HEAD (${commit}${dirty ? ', with uncommitted changes in the working tree that the clone does not have' : ''}) into a temp directory; ` +
        (ctx.quick ? '' : '`npm ci --no-audit --no-fund` there, timed once, with npm’s cache on this machine as it was; ') +
        `then ${runs} runs of each way to start, one after the other: the command is started with PORT on a free port of 127.0.0.1 and a fresh REDAKSI_DATA_DIR, ` +
        `and the time is until \`GET /health\` (polled every 20 ms) first answers; then SIGTERM to the command's process group. ` +
        `Cold deletes dist/ before each run; warm changes nothing, so the build finds its output as the previous run left it. Medians of the runs; every run is in the table.`,
      tables: [
        {
          title: 'Seconds',
          columns: ['what', 'runs', 'median s', 'min s', 'max s', 'every run s'],
          rows: timings.map((t): Cell[] => [
            t.what,
            t.seconds.length,
            round(median(t.seconds)),
            round(Math.min(...t.seconds)),
            round(Math.max(...t.seconds)),
            t.seconds.map((s) => format(round(s))).join(', '),
          ]),
        },
      ],
      ratios: [],
      targets: [atMost('startup.warm', round(warm), 3, ' s')],
      notes: ciLog === '' ? [] : [`npm ci said: ${summariseCiLog(ciLog)}`],
    };
  },
};

function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
}

/**
 * This process runs under `npm run bench`: npm's own variables and this checkout's
 * node_modules/.bin on PATH must not leak into the clone's commands.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.startsWith(PROJECT_ROOT))
    .join(path.delimiter);
  return env;
}

/** Runs a command to its end, its output to `log`; the seconds it took, or a rejection naming its exit. */
function timeCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, log: string): Promise<number> {
  const started = performance.now();
  const out = createWriteStream(log);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.once('error', reject);
    child.once('exit', (code) => {
      out.end();
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${String(code)}; see ${log}`));
    });
  });
}

/** Starts `command` in its own process group and waits until /health answers; then stops the group. */
async function timeToListening(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${command.join(' ')} exited with ${child.exitCode} before listening: ${stderr.slice(-2_000)}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        await response.arrayBuffer();
        return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > LISTEN_TIMEOUT_MS)
        throw new Error(`${command.join(' ')} did not listen within ${LISTEN_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await stopGroup(child, exited);
  }
}

/** SIGTERM to the process group this benchmark started (npm and the server under it), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  signalGroup(child.pid, 'SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_TIMEOUT_MS)),
  ]);
  if (!stopped) {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

/** npm's closing lines ("added N packages in …") and its warnings, without the noise. */
function summariseCiLog(log: string): string {
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const added = lines.filter((line) => /^added \d+ packages/.test(line));
  const warnings = [
    ...new Set(
      lines
        .filter((line) => line.startsWith('npm warn EBADENGINE   package:'))
        .map((line) => line.replace(/^npm warn EBADENGINE\s+package:\s*/, '').replace(/[',]/g, '')),
    ),
  ];
  return [...added, ...(warnings.length > 0 ? [`EBADENGINE for ${warnings.join(', ')}`] : [])].join('; ') || '(nothing)';
}
