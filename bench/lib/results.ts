import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineInfo } from './machine.js';

/** Results live in the source tree (bench/results), also when this file runs compiled from dist/. */
export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);
export const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');

export type Cell = string | number | null;

export interface ResultTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** A comparison measured in the same run: `value` = numerator / denominator. */
export interface Ratio {
  readonly label: string;
  readonly value: number | null;
}

/** How one of the targets fared; `met` null means it could not be measured. */
export interface TargetCheck {
  readonly id: string;
  readonly measured: string;
  readonly met: boolean | null;
  readonly note?: string;
}

export type ResultStatus = 'measured' | 'pending' | 'blocked';

export interface BenchResult {
  readonly name: string;
  readonly title: string;
  readonly status: ResultStatus;
  /** Why a benchmark is pending or blocked, or a caveat on a measured one. */
  readonly statusNote?: string;
  readonly startedAt: string;
  readonly durationS: number;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly durability: string;
  readonly method: string;
  readonly tables: readonly ResultTable[];
  readonly ratios: readonly Ratio[];
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
}

export function writeResult(result: BenchResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.name}.json`);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

/** Every result on disk, in file-name order. */
export function readResults(): BenchResult[] {
  let names: string[];
  try {
    names = readdirSync(RESULTS_DIR).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((name) => JSON.parse(readFileSync(path.join(RESULTS_DIR, name), 'utf8')) as BenchResult);
}

function findProjectRoot(from: string): string {
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'redaksi') return dir;
    } catch {
      // not here
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No redaksi package.json above ${from}`);
    dir = parent;
  }
}
