import { eitherOf, type StoredEvent, StreamDecoder, UndecodableEventError } from './event-decoder.js';

type Planted = { readonly type: 'TreePlanted'; readonly data: { readonly species: string; readonly by: string } };
type Felled = { readonly type: 'TreeFelled'; readonly data: { readonly reason: string } };
type Watered = { readonly type: 'BedWatered'; readonly data: { readonly litres: number } };

const trees = new StreamDecoder<'tree', Planted | Felled>('tree', {
  // Version 1 said who planted it as `planter`; version 2 says `by`, like every newer event.
  TreePlanted: { version: 2, upcasts: { 1: ({ planter, ...rest }) => ({ ...rest, by: planter ?? 'unknown' }) } },
  TreeFelled: { version: 1 },
});
const beds = new StreamDecoder<'bed', Watered>('bed', { BedWatered: { version: 1 } });

function stored(partial: Partial<StoredEvent> & Pick<StoredEvent, 'type' | 'data'>): StoredEvent {
  return { streamId: 'tree-7', revision: 3n, id: 'e-1', metadata: { schemaVersion: 1 }, ...partial };
}

describe('StreamDecoder', () => {
  it('reads the current version as it is, with where it sits', () => {
    const decoded = trees.decode(stored({ type: 'TreePlanted', data: { species: 'jati', by: 'sari' }, metadata: { schemaVersion: 2 } }));
    expect(decoded).toMatchObject({ category: 'tree', id: '7', streamId: 'tree-7', revision: 3n });
    expect(decoded.event).toEqual({ type: 'TreePlanted', data: { species: 'jati', by: 'sari' } });
  });

  it('upcasts an older version on read, and takes an event without a version for version 1', () => {
    const expected = { type: 'TreePlanted', data: { species: 'jati', by: 'dimas' } };
    expect(trees.event(stored({ type: 'TreePlanted', data: { species: 'jati', planter: 'dimas' } }))).toEqual(expected);
    expect(trees.event(stored({ type: 'TreePlanted', data: { species: 'jati', planter: 'dimas' }, metadata: undefined }))).toEqual(
      expected,
    );
  });

  it('says which version it writes', () => {
    expect(trees.schemaVersion('TreePlanted')).toBe(2);
    expect(trees.schemaVersion('TreeFelled')).toBe(1);
  });

  it.each([
    ['an unknown type', stored({ type: 'TreeHugged', data: {} }), /not an event of tree streams/],
    [
      'a version newer than it knows',
      stored({ type: 'TreeFelled', data: { reason: 'storm' }, metadata: { schemaVersion: 2 } }),
      /schema version 2/,
    ],
    ['a malformed version', stored({ type: 'TreeFelled', data: { reason: 'storm' }, metadata: { schemaVersion: 'x' } }), /schema version/],
    ['binary data', stored({ type: 'TreeFelled', data: new Uint8Array([1]) }), /not a JSON object/],
    ['data that is not an object', stored({ type: 'TreeFelled', data: ['storm'] }), /not a JSON object/],
    ['another stream type', stored({ type: 'TreeFelled', data: { reason: 'storm' }, streamId: 'bed-1' }), /not a tree stream/],
  ])('refuses %s, naming the event', (_case, event, reason) => {
    expect(() => trees.decode(event)).toThrow(UndecodableEventError);
    expect(() => trees.decode(event)).toThrow(reason);
  });

  it('refuses a schema table with a gap in its upcasts', () => {
    expect(() => new StreamDecoder<'x', Felled>('x', { TreeFelled: { version: 3, upcasts: { 1: (data) => data } } })).toThrow(
      /no upcast from version 2/,
    );
  });

  it('names streams and reads ids back', () => {
    expect(trees.streamName('7')).toBe('tree-7');
    expect(trees.idFromStream('tree-7')).toBe('7');
    expect(trees.idFromStream('bed-7')).toBeUndefined();
  });
});

describe('event sources', () => {
  const felled = stored({ type: 'TreeFelled', data: { reason: 'storm' } });
  const watered = stored({ type: 'BedWatered', data: { litres: 20 }, streamId: 'bed-2' });

  it('read only the types they name, of their own stream type', () => {
    const source = trees.only('TreeFelled');
    expect(source.eventTypes).toEqual(['TreeFelled']);
    expect(source.reads(felled)).toBe(true);
    expect(source.reads(stored({ type: 'TreePlanted', data: { species: 'jati', by: 'x' } }))).toBe(false);
    expect(source.reads({ ...felled, streamId: 'bed-2' })).toBe(false);
    expect(() => source.decode(stored({ type: 'TreePlanted', data: { species: 'jati', by: 'x' } }))).toThrow(/not one of the types/);
  });

  it('combine: each event goes to the source that reads it', () => {
    const source = eitherOf(trees.only('TreeFelled'), beds.all());
    expect(source.eventTypes).toEqual(['TreeFelled', 'BedWatered']);
    expect(source.decode(felled)).toMatchObject({ category: 'tree', event: { type: 'TreeFelled' } });
    expect(source.decode(watered)).toMatchObject({ category: 'bed', id: '2', event: { data: { litres: 20 } } });
    expect(() => source.decode(stored({ type: 'TreePlanted', data: {} }))).toThrow(UndecodableEventError);
  });
});
