/**
 * TEST-ONLY. What EventStoreDB's system projections write after an append, for a test server that
 * plays a node with them running: a link event (`$>`, data `<revision>@<stream>`) per event in
 * `$ce-<category>` ($by_category: the part of the stream name before the first '-'), `$et-<type>`
 * ($by_event_type) and `$bc-<correlation id>` ($by_correlation_id, when the metadata has one). The
 * links are ordinary events of the log, which is why an unfiltered read of $all on such a node ships
 * several records per event written.
 */
import { randomUUID } from 'node:crypto';
import { BINARY_CONTENT_TYPE, type EventStore, type RecordedEvent } from '../../src/platform/event-store/event-store.port.js';

const utf8 = new TextEncoder();

export async function writeSystemLinks(store: EventStore, events: readonly RecordedEvent[]): Promise<void> {
  for (const event of events) {
    if (event.streamId.startsWith('$')) continue;
    const dash = event.streamId.indexOf('-');
    const targets = [
      ...(dash > 0 ? [`$ce-${event.streamId.slice(0, dash)}`] : []),
      `$et-${event.type}`,
      ...(correlationOf(event) ? [`$bc-${correlationOf(event)}`] : []),
    ];
    for (const stream of targets) {
      await store.appendToStream(stream, [
        { id: randomUUID(), type: '$>', contentType: BINARY_CONTENT_TYPE, data: utf8.encode(`${event.revision}@${event.streamId}`) },
      ]);
    }
  }
}

function correlationOf(event: RecordedEvent): string | undefined {
  const m = event.metadata;
  const id = m !== null && typeof m === 'object' && !Array.isArray(m) ? m.$correlationId : undefined;
  return typeof id === 'string' ? id : undefined;
}
