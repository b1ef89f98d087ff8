/**
 * Connection strings as KurrentDB documents them today (`kurrentdb://`, also `kurrent://` and `kdb://`,
 * each with `+discover`) have the same format as the `esdb://` strings client 6.2.1 parses; only the
 * scheme differs, so it is rewritten before the client sees it.
 */
const SCHEMES = /^(?:esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\//i;

export function isEventStoreConnectionString(value: string): boolean {
  return SCHEMES.test(value.trim());
}

export function toClientConnectionString(value: string): string {
  const trimmed = value.trim();
  const match = SCHEMES.exec(trimmed);
  if (!match) {
    throw new TypeError('An EventStoreDB connection string starts with esdb://, kurrentdb://, kurrent:// or kdb:// (optionally +discover)');
  }
  return `esdb${match[1] ?? ''}://${trimmed.slice(match[0].length)}`;
}

/** The client's own reading of a connection-string option (keys compare without case, '-' or '_'). */
export function queryOption(connectionString: string, key: string): string | undefined {
  const query = connectionString.split('?')[1];
  if (!query) return undefined;
  const flat = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  for (const pair of query.split('&')) {
    const [k, v] = pair.split('=');
    if (k !== undefined && v !== undefined && flat(k) === flat(key)) return decodeURIComponent(v);
  }
  return undefined;
}
