import type { EventFilter } from '../event-store.port.js';

/** The fields a filter looks at, available on a raw row before the event is decoded. */
export interface FilterSubject {
  readonly stream_id: string;
  readonly type: string;
}

export type RowPredicate = (row: FilterSubject) => boolean;

/** Compiles a filter once; an invalid regex throws here, when the read or subscription is set up. */
export function compileFilter(filter: EventFilter | undefined): RowPredicate | undefined {
  if (filter === undefined) return undefined;
  const field = filter.on === 'streamName' ? ('stream_id' as const) : ('type' as const);
  if ('regex' in filter) {
    const regex = new RegExp(filter.regex);
    return (row) => regex.test(row[field]);
  }
  const prefixes = [...filter.prefixes];
  return (row) => prefixes.some((prefix) => row[field].startsWith(prefix));
}
