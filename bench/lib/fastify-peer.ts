import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from './results.js';
import { peerFile, preparePeers } from './peers.js';

/**
 * The request path's peer (bench/peers/src/fastify-sqlite-peer.ts), started as a process of its
 * own like the real server: NestJS 12 on Fastify, one durable SQLite insert per PUT.
 */
export interface FastifyPeer {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Read back from the peer's own connection once it listened. */
  readonly durability: { readonly journalMode: string; readonly synchronous: string; readonly sqlite: string };
  kill(): Promise<number | null>;
}

const START_TIMEOUT_MS = 60_000;

export async function startFastifyPeer(databaseFile: string, log: (line: string) => void): Promise<FastifyPeer> {
  await preparePeers(log);
  const child = spawn(process.execPath, [peerFile('fastify-sqlite-peer.js')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PEER_DB: databaseFile, PEER_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then((code) => Promise.reject(new Error(`The Fastify peer exited with ${String(code)} before listening: ${stderr}`))),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`The Fastify peer did not listen within ${START_TIMEOUT_MS} ms: ${stderr}`)),
        START_TIMEOUT_MS,
      ).unref(),
    ),
  ]).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  lines.close();
  child.stdout.resume(); // nothing more is expected there; never let the pipe fill
  const ready = JSON.parse(first) as { listening: string; journalMode: string; synchronous: string; sqlite: string };
  return {
    baseUrl: ready.listening,
    child,
    durability: { journalMode: ready.journalMode, synchronous: ready.synchronous, sqlite: ready.sqlite },
    kill: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Stores each document once with a PUT, a few at a time, before any load is measured. */
export async function seedPeerDocuments(peer: FastifyPeer, ids: readonly string[], body: string): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const response = await fetch(`${peer.baseUrl}/documents/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (!response.ok) throw new Error(`Seeding the peer: PUT /documents/${id} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
