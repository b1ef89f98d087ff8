import type { DestinationStream } from 'pino';

/** A pino destination that keeps the parsed lines, for specs that assert on logs. */
export function captureLogs(): DestinationStream & { readonly lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
}
