import { createLogger } from '../logging/logger.js';
import { captureLogs } from '../logging/test-support.js';
import { HealthRegistry } from './health.registry.js';

describe('HealthRegistry', () => {
  it('is ok with no checks', async () => {
    expect(await new HealthRegistry().run()).toEqual({ status: 'ok', checks: {} });
  });

  it('reports every check and is ok only if all are', async () => {
    const registry = new HealthRegistry();
    registry.register('eventStore', () => Promise.resolve({ status: 'ok', details: { adapter: 'sqlite' } }));
    expect(await registry.run()).toEqual({ status: 'ok', checks: { eventStore: { status: 'ok', details: { adapter: 'sqlite' } } } });

    registry.register('projections', () => Promise.resolve({ status: 'error', details: { lag: 1200 } }));
    expect(await registry.run()).toEqual({
      status: 'error',
      checks: { eventStore: { status: 'ok', details: { adapter: 'sqlite' } }, projections: { status: 'error', details: { lag: 1200 } } },
    });
  });

  it('counts a throwing check as failed, logging the reason but not reporting it', async () => {
    const logs = captureLogs();
    const registry = new HealthRegistry(createLogger({ level: 'info', destination: logs }));
    registry.register('db', () => Promise.reject(new Error('SQLITE_CANTOPEN /secret/path')));
    const report = await registry.run();
    expect(report).toEqual({ status: 'error', checks: { db: { status: 'error', details: { error: 'check failed' } } } });
    expect(logs.lines).toEqual([
      expect.objectContaining({ level: 'warn', check: 'db', err: expect.objectContaining({ message: 'SQLITE_CANTOPEN /secret/path' }) }),
    ]);
  });

  it('counts a check that does not answer in time as failed', async () => {
    const registry = new HealthRegistry();
    registry.register('slow', () => new Promise(() => undefined), { timeoutMs: 20 });
    expect(await registry.run()).toEqual({
      status: 'error',
      checks: { slow: { status: 'error', details: { error: 'no answer within 20 ms' } } },
    });
  });

  it('refuses a second check with the same name, and can remove one', async () => {
    const registry = new HealthRegistry();
    const unregister = registry.register('a', () => Promise.resolve({ status: 'error' }));
    expect(() => registry.register('a', () => Promise.resolve({ status: 'ok' }))).toThrow('"a" is already registered');
    unregister();
    expect(await registry.run()).toEqual({ status: 'ok', checks: {} });
  });
});
