import 'reflect-metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Get } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { Actor } from '../../kernel/identity.js';
import { loadConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { configureHttp } from '../http/configure-http.js';
import { PROBLEM_TYPE_BASE } from '../http/problem.js';
import { createLogger } from '../logging/logger.js';
import { LoggingModule } from '../logging/logging.module.js';
import { captureLogs } from '../logging/test-support.js';
import { AuthModule } from './auth.module.js';
import { CurrentActor, Public, Roles } from './decorators.js';

const WRITER = 'w'.repeat(43);
const EDITOR = 'e'.repeat(43);
const SERVICE = 's'.repeat(43);

@Controller('probe')
class ProbeController {
  @Get('me')
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Get('desk')
  @Roles('editor', 'auditor', 'admin')
  desk(@CurrentActor() actor: Actor): { reader: string } {
    return { reader: actor.id };
  }

  @Get('open')
  @Public()
  open(): { open: true } {
    return { open: true };
  }
}

@Controller('published')
@Public()
class PublicController {
  @Get()
  list(): string[] {
    return [];
  }
}

describe('API key authentication over HTTP', () => {
  let app: NestExpressApplication;
  const logs = captureLogs();

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(createLogger({ level: 'info', destination: logs })),
        AuthModule.forRoot({
          keys: [
            { token: WRITER, principalId: 'writer-1', displayName: 'Dewi', roles: ['writer'] },
            { token: EDITOR, principalId: 'editor-1', displayName: 'Rina', roles: ['editor'] },
            { token: SERVICE, principalId: 'site', displayName: 'Website', roles: ['service'] },
          ],
        }),
      ],
      controllers: [ProbeController, PublicController],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('rejects a request without credentials with 401 and a Bearer challenge', async () => {
    const res = await get('/probe/me');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="redaksi"');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}unauthorized`, status: 401, detail: expect.stringContaining('Bearer') });
  });

  it.each(['Basic dXNlcjpwYXNz', `Bearer`, `Bearer ${WRITER} extra`, `Token ${WRITER}`, 'Bearer <script>'])(
    'rejects a malformed header %j with 401',
    async (header) => {
      const res = await get('/probe/me').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="redaksi", error="invalid_token"');
    },
  );

  it('rejects an unknown token with 401', async () => {
    const res = await get('/probe/me').set('Authorization', `Bearer ${'x'.repeat(43)}`);
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The API key is not valid.');
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('attaches the actor of a known token', async () => {
    const res = await get('/probe/me').set('Authorization', `Bearer ${WRITER}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'writer-1', displayName: 'Dewi', roles: ['writer'] });
  });

  it('reads the scheme case-insensitively', async () => {
    expect((await get('/probe/me').set('Authorization', `bearer ${EDITOR}`)).status).toBe(200);
  });

  it('answers 403 when the actor has none of the required roles', async () => {
    const writer = await get('/probe/desk').set('Authorization', `Bearer ${WRITER}`);
    expect(writer.status).toBe(403);
    expect(writer.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}forbidden`,
      detail: 'This endpoint requires one of the roles: editor, auditor, admin.',
    });
    expect((await get('/probe/desk').set('Authorization', `Bearer ${SERVICE}`)).status).toBe(403);
  });

  it('lets an actor with one of the roles in', async () => {
    const res = await get('/probe/desk').set('Authorization', `Bearer ${EDITOR}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reader: 'editor-1' });
  });

  it('still authenticates before checking roles', async () => {
    expect((await get('/probe/desk')).status).toBe(401);
  });

  it('skips authentication on @Public() routes and controllers', async () => {
    expect((await get('/probe/open')).status).toBe(200);
    expect((await get('/published')).status).toBe(200);
  });

  it('logs the actor of each request', async () => {
    await get('/probe/me').set('Authorization', `Bearer ${EDITOR}`).set('X-Correlation-Id', 'who-1');
    await get('/probe/me').set('X-Correlation-Id', 'who-2');
    expect(logs.lines.find((l) => l.correlationId === 'who-1' && l.msg === 'request completed')).toMatchObject({
      actorId: 'editor-1',
      status: 200,
    });
    expect(logs.lines.find((l) => l.correlationId === 'who-2' && l.msg === 'request completed')).toMatchObject({ status: 401 });
    expect(JSON.stringify(logs.lines)).not.toContain(EDITOR);
  });
});

describe('AuthModule with a keys file from APP_CONFIG', () => {
  it('refuses to start on an invalid keys file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'redaksi-auth-'));
    try {
      await writeFile(path.join(dir, 'api-keys.json'), '[{"token": "short"}]');
      const config = loadConfig({ REDAKSI_DATA_DIR: dir, LOG_LEVEL: 'silent' });
      const compiling = Test.createTestingModule({
        imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(), AuthModule.forRoot()],
      }).compile();
      await expect(compiling).rejects.toThrow('entry 0, field "token"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates the keys file on first start', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'redaksi-auth-'));
    try {
      const config = loadConfig({ REDAKSI_DATA_DIR: dir, LOG_LEVEL: 'silent' });
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(), AuthModule.forRoot()],
        controllers: [ProbeController],
      }).compile();
      const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
      configureHttp(app, config);
      await app.init();
      try {
        const keys = JSON.parse(await readFile(config.apiKeysFile, 'utf8')) as { token: string; roles: string[] }[];
        const admin = keys.find((k) => k.roles.includes('admin'))!;
        const res = await request(app.getHttpServer()).get('/probe/me').set('Authorization', `Bearer ${admin.token}`);
        expect(res.body).toMatchObject({ id: 'bootstrap-admin', roles: ['admin'] });
      } finally {
        await app.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
