import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { ConsoleController } from './console.controller.js';
import { ConsoleAssets, defaultConsoleDirectory } from './console-assets.js';

/** The auditor's console (docs/console.md): its built files, served by the API itself. */
@Module({
  controllers: [ConsoleController],
  providers: [{ provide: ConsoleAssets, useFactory: () => ConsoleAssets.load(defaultConsoleDirectory()) }],
})
export class ConsoleModule implements OnModuleInit {
  private readonly logger = new Logger(ConsoleModule.name);

  constructor(@Inject(ConsoleAssets) private readonly assets: ConsoleAssets) {}

  onModuleInit(): void {
    // Not fatal: the API works without its console, and /console/ says what is missing.
    if (!this.assets.built) {
      this.logger.warn({
        msg: 'The console is not built; /console/ answers 503 until `npm run build` has run',
        directory: this.assets.directory,
      });
    }
  }
}
