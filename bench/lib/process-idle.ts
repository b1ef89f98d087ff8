import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds a process has used (user + system), from /proc; undefined where there is no /proc. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Waits until a process has used under `threshold` of a core for a whole second: a server that
 * has just started may still be catching its read models up with the log, and a measurement
 * must not start before that work is done. Returns how long it waited.
 */
export async function waitUntilIdle(pid: number, options: { threshold?: number; timeoutMs?: number } = {}): Promise<number> {
  const threshold = options.threshold ?? 0.05;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  const start = Date.now();
  let previous = cpuSeconds(pid);
  if (previous === undefined) return 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuSeconds(pid);
    if (now === undefined) return Date.now() - start;
    if (now - previous < threshold) return Date.now() - start;
    if (Date.now() > deadline) throw new Error(`Process ${pid} still busy after ${options.timeoutMs ?? 600_000} ms`);
    previous = now;
  }
}
