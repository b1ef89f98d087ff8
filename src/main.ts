import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/index.js';
import { loadDeliveryConfig } from './delivery/delivery-config.js';
import { type Logger, PINO_LOGGER } from './platform/logging/index.js';

const SHUTDOWN_TIMEOUT_MS = 15_000;

function configOrExit(): AppConfig {
  try {
    const config = loadConfig();
    loadDeliveryConfig(process.env); // validated here too, so a bad value gets the same clean exit
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const app = await createApp(config);
const logger = app.get<Logger>(PINO_LOGGER);

/**
 * Graceful shutdown: stop accepting connections, let in-flight commands finish (Nest closes
 * the HTTP server before the shutdown hooks), then close the event store. Exit 0 when that
 * worked; a second signal or a stuck shutdown exits non-zero.
 */
function shutdownOn(signal: NodeJS.Signals): void {
  process.once(signal, () => {
    logger.info({ signal }, 'Shutting down: no new requests, finishing those in flight');
    process.once(signal, () => process.exit(1));
    setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'Shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => {
        logger.info('Stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  });
}
shutdownOn('SIGTERM');
shutdownOn('SIGINT');

await app.listen(config.port, config.host);
logger.info({ url: `http://${config.host}:${config.port}`, docs: '/docs' }, 'Redaksi API listening');
