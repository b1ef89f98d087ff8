import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../platform/projections/read-models.module.js';
import { PublishedArticles } from './published-articles.js';
import { PublishedController } from './publishing.controller.js';

/** The live site's read API. The read model itself is built by the projections (publishing.projection.ts). */
@Module({ imports: [ReadModelsModule], controllers: [PublishedController], providers: [PublishedArticles] })
export class PublishingModule {}
