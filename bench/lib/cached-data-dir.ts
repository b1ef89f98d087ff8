import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './benchmark.js';

/**
 * A data directory built once per `npm run bench` run and copied for every use: `build` fills
 * `<cache>/<key>` (its event store closed, its read models built) and returns what the
 * benchmarks need to know about it (ids, slugs), which is kept beside it as JSON.
 */
export async function cachedDataDir<T>(ctx: BenchContext, key: string, dataDir: string, build: (dir: string) => Promise<T>): Promise<T> {
  const cached = path.join(ctx.cacheDir, key);
  const manifest = `${cached}.json`;
  if (!existsSync(manifest)) {
    mkdirSync(cached, { recursive: true });
    const started = performance.now();
    const built = await build(cached);
    writeFileSync(manifest, JSON.stringify(built));
    ctx.log(`  ${key}: seeded in ${Math.round((performance.now() - started) / 100) / 10} s (once per run)`);
  }
  mkdirSync(dataDir, { recursive: true });
  cpSync(cached, dataDir, { recursive: true });
  return JSON.parse(readFileSync(manifest, 'utf8')) as T;
}
