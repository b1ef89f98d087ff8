export {
  type AppConfig,
  ConfigError,
  type Env,
  LOG_LEVELS,
  type LogLevel,
  loadConfig,
  SQLITE_SYNCHRONOUS_MODES,
  type SqliteSynchronous,
} from './app-config.js';
export { APP_CONFIG, ConfigModule } from './config.module.js';
