import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import { setCommandHeaders } from '../../platform/commands/http/command-response.js';
import { ApplyContributorCommand } from '../application/contributor-command.js';
import type { ContributorCommand } from '../model/commands.js';
import { type ContributorView, toContributorView } from './contributor-view.js';

export interface ContributorCommandAnswer {
  readonly view: ContributorView;
  /** The command created the profile (or replays the one that did). */
  readonly created: boolean;
}

/** What controllers use to dispatch a contributor command and set the headers every answer carries. */
@Injectable()
export class ContributorCommands {
  constructor(private readonly bus: CommandBus) {}

  async apply(
    contributorId: string,
    command: ContributorCommand,
    envelope: CommandEnvelope,
    response: Response,
  ): Promise<ContributorCommandAnswer> {
    const result = await this.bus.execute(new ApplyContributorCommand(contributorId, command, envelope));
    setCommandHeaders(response, result);
    return { view: toContributorView(result.state), created: result.created };
  }
}
