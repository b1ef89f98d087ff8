import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../kernel/identity.js';
import { CurrentActor } from '../../platform/auth/index.js';
import { answerRead } from '../../platform/commands/http/conditional-read.js';
import { ContributorIdParam } from '../http/command-docs.decorator.js';
import { ContributorIdPipe } from '../http/contributor-id.pipe.js';
import { toContributorView } from '../http/contributor-view.js';
import { GetContributor } from './get-contributor.query.js';

@ApiTags('contributors')
@ApiBearerAuth()
@Controller('v1/contributors')
export class GettingContributorController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: "A contributor's profile and verification, rebuilt from its stream (ETag = revision)" })
  @ContributorIdParam()
  @ApiOkResponse({ description: 'The profile' })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current ETag: no body' })
  @ApiResponse({ status: 403, description: 'A writer reading another writer, or a publishing service' })
  @ApiResponse({ status: 404, description: 'No profile for this contributor' })
  async get(
    @Param('id', ContributorIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const { state, revision, position } = await this.queries.execute(new GetContributor(id, actor));
    answerRead(response, ifNoneMatch, { revision, position }, toContributorView(state));
  }
}
