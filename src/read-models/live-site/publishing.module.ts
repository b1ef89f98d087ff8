import { Module } from '@nestjs/common';
import { PublishedArticles } from './published-articles.js';
import { PublishedController } from './publishing.controller.js';

/** The live site's read API. The read model itself is built by the projections (publishing.projection.ts). */
@Module({ controllers: [PublishedController], providers: [PublishedArticles] })
export class PublishingModule {}
