import 'reflect-metadata';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Injectable,
  Module,
  NotFoundException,
  type OnModuleDestroy,
  Param,
  Put,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
// Not a dependency of this package: resolved from the product's own install, so that the peer
// runs on the very SQLite build the embedded event store uses (and nothing is compiled twice).
import Database from 'better-sqlite3';

/**
 * The benchmarks' peer for the request path: the smallest NestJS 12 app on Fastify that does
 * what a durable document API must. `PUT /documents/:id` appends the body to SQLite (WAL,
 * synchronous=FULL, one transaction and so one fsync per request, no group commit) and
 * `GET /documents/:id` answers the last body stored for that id. No validation beyond "a JSON
 * object", no authentication, no request logging: it is the floor the product is measured against.
 *
 * Run as its own process: PEER_DB=<file> [PEER_PORT=0] node dist/fastify-sqlite-peer.js.
 * Once listening it prints one JSON line to stdout with its URL and the pragmas read back.
 */

const BODY_LIMIT = 1_048_576; // the product's default REDAKSI_BODY_LIMIT (1mb)
const DATABASE = Symbol('database');

@Injectable()
class DocumentLog implements OnModuleDestroy {
  private readonly insert: Database.Statement<[string, string, string]>;
  private readonly latest: Database.Statement<[string], { body: string }>;
  private readonly appendOne: (id: string, body: string) => number;

  constructor(@Inject(DATABASE) private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS puts (
        seq INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL,
        body TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS puts_by_document ON puts (document_id, seq);
    `);
    this.insert = db.prepare('INSERT INTO puts (document_id, body, at) VALUES (?, ?, ?)');
    this.latest = db.prepare('SELECT body FROM puts WHERE document_id = ? ORDER BY seq DESC LIMIT 1');
    // One transaction per request: its commit is the request's one fsync of the WAL.
    this.appendOne = db.transaction((id: string, body: string) =>
      Number(this.insert.run(id, body, new Date().toISOString()).lastInsertRowid),
    );
  }

  append(id: string, body: string): number {
    return this.appendOne(id, body);
  }

  last(id: string): string | undefined {
    return this.latest.get(id)?.body;
  }

  onModuleDestroy(): void {
    this.db.close();
  }
}

@Controller('documents')
class DocumentsController {
  constructor(@Inject(DocumentLog) private readonly log: DocumentLog) {}

  @Put(':id')
  @HttpCode(200)
  put(@Param('id') id: string, @Body() body: unknown): { id: string; seq: number } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new BadRequestException('The body must be a JSON object');
    }
    return { id, seq: this.log.append(id, JSON.stringify(body)) };
  }

  @Get(':id')
  @Header('content-type', 'application/json; charset=utf-8')
  get(@Param('id') id: string): string {
    const body = this.log.last(id);
    if (body === undefined) throw new NotFoundException(`No document ${id}`);
    return body;
  }
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

async function main(): Promise<void> {
  const file = process.env.PEER_DB;
  const port = Number(process.env.PEER_PORT ?? '0');
  if (file === undefined || file === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write('usage: PEER_DB=<sqlite file> [PEER_PORT=<0-65535>] node fastify-sqlite-peer.js\n');
    process.exitCode = 2;
    return;
  }
  const db = openDatabase(file);

  @Module({ controllers: [DocumentsController], providers: [DocumentLog, { provide: DATABASE, useValue: db }] })
  class PeerModule {}

  const app = await NestFactory.create<NestFastifyApplication>(PeerModule, new FastifyAdapter({ bodyLimit: BODY_LIMIT }), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('The peer is not listening on a TCP port');
  process.stdout.write(
    `${JSON.stringify({
      listening: `http://127.0.0.1:${address.port}`,
      journalMode: db.pragma('journal_mode', { simple: true }),
      synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(db.pragma('synchronous', { simple: true }))] ?? 'unknown',
      sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    })}\n`,
  );
}

await main();
