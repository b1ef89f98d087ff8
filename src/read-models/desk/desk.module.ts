import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../platform/projections/read-models.module.js';
import { DeskController } from './desk.controller.js';
import { DeskQueueQuery } from './desk-queue.js';

/** The editorial desk's read API over the desk read model (desk.projection.ts). */
@Module({ imports: [ReadModelsModule], controllers: [DeskController], providers: [DeskQueueQuery] })
export class DeskModule {}
