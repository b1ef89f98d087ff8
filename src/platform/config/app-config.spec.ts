import path from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('data'),
      eventStoreConnectionString: undefined,
      apiKeysFile: path.resolve('data', 'api-keys.json'),
      logLevel: 'info',
      sqliteSynchronous: 'FULL',
      bodyLimitBytes: 1024 * 1024,
      projections: 'inline',
      readModelWaitMs: 2000,
      maxAppendSizeBytes: 1024 * 1024,
      eventStoreRetryBudgetMs: 5000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      REDAKSI_DATA_DIR: '/var/lib/redaksi',
      EVENTSTORE_CONNECTION_STRING: 'esdb+discover://admin:changeit@cluster.local:2113?tls=false',
      REDAKSI_API_KEYS_FILE: '/etc/redaksi/keys.json',
      LOG_LEVEL: 'DEBUG',
      REDAKSI_SQLITE_SYNCHRONOUS: 'normal',
      REDAKSI_BODY_LIMIT: '512kb',
      REDAKSI_PROJECTIONS: 'OFF',
      REDAKSI_READ_WAIT_MS: '500',
      REDAKSI_MAX_APPEND_SIZE: '16mb',
      REDAKSI_EVENTSTORE_RETRY_MS: '8000',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/redaksi',
      eventStoreConnectionString: 'esdb+discover://admin:changeit@cluster.local:2113?tls=false',
      apiKeysFile: '/etc/redaksi/keys.json',
      logLevel: 'debug',
      sqliteSynchronous: 'NORMAL',
      bodyLimitBytes: 512 * 1024,
      projections: 'off',
      readModelWaitMs: 500,
      maxAppendSizeBytes: 16 * 1024 * 1024,
      eventStoreRetryBudgetMs: 8000,
    });
  });

  it.each(['kurrentdb://db:2113?tls=false', 'kurrentdb+discover://db:2113', 'kdb://db:2113', 'KURRENT://db:2113', 'esdb://db:2113'])(
    'accepts the connection string %s',
    (connectionString) => {
      expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: connectionString }).eventStoreConnectionString).toBe(connectionString);
    },
  );

  it('puts the keys file in the data dir by default and resolves relative paths against the working directory', () => {
    expect(loadConfig({ REDAKSI_DATA_DIR: 'tmp/d' }).apiKeysFile).toBe(path.resolve('tmp/d/api-keys.json'));
    expect(loadConfig({ REDAKSI_DATA_DIR: 'tmp/d', REDAKSI_API_KEYS_FILE: 'keys.json' }).apiKeysFile).toBe(path.resolve('keys.json'));
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', EVENTSTORE_CONNECTION_STRING: '' })).toMatchObject({ port: 3000, eventStoreConnectionString: undefined });
  });

  it.each([
    ['1', 1],
    ['100', 100],
    ['1.5kb', 1536],
    ['2MB', 2 * 1024 * 1024],
    ['1 gb', 1024 ** 3],
  ])('reads body limit %s', (limit, bytes) => {
    expect(loadConfig({ REDAKSI_BODY_LIMIT: limit }).bodyLimitBytes).toBe(bytes);
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', 'http'],
    ['PORT', '80.5'],
    ['HOST', 'local host'],
    ['EVENTSTORE_CONNECTION_STRING', 'https://esdb:2113'],
    ['LOG_LEVEL', 'verbose'],
    ['REDAKSI_SQLITE_SYNCHRONOUS', 'OFF'],
    ['REDAKSI_BODY_LIMIT', '0'],
    ['REDAKSI_BODY_LIMIT', '1tb'],
    ['REDAKSI_BODY_LIMIT', 'lots'],
    ['REDAKSI_PROJECTIONS', 'worker'],
    ['REDAKSI_READ_WAIT_MS', '30001'],
    ['REDAKSI_MAX_APPEND_SIZE', '512b'],
    ['REDAKSI_MAX_APPEND_SIZE', '257mb'],
    ['REDAKSI_EVENTSTORE_RETRY_MS', '60001'],
  ])('rejects %s=%s', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.problems).toEqual([expect.stringMatching(new RegExp(`^${name}="${value.replace('.', '\\.')}": expected `))]);
  });

  it('lists every bad variable with its value and what is expected', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud', REDAKSI_SQLITE_SYNCHRONOUS: 'OFF', HOST: 'ok' });
    expect(error.problems).toEqual([
      'PORT="abc": expected an integer from 1 to 65535 (default 3000)',
      'LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent (default info)',
      'REDAKSI_SQLITE_SYNCHRONOUS="OFF": expected FULL or NORMAL (default FULL)',
    ]);
    expect(error.message).toBe(`Invalid configuration:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  it('hides the password of a bad connection string', () => {
    const error = configError({ EVENTSTORE_CONNECTION_STRING: 'tcp://admin:s3cret@esdb:1113' });
    expect(error.message).toContain('"tcp://admin:***@esdb:1113"');
    expect(error.message).not.toContain('s3cret');
  });
});
