import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './results.js';

/**
 * The peers the benchmarks compare Redaksi with live in a package of their own (bench/peers,
 * with its own lock file), so that the product's `npm ci` never installs or compiles them.
 * A benchmark that needs one calls preparePeers(): the first call in a run installs the package
 * with `npm ci --prefix bench/peers` if its lock file changed since the last install, and
 * compiles its sources with the project's TypeScript if they changed since the last build.
 */
export const PEERS_DIR = path.join(PROJECT_ROOT, 'bench', 'peers');
const INSTALLED_STAMP = path.join(PEERS_DIR, 'node_modules', '.redaksi-installed-lock');
const BUILT_STAMP = path.join(PEERS_DIR, 'dist', '.redaksi-built-from');

let prepared: Promise<void> | undefined;

/** Installs and builds the peer package at most once per process; later calls share the first. */
export function preparePeers(log: (line: string) => void): Promise<void> {
  prepared ??= prepare(log);
  return prepared;
}

/** A compiled module of the peer package (e.g. 'emmett-store.js'), loaded after preparePeers(). */
export async function importPeer(file: string, log: (line: string) => void): Promise<Record<string, unknown>> {
  await preparePeers(log);
  return (await import(pathToFileURL(peerFile(file)).href)) as Record<string, unknown>;
}

export function peerFile(file: string): string {
  return path.join(PEERS_DIR, 'dist', file);
}

async function prepare(log: (line: string) => void): Promise<void> {
  const lock = fingerprint([path.join(PEERS_DIR, 'package-lock.json')]);
  if (readStamp(INSTALLED_STAMP) !== lock) {
    log(
      `installing the benchmark peers: npm ci --prefix ${path.relative(process.cwd(), PEERS_DIR) || '.'} (once; builds sqlite3 from source, a few minutes)`,
    );
    const started = performance.now();
    await run('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], 'npm ci of the benchmark peers');
    writeFileSync(INSTALLED_STAMP, `${lock}\n`);
    log(`  installed in ${Math.round((performance.now() - started) / 1000)} s`);
  }
  const sources = fingerprint([
    path.join(PEERS_DIR, 'package-lock.json'),
    path.join(PEERS_DIR, 'tsconfig.json'),
    ...readdirSync(path.join(PEERS_DIR, 'src'))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => path.join(PEERS_DIR, 'src', name)),
  ]);
  if (readStamp(BUILT_STAMP) !== sources) {
    log('compiling the benchmark peers (bench/peers/src → bench/peers/dist)');
    const tsc = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', path.join(PEERS_DIR, 'tsconfig.json')], 'compiling the benchmark peers');
    mkdirSync(path.dirname(BUILT_STAMP), { recursive: true });
    writeFileSync(BUILT_STAMP, `${sources}\n`);
  }
}

/** A SHA-256 over the files' names and contents: what an install or a build was made from. */
function fingerprint(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(PEERS_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function readStamp(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Runs a command with its output on this console; rejects, naming `what`, unless it exits 0. */
function run(command: string, args: readonly string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (error) => reject(new Error(`${what} could not start: ${error.message}`)));
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (${signal === null ? `exit ${String(code)}` : signal})`)),
    );
  });
}
