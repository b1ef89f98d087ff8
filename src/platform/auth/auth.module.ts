import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyStore } from './api-key-store.js';
import { type ApiKeyEntry, parseApiKeys } from './api-keys.js';
import { loadOrCreateApiKeys } from './api-keys-file.js';
import { ApiKeysWatcher } from './api-keys-watcher.js';

export interface AuthModuleOptions {
  /** Defaults to APP_CONFIG.apiKeysFile (REDAKSI_API_KEYS_FILE). */
  readonly keysFile?: string;
  /** Keys in the file's format, instead of a file: for tests. Validated like the file. */
  readonly keys?: readonly unknown[];
}

/** The keys as read at start, and the file they came from (none for keys given in-line). */
interface LoadedKeys {
  readonly keys: readonly ApiKeyEntry[];
  readonly file: string | undefined;
}
const LOADED_KEYS = Symbol('redaksi:auth:loaded-keys');

@Module({})
export class AuthModule {
  /**
   * Installs ApiKeyGuard as a global guard and provides the ApiKeyStore. Keys read from a file
   * follow the file while the app runs (ApiKeysWatcher).
   */
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const loaded: Provider = {
      provide: LOADED_KEYS,
      inject: [
        { token: APP_CONFIG, optional: true },
        { token: PINO_LOGGER, optional: true },
      ],
      useFactory: async (config: AppConfig | undefined, logger: Logger | undefined): Promise<LoadedKeys> => {
        if (options.keys !== undefined) return { keys: parseApiKeys(options.keys, 'AuthModule.forRoot({ keys })'), file: undefined };
        const file = options.keysFile ?? config?.apiKeysFile;
        if (file === undefined) throw new Error('AuthModule.forRoot needs keysFile, keys or ConfigModule (APP_CONFIG)');
        return { keys: await loadOrCreateApiKeys(file, logger ?? silent()), file };
      },
    };
    const store: Provider = {
      provide: ApiKeyStore,
      inject: [LOADED_KEYS],
      useFactory: ({ keys }: LoadedKeys) => new ApiKeyStore(keys),
    };
    const watcher: Provider = {
      provide: ApiKeysWatcher,
      inject: [LOADED_KEYS, ApiKeyStore, { token: PINO_LOGGER, optional: true }],
      useFactory: ({ keys, file }: LoadedKeys, keyStore: ApiKeyStore, logger: Logger | undefined) => {
        // Registered only when the keys come from a file.
        if (file === undefined) throw new Error('ApiKeysWatcher needs a keys file');
        return new ApiKeysWatcher(file, keyStore, keys, logger ?? silent());
      },
    };
    const fromFile = options.keys === undefined;
    return {
      module: AuthModule,
      providers: [loaded, store, ...(fromFile ? [watcher] : []), { provide: APP_GUARD, useClass: ApiKeyGuard }],
      exports: [ApiKeyStore, ...(fromFile ? [ApiKeysWatcher] : [])],
    };
  }
}

function silent(): Logger {
  return pino({ level: 'silent' });
}
