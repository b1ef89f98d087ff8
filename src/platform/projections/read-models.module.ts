import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { openReadModelDatabase, READ_MODEL_DATABASE, type ReadModelDatabase } from './read-model-database.js';
import { ReadModels } from './read-models.js';
import { ReadYourWritesInterceptor } from './read-your-writes.js';

/** Closes the read-model file after everything else has stopped using it (the runners stop before shutdown). */
@Injectable()
class ReadModelDatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  onApplicationShutdown(): void {
    this.database.close();
  }
}

/**
 * The read-model file (`<data dir>/read-models.sqlite`) and the query access every read API uses,
 * with read-your-writes. A module that serves a read model imports this one.
 */
@Module({
  providers: [
    { provide: READ_MODEL_DATABASE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openReadModelDatabase(config.dataDir) },
    { provide: ReadModels, inject: [READ_MODEL_DATABASE], useFactory: (database: ReadModelDatabase) => new ReadModels(database) },
    ReadModelDatabaseLifecycle,
    ReadYourWritesInterceptor,
  ],
  exports: [READ_MODEL_DATABASE, ReadModels, ReadYourWritesInterceptor],
})
export class ReadModelsModule {}
