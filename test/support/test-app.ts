import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Role } from '../../src/kernel/identity.js';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/platform/config/index.js';
import type { DeliveryOptions } from '../../src/delivery/delivery-config.js';
import { EVENT_STORE, type EventStore } from '../../src/platform/event-store/event-store.port.js';

export const PRINCIPALS = {
  writer: { principalId: 'writer-dimas', displayName: 'Dimas Prasetyo', roles: ['writer'] },
  writer2: { principalId: 'writer-sari', displayName: 'Sari Wulandari', roles: ['writer'] },
  editor: { principalId: 'editor-ayu', displayName: 'Ayu Lestari', roles: ['editor'] },
  editor2: { principalId: 'editor-bagus', displayName: 'Bagus Santoso', roles: ['editor'] },
  auditor: { principalId: 'auditor-hendra', displayName: 'Hendra Gunawan', roles: ['auditor'] },
  service: { principalId: 'service-web', displayName: 'Situs web', roles: ['service'] },
  admin: { principalId: 'admin-tono', displayName: 'Tono Wijaya', roles: ['admin'] },
} as const satisfies Record<string, { principalId: string; displayName: string; roles: readonly Role[] }>;

export type Who = keyof typeof PRINCIPALS;

/** A clock the test moves by hand; starts at the real time. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestAppOptions {
  /** Reuse a data directory (e.g. to restart on the same store). */
  readonly dataDir?: string;
  readonly clock?: TestClock;
  readonly scheduler?: { enabled?: boolean; tickMs?: number };
  readonly env?: Record<string, string>;
  /** Delivery timings (backoffs, heartbeats, timeouts) in test-sized units. */
  readonly delivery?: DeliveryOptions;
}

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly store: EventStore;
  readonly dataDir: string;
  /** This app's API keys file (REDAKSI_API_KEYS_FILE), which it follows while it runs. */
  readonly keysFile: string;
  readonly clock: TestClock;
  readonly tokens: Record<Who, string>;
  readonly principals: typeof PRINCIPALS;
  /** A supertest agent authenticated as one of the principals. */
  as(who: Who): AuthenticatedAgent;
  /** A supertest agent with no credentials. */
  anonymous(): ReturnType<typeof request>;
  /** Close the app; remove the data directory unless it was given. */
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'delete';
export type AuthenticatedAgent = Record<Method, (url: string) => request.Test>;

/** The real application (auth, validation, problem details, embedded store) on a fresh data dir. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'redaksi-test-')));
  // Each app its own keys file: apps sharing a data directory (two instances, a restart) each follow
  // their own file, as the running server follows REDAKSI_API_KEYS_FILE.
  const keysFile = path.join(dataDir, `test-api-keys-${randomBytes(6).toString('hex')}.json`);
  const tokens = Object.fromEntries(
    Object.keys(PRINCIPALS).map((who) => [who, `test-${who}-${randomBytes(24).toString('base64url')}`]),
  ) as Record<Who, string>;
  const entries = Object.entries(PRINCIPALS).map(([who, principal]) => ({ token: tokens[who as Who], ...principal }));
  await writeFile(keysFile, JSON.stringify(entries), { mode: 0o600 });

  const config = loadConfig({
    REDAKSI_DATA_DIR: dataDir,
    REDAKSI_API_KEYS_FILE: keysFile,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const clock = options.clock ?? new TestClock();
  const app = await createApp(config, {
    clock: clock.now,
    articles: { scheduler: { enabled: true, tickMs: 60_000, ...options.scheduler } },
    ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
  });
  await app.init();
  const server = app.getHttpServer();
  const agent = (who: Who): AuthenticatedAgent => ({
    get: (url) => request(server).get(url).set('Authorization', `Bearer ${tokens[who]}`),
    post: (url) => request(server).post(url).set('Authorization', `Bearer ${tokens[who]}`),
    put: (url) => request(server).put(url).set('Authorization', `Bearer ${tokens[who]}`),
    delete: (url) => request(server).delete(url).set('Authorization', `Bearer ${tokens[who]}`),
  });
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    keysFile,
    clock,
    tokens,
    principals: PRINCIPALS,
    as: agent,
    anonymous: () => request(server),
    close: async () => {
      await app.close();
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
