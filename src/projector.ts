import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/index.js';
import { createLogger, NestPinoLogger } from './platform/logging/index.js';
import { ProjectorModule } from './projector.module.js';

/**
 * `npm run start:projector`: keeps the read models in `<REDAKSI_DATA_DIR>/read-models.sqlite` following the
 * log, for deployments with several API instances; run those with REDAKSI_PROJECTIONS=off. Several
 * projectors (or a projector and an inline API) on one file are safe, only wasteful: every batch checks the
 * stored checkpoint in its transaction, so an event is applied once.
 */
const SHUTDOWN_TIMEOUT_MS = 15_000;

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const logger = createLogger({ level: config.logLevel });
const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config, logger), {
  bufferLogs: true,
  logger: new NestPinoLogger(logger),
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'Projector stopping: committing the current batch');
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Projector shutdown failed');
        process.exit(1);
      },
    );
  });
}

await app.init();
logger.info({ dataDir: config.dataDir }, 'Projector running');
