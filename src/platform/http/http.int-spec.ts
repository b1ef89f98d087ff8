import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Inject, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';
import type { Logger } from 'pino';
import request from 'supertest';
import { loadConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { createLogger, PINO_LOGGER } from '../logging/logger.js';
import { LoggingModule } from '../logging/logging.module.js';
import { RequestContext } from '../logging/request-context.js';
import { captureLogs } from '../logging/test-support.js';
import { configureHttp } from './configure-http.js';
import { PROBLEM_TYPE_BASE, ProblemException } from './problem.js';

class BlockDto {
  @IsIn(['paragraph', 'heading'])
  type!: string;

  @IsString()
  @IsNotEmpty()
  text!: string;
}

class DraftDto {
  @IsString()
  headline!: string;

  @IsOptional()
  @IsInt()
  priority?: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BlockDto)
  body!: BlockDto[];
}

@Controller('test')
class TestController {
  constructor(@Inject(PINO_LOGGER) private readonly logger: Logger) {}

  @Post('drafts')
  draft(@Body() dto: DraftDto): { isDto: boolean; headline: string; blocks: number } {
    return { isDto: dto instanceof DraftDto, headline: dto.headline, blocks: dto.body.length };
  }

  @Post('logged')
  @HttpCode(200)
  async logged(@Body() _dto: DraftDto): Promise<{ correlationId: string | undefined }> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.info('handling');
    return { correlationId: RequestContext.correlationId() };
  }

  @Get('boom')
  boom(): never {
    throw new Error('connect ECONNREFUSED /var/lib/redaksi/secret.db');
  }

  @Get('conflict')
  conflict(): never {
    throw new ProblemException({
      status: 409,
      type: 'illegal-transition',
      title: 'Illegal transition',
      detail: 'Cannot publish an article in status draft.',
      extensions: { currentStatus: 'draft', expectedRevision: 3, actualRevision: 4 },
      headers: { 'Retry-After': '1' },
    });
  }
}

@Module({ controllers: [TestController] })
class TestModule {}

const problemJson = /^application\/problem\+json/;

describe('HTTP edge (configureHttp)', () => {
  let app: NestExpressApplication;
  const logs = captureLogs();

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'info', REDAKSI_BODY_LIMIT: '1kb' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(createLogger({ level: 'info', destination: logs })), TestModule],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureHttp(app, config);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const server = () => app.getHttpServer();
  const valid = { headline: 'Armenia dan Azerbaijan', body: [{ type: 'paragraph', text: 'Teks.' }] };

  it('accepts a valid body and hands the handler a DTO instance', async () => {
    const res = await request(server()).post('/test/drafts').send(valid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ isDto: true, headline: 'Armenia dan Azerbaijan', blocks: 1 });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('rejects an unknown field, naming it', async () => {
    const res = await request(server())
      .post('/test/drafts')
      .send({ ...valid, author: 'me' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(problemJson);
    expect(res.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}validation-failed`,
      title: 'Invalid request',
      status: 400,
      instance: '/test/drafts',
      errors: [{ field: 'author', messages: ['property author should not exist'] }],
    });
  });

  it('rejects a wrong type, naming the field', async () => {
    const res = await request(server())
      .post('/test/drafts')
      .send({ ...valid, headline: 42, priority: 'high' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'headline', messages: ['headline must be a string'] },
      { field: 'priority', messages: ['priority must be an integer number'] },
    ]);
    expect(res.body.detail).toBe('Invalid values for headline, priority.');
  });

  it('names nested fields by their path', async () => {
    const res = await request(server())
      .post('/test/drafts')
      .send({
        headline: 'h',
        body: [
          { type: 'paragraph', text: 'ok' },
          { type: 'quote', text: '', extra: 1 },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'body[1].extra', messages: ['property extra should not exist'] },
      { field: 'body[1].type', messages: [expect.stringContaining('type must be one of the following values')] },
      { field: 'body[1].text', messages: ['text should not be empty'] },
    ]);
  });

  it('treats a missing body as an empty object with missing fields', async () => {
    const res = await request(server()).post('/test/drafts');
    expect(res.status).toBe(400);
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['headline', 'body']);
  });

  it('rejects an array where an object is expected', async () => {
    const res = await request(server()).post('/test/drafts').send([valid]);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe(`${PROBLEM_TYPE_BASE}validation-failed`);
  });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const res = await request(server()).post('/test/drafts').set('Content-Type', 'application/json').send('{"headline": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(problemJson);
    expect(res.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}malformed-json`, status: 400, instance: '/test/drafts' });
  });

  it('accepts only objects and arrays at the top level', async () => {
    const res = await request(server()).post('/test/drafts').set('Content-Type', 'application/json').send('"just a string"');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe(`${PROBLEM_TYPE_BASE}malformed-json`);
  });

  it('answers an oversized body with 413', async () => {
    const res = await request(server())
      .post('/test/drafts')
      .send({ ...valid, headline: 'x'.repeat(2000) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(problemJson);
    expect(res.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}payload-too-large`, status: 413, limitBytes: 1024 });
  });

  it('answers a body that is not JSON with 415', async () => {
    const form = await request(server()).post('/test/drafts').type('form').send('headline=x');
    expect(form.status).toBe(415);
    expect(form.body.type).toBe(`${PROBLEM_TYPE_BASE}unsupported-media-type`);
    const text = await request(server()).post('/test/drafts').set('Content-Type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
  });

  it('answers a non-UTF-8 charset with 415', async () => {
    const res = await request(server())
      .post('/test/drafts')
      .set('Content-Type', 'application/json; charset=latin1')
      .send(JSON.stringify(valid));
    expect(res.status).toBe(415);
    expect(res.body.type).toBe(`${PROBLEM_TYPE_BASE}unsupported-media-type`);
  });

  it('answers an unknown error with a generic 500, logging the details', async () => {
    const res = await request(server()).get('/test/boom').set('X-Correlation-Id', 'boom-1');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(problemJson);
    expect(res.body).toEqual({
      type: `${PROBLEM_TYPE_BASE}internal-error`,
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. Quote the correlation id when reporting it.',
      instance: '/test/boom',
      correlationId: 'boom-1',
    });
    expect(res.text).not.toMatch(/ECONNREFUSED|secret|stack/);
    const logged = logs.lines.find((l) => l.correlationId === 'boom-1' && l.level === 'error' && l.err);
    expect(logged).toMatchObject({ err: { message: expect.stringContaining('ECONNREFUSED'), stack: expect.stringContaining('boom') } });
  });

  it('passes typed problems through with their extensions and headers', async () => {
    const res = await request(server()).get('/test/conflict');
    expect(res.status).toBe(409);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({
      type: `${PROBLEM_TYPE_BASE}illegal-transition`,
      title: 'Illegal transition',
      status: 409,
      detail: 'Cannot publish an article in status draft.',
      currentStatus: 'draft',
      expectedRevision: 3,
      actualRevision: 4,
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(server()).get('/nowhere?token=abc');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}not-found`, status: 404, instance: '/nowhere' });
  });

  describe('request logging', () => {
    const requestLine = (correlationId: string) =>
      logs.lines.find((l) => l.msg === 'request completed' && l.correlationId === correlationId);

    it('echoes a sane caller correlation id and logs the request without its Authorization header', async () => {
      const res = await request(server())
        .post('/test/logged')
        .set('X-Correlation-Id', 'trace-123')
        .set('Authorization', 'Bearer top-secret-token')
        .send(valid);
      expect(res.status).toBe(200);
      expect(res.headers['x-correlation-id']).toBe('trace-123');
      // The handler ran after the body was parsed and after an await, and still saw the id.
      expect(res.body).toEqual({ correlationId: 'trace-123' });
      expect(logs.lines.find((l) => l.msg === 'handling')).toMatchObject({ correlationId: 'trace-123' });
      expect(requestLine('trace-123')).toMatchObject({
        level: 'info',
        method: 'POST',
        url: '/test/logged',
        status: 200,
        durationMs: expect.any(Number),
      });
      expect(JSON.stringify(logs.lines)).not.toContain('top-secret-token');
    });

    it('replaces an unsafe correlation id with a uuid', async () => {
      const res = await request(server()).get('/test/conflict').set('X-Correlation-Id', 'bad id with spaces');
      const id = res.headers['x-correlation-id'] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.correlationId).toBe(id);
      expect(requestLine(id)).toMatchObject({ status: 409, url: '/test/conflict' });
    });

    it('logs requests the body parser rejected, with their correlation id', async () => {
      const res = await request(server())
        .post('/test/drafts')
        .set('Content-Type', 'application/json')
        .set('X-Correlation-Id', 'bad-json')
        .send('{');
      expect(res.status).toBe(400);
      expect(res.body.correlationId).toBe('bad-json');
      expect(requestLine('bad-json')).toMatchObject({ status: 400, method: 'POST' });
    });
  });
});
