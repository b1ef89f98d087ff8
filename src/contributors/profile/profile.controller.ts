import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { CommandContext } from '../../platform/commands/http/command-context.decorator.js';
import { ContributorCommandDocs } from '../http/command-docs.decorator.js';
import { ContributorCommands } from '../http/contributor-commands.js';
import { ContributorIdPipe } from '../http/contributor-id.pipe.js';
import { UpdateProfileDto } from './profile.dto.js';

@ApiTags('contributors')
@Controller('v1/contributors/:id')
export class ProfileController {
  constructor(private readonly commands: ContributorCommands) {}

  @Put('profile')
  @ApiOperation({ summary: 'Create or replace a contributor profile (a writer their own; editors and admins any)' })
  @ContributorCommandDocs()
  @ApiOkResponse({ description: 'Profile replaced (or saved unchanged: nothing written)' })
  @ApiResponse({ status: 201, description: 'Profile created' })
  async update(
    @Param('id', ContributorIdPipe) id: string,
    @Body() body: UpdateProfileDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res() response: Response,
  ): Promise<void> {
    const data = {
      contributorId: id,
      displayName: body.displayName,
      bio: body.bio,
      publicContact: body.publicContact ?? null,
      ...(body.community === undefined ? {} : { community: body.community }),
    };
    const { view, created } = await this.commands.apply(id, { type: 'UpdateContributorProfile', data }, envelope, response);
    // Nest fixes one status per route, but a PUT that creates must answer 201 (RFC 9110 §9.3.4).
    if (created) response.setHeader('Location', `/v1/contributors/${encodeURIComponent(id)}`);
    response.status(created ? 201 : 200).json(view);
  }
}
