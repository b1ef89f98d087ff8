import { ConfigError } from '../platform/config/index.js';
import { DEFAULT_DELIVERY_CONFIG, loadDeliveryConfig } from './delivery-config.js';

const KEY_HEX = '0f'.repeat(32);

describe('delivery configuration', () => {
  test('defaults: 15 s heartbeats, 10 s webhook timeout, no private targets', () => {
    expect(loadDeliveryConfig({})).toEqual(DEFAULT_DELIVERY_CONFIG);
    expect(DEFAULT_DELIVERY_CONFIG).toMatchObject({
      stream: { heartbeatMs: 15_000 },
      webhooks: { timeoutMs: 10_000, allowPrivateUrls: false },
    });
  });

  test('reads the environment, and code overrides it', () => {
    const config = loadDeliveryConfig(
      {
        REDAKSI_SSE_HEARTBEAT_MS: '250',
        REDAKSI_WEBHOOK_BACKOFF_BASE_MS: '20',
        REDAKSI_WEBHOOK_ALLOW_PRIVATE_URLS: 'TRUE',
        REDAKSI_WEBHOOKS_ENABLED: '0',
        REDAKSI_WEBHOOK_TIMEOUT_MS: '',
        REDAKSI_WEBHOOK_LEASE: 'Log',
        REDAKSI_WEBHOOK_SECRET_KEY: KEY_HEX,
      },
      { webhooks: { backoffBaseMs: 5 } },
    );
    expect(config.stream.heartbeatMs).toBe(250);
    expect(config.webhooks).toMatchObject({ backoffBaseMs: 5, allowPrivateUrls: true, enabled: false, timeoutMs: 10_000, lease: 'log' });
    expect(config.webhooks.secretKey?.toString('hex')).toBe(KEY_HEX);
    expect(
      loadDeliveryConfig({ REDAKSI_WEBHOOK_SECRET_KEY: Buffer.from(KEY_HEX, 'hex').toString('base64') }).webhooks.secretKey?.toString(
        'hex',
      ),
    ).toBe(KEY_HEX);
  });

  test('on EventStoreDB the lease is in the log unless set otherwise; a bad key is refused without being echoed', () => {
    expect(loadDeliveryConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }).webhooks.lease).toBe('log');
    expect(
      loadDeliveryConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', REDAKSI_WEBHOOK_LEASE: 'process' }).webhooks
        .lease,
    ).toBe('process');
    expect(loadDeliveryConfig({ EVENTSTORE_CONNECTION_STRING: '' }).webhooks.lease).toBe('process');
    const load = () => loadDeliveryConfig({ REDAKSI_WEBHOOK_SECRET_KEY: 'hunter2-too-short' });
    expect(load).toThrow('REDAKSI_WEBHOOK_SECRET_KEY=<hidden>: expected 32 random bytes');
    expect(load).not.toThrow(/hunter2/);
  });

  test('names every bad variable at once', () => {
    const load = () =>
      loadDeliveryConfig({
        REDAKSI_WEBHOOK_MAX_ATTEMPTS: '0',
        REDAKSI_SSE_DRAIN_TIMEOUT_MS: 'soon',
        REDAKSI_WEBHOOKS_ENABLED: 'yes',
        REDAKSI_WEBHOOK_LEASE: 'redis',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('REDAKSI_WEBHOOK_MAX_ATTEMPTS="0": expected a positive integer');
    expect(load).toThrow('REDAKSI_SSE_DRAIN_TIMEOUT_MS="soon": expected a positive integer');
    expect(load).toThrow('REDAKSI_WEBHOOKS_ENABLED="yes": expected true or false');
    expect(load).toThrow('REDAKSI_WEBHOOK_LEASE="redis": expected process or log');
  });

  test('a backoff cap below its base is refused', () => {
    expect(() => loadDeliveryConfig({ REDAKSI_WEBHOOK_BACKOFF_BASE_MS: '5000', REDAKSI_WEBHOOK_BACKOFF_MAX_MS: '100' })).toThrow(
      ConfigError,
    );
  });
});
