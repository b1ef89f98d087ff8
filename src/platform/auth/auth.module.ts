import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyStore } from './api-key-store.js';
import { parseApiKeys } from './api-keys.js';
import { loadOrCreateApiKeys } from './api-keys-file.js';

export interface AuthModuleOptions {
  /** Defaults to APP_CONFIG.apiKeysFile (REDAKSI_API_KEYS_FILE). */
  readonly keysFile?: string;
  /** Keys in the file's format, instead of a file: for tests. Validated like the file. */
  readonly keys?: readonly unknown[];
}

@Module({})
export class AuthModule {
  /** Installs ApiKeyGuard as a global guard and provides the ApiKeyStore. */
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: ApiKeyStore,
          inject: [
            { token: APP_CONFIG, optional: true },
            { token: PINO_LOGGER, optional: true },
          ],
          useFactory: async (config: AppConfig | undefined, logger: Logger | undefined): Promise<ApiKeyStore> => {
            if (options.keys !== undefined) return new ApiKeyStore(parseApiKeys(options.keys, 'AuthModule.forRoot({ keys })'));
            const file = options.keysFile ?? config?.apiKeysFile;
            if (file === undefined) throw new Error('AuthModule.forRoot needs keysFile, keys or ConfigModule (APP_CONFIG)');
            return new ApiKeyStore(await loadOrCreateApiKeys(file, logger ?? pino({ level: 'silent' })));
          },
        },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
      exports: [ApiKeyStore],
    };
  }
}
