import 'reflect-metadata';
import { Controller, Get, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule } from '../auth/auth.module.js';
import { Roles } from '../auth/decorators.js';
import { loadConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { configureHttp } from '../http/configure-http.js';
import { setupOpenApi } from '../http/openapi.js';
import { LoggingModule } from '../logging/logging.module.js';
import { HealthModule } from './health.module.js';
import { HealthRegistry } from './health.registry.js';

@Injectable()
class StoreHealth implements OnModuleInit {
  healthy = true;
  constructor(private readonly registry: HealthRegistry) {}
  onModuleInit(): void {
    this.registry.register('eventStore', () =>
      Promise.resolve(this.healthy ? { status: 'ok' } : { status: 'error', details: { reason: 'unreachable' } }),
    );
  }
}

@Controller('v1/desk')
class DeskController {
  @Get()
  @Roles('editor')
  list(): string[] {
    return [];
  }
}

describe('/health and /docs', () => {
  let app: NestExpressApplication;
  let store: StoreHealth;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(), AuthModule.forRoot({ keys: [] }), HealthModule],
      controllers: [DeskController],
      providers: [StoreHealth],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttp(app, config);
    setupOpenApi(app);
    await app.init();
    store = app.get(StoreHealth);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers /health without a key, with the registered checks', async () => {
    const res = await request(app.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok', checks: { eventStore: { status: 'ok' } } });
  });

  it('answers 503 when a check fails', async () => {
    store.healthy = false;
    try {
      const res = await request(app.getHttpServer()).get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', checks: { eventStore: { status: 'error', details: { reason: 'unreachable' } } } });
    } finally {
      store.healthy = true;
    }
  });

  it('serves the OpenAPI document with a bearer scheme required everywhere but public routes', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json');
    expect(res.status).toBe(200);
    const document = res.body as {
      components: { securitySchemes: Record<string, unknown> };
      security: unknown[];
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(document.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health']?.get?.security).toEqual([{}]);
    expect(document.paths['/v1/desk']?.get?.security).toBeUndefined();
  });

  it('serves the Swagger UI at /docs without a key', async () => {
    const res = await request(app.getHttpServer()).get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it('still guards the API itself', async () => {
    expect((await request(app.getHttpServer()).get('/v1/desk')).status).toBe(401);
  });
});
