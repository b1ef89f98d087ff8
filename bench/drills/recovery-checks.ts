import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EMBEDDED_STORE_FILE } from '../../src/event-store/event-store.module.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { openReadModelDatabase } from '../../src/projections/read-model-database.js';
import { ReadModels } from '../../src/projections/read-models.js';
import { rebuildProjection } from '../../src/projections/rebuild.js';
import { dumpReadModels, openReadModelFile } from '../../test/support/read-model-dump.js';
import type { RecoveredServer } from './crash-drill.js';
import { headOf } from './target.js';

/**
 * The checks the crash drill runs on the recovered server once the read-model and audit work
 * has landed: the read models the server kept through the kills equal a fresh rebuild from the
 * log, and every article's integrity chain verifies.
 */
export async function recoveredStateChecks(server: RecoveredServer): Promise<string[]> {
  const problems = [...(await integrityChainsVerify(server))];
  problems.push(...(await readModelsEqualFreshRebuild(server)));
  return problems;
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
      const waited = await new ReadModels(served).waitFor(ALL_PROJECTIONS.map((p) => p.name), head, 30_000);
      if (!waited.caughtUp) return [`read models stopped at ${String(waited.position)}, the log ends at ${head}`];
    } finally {
      served.close();
    }
    await server.stop();

    const keptFile = openReadModelFile(server.dataDir);
    const keptDump = dumpReadModels(keptFile, ALL_PROJECTIONS);
    keptFile.close();
    const rows = Object.values(keptDump).flatMap((tables) => Object.values(tables)).reduce((sum, table) => sum + table.length, 0);
    if (rows === 0 && server.articleIds.length > 0) return ['the read models are empty: nothing to compare'];
    const kept = JSON.stringify(keptDump);
    const fresh = openReadModelDatabase(freshDir);
    try {
      for (const projection of ALL_PROJECTIONS) await rebuildProjection({ store, db: fresh.writer, projection });
      const rebuilt = JSON.stringify(dumpReadModels(fresh.reader, ALL_PROJECTIONS));
      return kept === rebuilt ? [] : [`read models after the kills differ from a fresh rebuild (${kept.length} vs ${rebuilt.length} characters of rows)`];
    } finally {
      fresh.close();
    }
  } finally {
    await store.close();
    await rm(freshDir, { recursive: true, force: true });
  }
}
