import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadDeliveryConfig } from '../../src/delivery/delivery-config.js';
import { Outbox } from '../../src/delivery/webhooks/deliveries/outbox.js';
import { openDeliveryDatabase } from '../../src/delivery/webhooks/delivery-database.js';
import { loadSecretKey, SecretBox } from '../../src/delivery/webhooks/ledger/secret-box.js';
import { WebhookLedger } from '../../src/delivery/webhooks/ledger/webhook-ledger.js';
import { SubscriberStore } from '../../src/delivery/webhooks/subscribers/subscriber-store.js';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import { SqliteEventStore } from '../../src/platform/event-store/sqlite/sqlite-event-store.js';
import { ALL_PROJECTIONS } from '../../src/read-models/all-projections.js';
import { openReadModelDatabase } from '../../src/platform/projections/read-model-database.js';
import { ReadModels } from '../../src/platform/projections/read-models.js';
import { rebuildProjection } from '../../src/platform/projections/rebuild.js';
import { dumpReadModels, openReadModelFile } from '../../test/support/read-model-dump.js';
import type { Who } from '../../test/support/test-app.js';
import type { RecoveredServer } from './crash-drill.js';
import { headOf } from './target.js';

/**
 * The checks the crash drill runs on the recovered server: every article's integrity chain
 * verifies, every publication reached the webhook receiver, the read models the server kept
 * through the kills equal a fresh rebuild from the log, and so does its fold of the webhook
 * ledger.
 */
export async function recoveredStateChecks(server: RecoveredServer): Promise<string[]> {
  const problems = [...(await integrityChainsVerify(server))];
  problems.push(...(await everyPublicationDelivered(server)));
  problems.push(...(await readModelsEqualFreshRebuild(server)));
  problems.push(...(await webhookFoldEqualsFreshFold(server)));
  return problems;
}

/** Every `article.published` in the feed reached the drill's receiver, and the ledger shows them all delivered. */
async function everyPublicationDelivered(server: RecoveredServer): Promise<string[]> {
  const get = async (who: Who, url: string): Promise<unknown> =>
    (await fetch(`${server.baseUrl}${url}`, { headers: { Authorization: `Bearer ${server.tokens[who]}` } })).json();
  const published: string[] = [];
  for (let after: string | null = null, end = false; !end;) {
    const page = (await get('service', `/v1/feed?limit=500${after === null ? '' : `&after=${after}`}`)) as {
      events: { id: string; type: string }[];
      next: string | null;
      endOfFeed: boolean;
    };
    published.push(...page.events.filter((event) => event.type === 'article.published').map((event) => event.id));
    ({ next: after, endOfFeed: end } = page);
  }
  const { subscriberId, received } = server.webhooks;
  const deadline = Date.now() + 60_000;
  let counts = { pending: -1, parked: -1, delivered: -1 };
  while (Date.now() < deadline) {
    counts = ((await get('admin', `/v1/subscribers/${subscriberId}`)) as { deliveries: typeof counts }).deliveries;
    if (published.every((id) => received.has(id)) && counts.pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const problems = published.filter((id) => !received.has(id)).map((id) => `webhook for ${id} never arrived`);
  if (published.length === 0) problems.push('no publications to deliver');
  if (counts.delivered !== published.length || counts.pending !== 0 || counts.parked !== 0) {
    problems.push(`the ledger shows ${JSON.stringify(counts)} for ${published.length} publications`);
  }
  return problems;
}

/** The webhook ledger's fold the server kept through the kills equals one folded afresh from the log. */
async function webhookFoldEqualsFreshFold(server: RecoveredServer): Promise<string[]> {
  await server.stop();
  const { subscriberId } = server.webhooks;
  const store = SqliteEventStore.open({ path: path.join(server.dataDir, EMBEDDED_STORE_FILE) });
  const freshDir = await mkdtemp(path.join(tmpdir(), 'redaksi-fold-'));
  const kept = openDeliveryDatabase(server.dataDir);
  const fresh = openDeliveryDatabase(freshDir);
  const ledger = new WebhookLedger(
    store,
    fresh,
    loadDeliveryConfig({}),
    pino({ level: 'silent' }),
    new SecretBox(loadSecretKey(undefined, server.dataDir)),
    new SubscriberStore(fresh),
    new Outbox(fresh),
  );
  try {
    ledger.start();
    await ledger.catchUp(subscriberId);
    const view = (db: typeof kept) => {
      const outbox = new Outbox(db);
      return JSON.stringify({
        subscriber: new SubscriberStore(db).get(subscriberId),
        deliveries: outbox
          .list(subscriberId, { limit: 1_000_000 })
          .map(({ seq: _seq, ...delivery }) => ({ ...delivery, attempts: outbox.attempts(delivery.id) })),
      });
    };
    const [before, after] = [view(kept), view(fresh)];
    return before === after
      ? []
      : [`the webhook fold after the kills differs from a fresh fold of the ledger (${before.length} vs ${after.length} characters)`];
  } finally {
    await ledger.stop();
    kept.close();
    fresh.close();
    await store.close();
    await rm(freshDir, { recursive: true, force: true });
  }
}

async function integrityChainsVerify(server: RecoveredServer): Promise<string[]> {
  const problems: string[] = server.articleIds.length === 0 ? ['no articles to verify'] : [];
  for (const articleId of server.articleIds) {
    const response = await fetch(`${server.baseUrl}/v1/articles/${articleId}/integrity`, {
      headers: { Authorization: `Bearer ${server.tokens.auditor}` },
    });
    const body = (await response.json()) as { ok?: boolean; reason?: string };
    if (response.status !== 200 || body.ok !== true) problems.push(`integrity of ${articleId}: ${response.status} ${JSON.stringify(body)}`);
  }
  return problems;
}

async function readModelsEqualFreshRebuild(server: RecoveredServer): Promise<string[]> {
  const storeFile = path.join(server.dataDir, EMBEDDED_STORE_FILE);
  const store = SqliteEventStore.open({ path: storeFile });
  const freshDir = await mkdtemp(path.join(tmpdir(), 'redaksi-rebuild-'));
  try {
    // Let the server's runners catch up with everything in the log, then stop it so nothing moves.
    const head = (await headOf(store))?.commit ?? 0n;
    const served = openReadModelDatabase(server.dataDir);
    try {
      const waited = await new ReadModels(served).waitFor(
        ALL_PROJECTIONS.map((p) => p.name),
        head,
        30_000,
      );
      if (!waited.caughtUp) return [`read models stopped at ${String(waited.position)}, the log ends at ${head}`];
    } finally {
      served.close();
    }
    await server.stop();

    const keptFile = openReadModelFile(server.dataDir);
    const keptDump = dumpReadModels(keptFile, ALL_PROJECTIONS);
    keptFile.close();
    const rows = Object.values(keptDump)
      .flatMap((tables) => Object.values(tables))
      .reduce((sum, table) => sum + table.length, 0);
    if (rows === 0 && server.articleIds.length > 0) return ['the read models are empty: nothing to compare'];
    const kept = JSON.stringify(keptDump);
    const fresh = openReadModelDatabase(freshDir);
    try {
      for (const projection of ALL_PROJECTIONS) await rebuildProjection({ store, db: fresh.writer, projection });
      const rebuilt = JSON.stringify(dumpReadModels(fresh.reader, ALL_PROJECTIONS));
      return kept === rebuilt
        ? []
        : [`read models after the kills differ from a fresh rebuild (${kept.length} vs ${rebuilt.length} characters of rows)`];
    } finally {
      fresh.close();
    }
  } finally {
    await store.close();
    await rm(freshDir, { recursive: true, force: true });
  }
}
