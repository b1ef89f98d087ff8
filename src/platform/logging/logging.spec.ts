import { Logger } from '@nestjs/common';
import { correlationIdFrom } from './correlation-id.js';
import { createLogger } from './logger.js';
import { NestPinoLogger } from './nest-pino-logger.js';
import { RequestContext } from './request-context.js';
import { captureLogs } from './test-support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationIdFrom', () => {
  it.each(['3f1c8d2e-5b6a-4c7d-8e9f-0a1b2c3d4e5f', 'req-42', 'trace:abc.def_1', 'a'.repeat(128)])('keeps a sane id %s', (id) => {
    expect(correlationIdFrom(id)).toBe(id);
  });

  it.each([undefined, '', 'a'.repeat(129), 'has space', 'line\nbreak', '<script>', 'ünïcode'])('replaces %j with a new uuid', (id) => {
    expect(correlationIdFrom(id)).toMatch(UUID);
  });

  it('takes the first of repeated headers', () => {
    expect(correlationIdFrom(['first', 'second'])).toBe('first');
  });
});

describe('createLogger', () => {
  it('writes JSON lines with a level name and an ISO time', () => {
    const out = captureLogs();
    createLogger({ level: 'info', destination: out }).info({ articleId: 'a1' }, 'drafted');
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'drafted',
        articleId: 'a1',
        service: 'redaksi',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('adds the correlation id of the request being handled, across awaits', async () => {
    const out = captureLogs();
    const logger = createLogger({ level: 'info', destination: out });
    logger.info('outside');
    await RequestContext.run({ correlationId: 'c-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.child({ component: 'x' }).info('inside');
    });
    expect(out.lines[0]).not.toHaveProperty('correlationId');
    expect(out.lines[1]).toMatchObject({ msg: 'inside', correlationId: 'c-1', component: 'x' });
  });

  it('redacts an authorization header logged by mistake', () => {
    const out = captureLogs();
    createLogger({ level: 'info', destination: out }).info({ req: { headers: { authorization: 'Bearer secret' } } }, 'oops');
    expect(JSON.stringify(out.lines)).not.toContain('secret');
  });

  it('is quiet at level silent', () => {
    const out = captureLogs();
    createLogger({ level: 'silent', destination: out }).error('nothing');
    expect(out.lines).toEqual([]);
  });
});

describe('NestPinoLogger', () => {
  it('maps Nest calls to pino lines with context and stack', () => {
    const out = captureLogs();
    const nest = new NestPinoLogger(createLogger({ level: 'trace', destination: out }));
    nest.log('Mapped {/v1/articles, POST}', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    nest.warn({ event: 'slow' }, 'Projector');
    nest.verbose('detail');
    nest.error(new Error('bad'));
    nest.error('no context', 'Error: no context\n    at y');
    expect(out.lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Mapped {/v1/articles, POST}', context: 'RouterExplorer' }),
      expect.objectContaining({ level: 'error', msg: 'boom', context: 'ExceptionsHandler', stack: 'Error: boom\n    at x' }),
      expect.objectContaining({ level: 'warn', event: 'slow', context: 'Projector' }),
      expect.objectContaining({ level: 'trace', msg: 'detail' }),
      expect.objectContaining({ level: 'error', msg: 'bad', err: expect.objectContaining({ message: 'bad', type: 'Error' }) }),
      expect.objectContaining({ level: 'error', msg: 'no context', stack: 'Error: no context\n    at y' }),
    ]);
    expect(out.lines[5]).not.toHaveProperty('context');
  });

  it("serves as the logger behind Nest's Logger class", () => {
    const out = captureLogs();
    Logger.overrideLogger(new NestPinoLogger(createLogger({ level: 'info', destination: out })));
    try {
      new Logger('Bootstrap').log('listening');
      new Logger('Bootstrap').error('failed');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(out.lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'listening', context: 'Bootstrap' }),
      expect.objectContaining({ level: 'error', msg: 'failed', context: 'Bootstrap' }),
    ]);
  });
});
