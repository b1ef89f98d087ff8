import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { CommandContext } from '../../platform/commands/http/command-context.decorator.js';
import { ContributorCommandDocs } from '../http/command-docs.decorator.js';
import { ContributorCommands } from '../http/contributor-commands.js';
import { ContributorIdPipe } from '../http/contributor-id.pipe.js';
import type { ContributorView } from '../http/contributor-view.js';
import { RevokeVerificationDto } from './verification.dto.js';

@ApiTags('contributors')
@Controller('v1/contributors/:id')
export class VerificationController {
  constructor(private readonly commands: ContributorCommands) {}

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify a writer: the byline shows the "Verified Writer" badge (editors; never their own)' })
  @ContributorCommandDocs()
  async verify(
    @Param('id', ContributorIdPipe) id: string,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContributorView> {
    return (await this.commands.apply(id, { type: 'VerifyContributor', data: {} }, envelope, response)).view;
  }

  @Post('revoke-verification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a writer’s verification, with the reason (editors)' })
  @ContributorCommandDocs()
  async revoke(
    @Param('id', ContributorIdPipe) id: string,
    @Body() body: RevokeVerificationDto,
    @CommandContext() envelope: CommandEnvelope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContributorView> {
    const command = { type: 'RevokeContributorVerification', data: { reason: body.reason } } as const;
    return (await this.commands.apply(id, command, envelope, response)).view;
  }
}
