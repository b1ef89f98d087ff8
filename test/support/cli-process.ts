import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from './server-process.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a compiled CLI (`dist/cli/<name>.js`) against a data directory, as an operator would;
 * `store` may point it at EventStoreDB instead ({EVENTSTORE_CONNECTION_STRING}).
 */
export function runCli(
  name: string,
  args: readonly string[],
  dataDir: string,
  store: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, REDAKSI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.EVENTSTORE_CONNECTION_STRING;
  Object.assign(env, store);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`dist/cli/${name}.js`, ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
