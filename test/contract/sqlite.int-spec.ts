import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

// A small limit keeps case 11 from building megabytes of JSON; the default (1 MiB) is covered by the unit spec.
const maxAppendSize = 64 * 1024;

describeEventStoreContract('SqliteEventStore on a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'redaksi-contract-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite'), maxAppendSize });
  return {
    store,
    capabilities: { maxAppendSize },
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describeEventStoreContract('SqliteEventStore in memory', () => {
  const store = SqliteEventStore.open({ path: ':memory:', maxAppendSize });
  return Promise.resolve({ store, capabilities: { maxAppendSize }, dispose: () => store.close() });
});
