import { chainTipAfter, type ChainableEvent, eventHash, GENESIS_HASH, type SealableEvent, sealEvents, verifyChain } from './hash-chain.js';
import type { JsonValue } from './json.js';

const STREAM = 'article-0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43';

function proposed(n: number): SealableEvent[] {
  return Array.from({ length: n }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: index === 0 ? 'ArticleDrafted' : 'ArticleRevised',
    data: { step: index, text: `Revisi ke-${index}`, nested: { b: 2, a: 1 } },
    metadata: { actor: { id: 'writer-dimas' }, occurredAt: `2025-01-20T01:0${index}:00.000Z`, $correlationId: 'c-1' },
  }));
}

/** What a store would give back: the sealed events at their revisions. */
function stored(events: readonly SealableEvent[], from = 0): ChainableEvent[] {
  return events.map((event, index) => ({
    streamId: STREAM,
    revision: BigInt(from + index),
    id: event.id,
    type: event.type,
    data: event.data as JsonValue,
    metadata: event.metadata,
  }));
}

function sealedStream(n: number): ChainableEvent[] {
  return stored(sealEvents(STREAM, chainTipAfter(undefined), proposed(n)));
}

describe('hash chain', () => {
  it('chains the first event to the genesis hash and each next one to the hash before it', () => {
    const events = sealedStream(3);
    const links = events.map((event) => event.metadata as { hash: string; previousHash: string });
    expect(links[0]!.previousHash).toBe(GENESIS_HASH);
    expect(links[1]!.previousHash).toBe(links[0]!.hash);
    expect(links[2]!.previousHash).toBe(links[1]!.hash);
    for (const [index, event] of events.entries()) expect(eventHash(event)).toBe(links[index]!.hash);
    expect(verifyChain(STREAM, events)).toEqual({ ok: true, events: 3, head: links[2]!.hash });
  });

  it('continues a stream from its last event, in later appends', () => {
    const first = sealedStream(2);
    const more = stored(sealEvents(STREAM, chainTipAfter(first.at(-1)), proposed(3).slice(2)), 2);
    expect(verifyChain(STREAM, [...first, ...more]).ok).toBe(true);
  });

  it('does not depend on key order, as JSON read back from any store may reorder keys', () => {
    const [event] = sealedStream(1);
    const reordered = JSON.parse(JSON.stringify({ metadata: event!.metadata, data: event!.data })) as {
      metadata: JsonValue;
      data: JsonValue;
    };
    const shuffled = { ...event!, data: { nested: { a: 1, b: 2 }, text: 'Revisi ke-0', step: 0 }, metadata: reordered.metadata };
    expect(verifyChain(STREAM, [shuffled]).ok).toBe(true);
  });

  it('reports altered data at the revision that was altered', () => {
    const events = sealedStream(4);
    events[2] = { ...events[2]!, data: { ...(events[2]!.data as object), text: 'Revisi palsu' } };
    expect(verifyChain(STREAM, events)).toMatchObject({ ok: false, brokenAt: 2, code: 'hash_mismatch' });
  });

  it('covers metadata, type, event id, revision and stream, not only data', () => {
    const alter: ((event: ChainableEvent) => ChainableEvent)[] = [
      (event) => ({ ...event, metadata: { ...(event.metadata as object), actor: { id: 'editor-ayu' } } }),
      (event) => ({ ...event, type: 'ArticleSubmitted' }),
      (event) => ({ ...event, id: '00000000-0000-4000-8000-999999999999' }),
    ];
    for (const change of alter) {
      const events = sealedStream(3);
      events[1] = change(events[1]!);
      expect(verifyChain(STREAM, events)).toMatchObject({ ok: false, brokenAt: 1, code: 'hash_mismatch' });
    }
    expect(
      verifyChain(
        'article-other',
        sealedStream(1).map((event) => ({ ...event, streamId: 'article-other' })),
      ),
    ).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it('catches an event re-hashed by the tamperer at the next revision, whose previousHash no longer matches', () => {
    const events = sealedStream(3);
    const altered = { ...events[1]!, data: { step: 1, text: 'Revisi palsu' } };
    const rehashed = { ...altered, metadata: { ...(altered.metadata as object), hash: eventHash(altered) } };
    expect(verifyChain(STREAM, [events[0]!, rehashed, events[2]!])).toMatchObject({
      ok: false,
      brokenAt: 2,
      code: 'previous_hash_mismatch',
    });
  });

  it('catches removed, missing and unsealed events', () => {
    const events = sealedStream(4);
    expect(verifyChain(STREAM, [events[0]!, events[1]!, events[3]!])).toMatchObject({ ok: false, brokenAt: 2, code: 'revision_gap' });
    expect(verifyChain(STREAM, events.slice(1))).toMatchObject({ ok: false, brokenAt: 0, code: 'revision_gap' });
    const { hash: _hash, previousHash: _previous, ...bare } = events[1]!.metadata as Record<string, JsonValue>;
    expect(verifyChain(STREAM, [events[0]!, { ...events[1]!, metadata: bare }])).toMatchObject({
      ok: false,
      brokenAt: 1,
      code: 'missing_hash',
    });
  });

  it('reports an empty stream as intact at the genesis hash', () => {
    expect(verifyChain(STREAM, [])).toEqual({ ok: true, events: 0, head: GENESIS_HASH });
  });
});
