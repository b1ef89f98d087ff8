import type { Direction, EventFilter, Position } from '../../event-store.port.js';
import { sharedPb, streamsPb, type ReadReq } from './generated.js';

const utf8 = new TextEncoder();
const { ReadDirection } = streamsPb.ReadReq.Options;

export interface StreamReadRequest {
  readonly stream: string;
  readonly direction: Direction;
  /** Inclusive. */
  readonly from: 'start' | 'end' | bigint;
  readonly count: number;
  readonly resolveLinks?: boolean;
}

export interface AllReadRequest {
  readonly direction: Direction;
  /** Forwards inclusive; backwards the server starts before this position (see paged-reads.ts). */
  readonly from: 'start' | 'end' | Position;
  readonly count: number;
  readonly filter?: EventFilter;
  /** Events the server considers per page of its own while filtering (the filter's `max`). */
  readonly searchWindow: number;
}

/** A Streams.Read of one stream, `count` events at most. */
export function streamReadRequest(request: StreamReadRequest): ReadReq {
  const stream = new streamsPb.ReadReq.Options.StreamOptions().setStreamIdentifier(streamIdentifier(request.stream));
  if (request.from === 'start') stream.setStart(new sharedPb.Empty());
  else if (request.from === 'end') stream.setEnd(new sharedPb.Empty());
  else stream.setRevision(request.from.toString(10));
  const options = baseOptions(request.direction, request.count)
    .setStream(stream)
    .setResolveLinks(request.resolveLinks ?? false);
  return new streamsPb.ReadReq().setOptions(options.setNoFilter(new sharedPb.Empty()));
}

/** A Streams.Read of $all, with the filter applied by the server: only matching events travel. */
export function allReadRequest(request: AllReadRequest): ReadReq {
  const all = new streamsPb.ReadReq.Options.AllOptions();
  if (request.from === 'start') all.setStart(new sharedPb.Empty());
  else if (request.from === 'end') all.setEnd(new sharedPb.Empty());
  else {
    all.setPosition(
      new streamsPb.ReadReq.Options.Position()
        .setCommitPosition(request.from.commit.toString(10))
        .setPreparePosition(request.from.prepare.toString(10)),
    );
  }
  const options = baseOptions(request.direction, request.count).setAll(all).setResolveLinks(false);
  if (request.filter) options.setFilter(filterOptions(request.filter, request.searchWindow));
  else options.setNoFilter(new sharedPb.Empty());
  return new streamsPb.ReadReq().setOptions(options);
}

export function filterOptions(filter: EventFilter, searchWindow: number): ReadReq.Options.FilterOptions {
  const expression = new streamsPb.ReadReq.Options.FilterOptions.Expression();
  if ('prefixes' in filter) expression.setPrefixList([...filter.prefixes]);
  else expression.setRegex(filter.regex);
  const options = new streamsPb.ReadReq.Options.FilterOptions().setMax(searchWindow).setCheckpointintervalmultiplier(1);
  return filter.on === 'streamName' ? options.setStreamIdentifier(expression) : options.setEventType(expression);
}

function baseOptions(direction: Direction, count: number): ReadReq.Options {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`A read page must ask for at least one event, got ${count}`);
  return new streamsPb.ReadReq.Options()
    .setReadDirection(direction === 'forwards' ? ReadDirection.FORWARDS : ReadDirection.BACKWARDS)
    .setCount(String(count))
    .setUuidOption(new streamsPb.ReadReq.Options.UUIDOption().setString(new sharedPb.Empty()));
}

export function streamIdentifier(name: string) {
  return new sharedPb.StreamIdentifier().setStreamName(utf8.encode(name));
}
