import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1-minute load average when the benchmark started: above ~0.5 on an idle machine means someone else was busy. */
  readonly loadAverageAtStart: number;
  readonly sqlite: string;
}

/** What the numbers were measured on; written into every result and into BENCHMARKS.md. */
export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
    sqlite: sqliteVersion(),
  };
}

function sqliteVersion(): string {
  // A child process, so that this module does not load the native addon into every benchmark.
  try {
    return execFileSync(
      process.execPath,
      [
        '-e',
        "const D=require('better-sqlite3');const d=new D(':memory:');process.stdout.write(d.prepare('select sqlite_version()').pluck().get())",
      ],
      { encoding: 'utf8', timeout: 10_000 },
    );
  } catch {
    return 'unknown';
  }
}
