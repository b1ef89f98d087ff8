import { Module } from '@nestjs/common';
import { DeskController } from './desk.controller.js';
import { DeskQueueQuery } from './desk-queue.js';

/** The editorial desk's read API over the desk read model (desk.projection.ts). */
@Module({ controllers: [DeskController], providers: [DeskQueueQuery] })
export class DeskModule {}
