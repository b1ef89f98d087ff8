import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../kernel/identity.js';
import { Refusal } from '../../kernel/refusal.js';
import { CurrentActor, Roles } from '../../platform/auth/index.js';
import { ReadsFrom } from '../../platform/projections/read-your-writes.js';
import { type DeskFilter, DeskQueueQuery } from './desk-queue.js';
import { DeskQueryDto, MyArticlesQueryDto } from './desk.dto.js';
import type { DeskPage } from './desk-view.js';

@ApiTags('desk')
@ApiBearerAuth()
@Controller('v1/desk')
@ReadsFrom('desk')
export class DeskController {
  constructor(private readonly desk: DeskQueueQuery) {}

  /** Editors, auditors and admins see every article; a writer sees only their own (as /v1/desk/mine). */
  @Get()
  @Roles('editor', 'auditor', 'admin', 'writer')
  @ApiOperation({ summary: 'The desk queue by status, author and topic (writers: only their own articles)' })
  queue(@Query() query: DeskQueryDto, @CurrentActor() actor: Actor): DeskPage {
    const seesAll = actor.roles.some((role) => role === 'editor' || role === 'auditor' || role === 'admin');
    if (!seesAll && query.author !== undefined && query.author !== actor.id) {
      throw new Refusal('forbidden', 'forbidden', 'Writers see only their own articles on the desk.');
    }
    return this.desk.page(filterOf(query, seesAll ? query.author : actor.id));
  }

  @Get('mine')
  @Roles('writer', 'editor')
  @ApiOperation({ summary: "My articles: the caller's own, with editors' notes" })
  mine(@Query() query: MyArticlesQueryDto, @CurrentActor() actor: Actor): DeskPage {
    return this.desk.page(filterOf(query, actor.id));
  }
}

function filterOf(query: MyArticlesQueryDto, authorId: string | undefined): DeskFilter {
  return {
    limit: query.limit ?? 20,
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(authorId === undefined ? {} : { authorId }),
    ...(query.topic === undefined ? {} : { topic: query.topic }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  };
}
