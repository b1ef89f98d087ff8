import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LatencyRecorder, type LatencySummary, perSecond } from './latency.js';

export interface FdatasyncResult {
  readonly perSecond: number;
  readonly latency: LatencySummary;
}

/**
 * The disk's own ceiling for one-at-a-time durable commits: write a 4 KiB page, fdatasync,
 * repeat, on a file in `directory` (the same file system as the stores under test).
 * `overwrite` rewrites the same few pages, as a WAL does once it has been reset and reused
 * (the cheapest durable write, so the ceiling); `append` grows the file on every write.
 */
export function measureFdatasync(
  directory: string,
  options: { readonly maxOps: number; readonly maxMs: number; readonly mode: 'overwrite' | 'append' },
): FdatasyncResult {
  const file = path.join(directory, 'fdatasync-probe.bin');
  const fd = openSync(file, 'w');
  const record = Buffer.alloc(4096, 0x61);
  const latency = new LatencyRecorder();
  try {
    // A first write and sync allocate the file's blocks, like a WAL that already exists.
    writeSync(fd, record, 0, record.length, 0);
    fdatasyncSync(fd);
    const start = performance.now();
    let ops = 0;
    while (ops < options.maxOps && performance.now() - start < options.maxMs) {
      const t = performance.now();
      const offset = options.mode === 'append' ? (ops + 1) * record.length : (ops % 8) * record.length;
      writeSync(fd, record, 0, record.length, offset);
      fdatasyncSync(fd);
      latency.record(performance.now() - t);
      ops += 1;
    }
    return { perSecond: perSecond(ops, performance.now() - start), latency: latency.summary() };
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
}
