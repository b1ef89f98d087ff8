import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { describeProjectionContract } from './projection.contract.js';

describeProjectionContract('SqliteEventStore on a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'redaksi-projection-store-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
