import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { type AppConfig, ConfigError, loadConfig } from './config/index.js';
import { type Logger, PINO_LOGGER } from './logging/index.js';

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
const app = await createApp(config);
await app.listen(config.port, config.host);
app.get<Logger>(PINO_LOGGER).info({ url: `http://${config.host}:${config.port}`, docs: '/docs' }, 'Redaksi API listening');
