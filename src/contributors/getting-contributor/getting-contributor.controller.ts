import { Controller, Get, Param, Res, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../articles/domain/actor.js';
import { EVENT_POSITION_HEADER, etagOf } from '../../articles/http/article-response.js';
import { CurrentActor } from '../../auth/index.js';
import { ContributorIdParam } from '../http/command-docs.decorator.js';
import { ContributorIdPipe } from '../http/contributor-id.pipe.js';
import { ContributorProblemsInterceptor } from '../http/contributor-problems.interceptor.js';
import { type ContributorView, toContributorView } from '../http/contributor-view.js';
import { GetContributor } from './get-contributor.query.js';

@ApiTags('contributors')
@ApiBearerAuth()
@Controller('v1/contributors')
@UseInterceptors(ContributorProblemsInterceptor)
export class GettingContributorController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: "A contributor's profile and verification, rebuilt from its stream (ETag = revision)" })
  @ContributorIdParam()
  @ApiResponse({ status: 403, description: 'A writer reading another writer, or a publishing service' })
  @ApiResponse({ status: 404, description: 'No profile for this contributor' })
  async get(
    @Param('id', ContributorIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContributorView> {
    const { state, revision, position } = await this.queries.execute(new GetContributor(id, actor));
    // With the ETag set, Express itself answers a matching If-None-Match with 304 and no body.
    response.setHeader('ETag', etagOf(revision));
    response.setHeader(EVENT_POSITION_HEADER, String(position));
    return toContributorView(state);
  }
}
