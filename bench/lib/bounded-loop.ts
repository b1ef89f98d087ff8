import { LatencyRecorder, type LatencySummary, perSecond } from './latency.js';

export interface LoopLimits {
  /** Stop after this many operations in total… */
  readonly maxOps: number;
  /** …or after this long, whichever comes first. */
  readonly maxMs: number;
  /** An operation that has not settled by then counts as failed (and its writer moves on). Default 10 s. */
  readonly opTimeoutMs?: number;
}

export interface LoopResult {
  readonly ok: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
  readonly latency: LatencySummary;
  /** Failure messages and how often each happened. */
  readonly errors: Readonly<Record<string, number>>;
}

/**
 * `writers` loops, each calling `operation(writer, n)` one at a time until the shared budget
 * is spent. Latency is recorded per successful operation; failures are counted by message.
 */
export async function runWriters(
  writers: number,
  limits: LoopLimits,
  operation: (writer: number, n: number) => Promise<unknown>,
): Promise<LoopResult> {
  const latency = new LatencyRecorder();
  const errors: Record<string, number> = {};
  let started = 0;
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const loop = async (writer: number): Promise<void> => {
    for (let n = 0; started < limits.maxOps && performance.now() - start < limits.maxMs; n++) {
      started += 1;
      const t = performance.now();
      try {
        await withTimeout(operation(writer, n), limits.opTimeoutMs ?? 10_000);
        latency.record(performance.now() - t);
        ok += 1;
      } catch (error) {
        failed += 1;
        const message = error instanceof Error ? error.message.slice(0, 120) : String(error);
        errors[message] = (errors[message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, writer) => loop(writer)));
  const elapsedMs = performance.now() - start;
  return { ok, failed, elapsedMs, perSecond: perSecond(ok, elapsedMs), latency: latency.summary(), errors };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
