import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandEnvelope } from '../../articles/application/command-envelope.js';
import { EVENT_POSITION_HEADER, etagOf, IDEMPOTENT_REPLAY_HEADER } from '../../articles/http/article-response.js';
import { ApplyContributorCommand } from '../application/contributor-command.js';
import type { ContributorCommand } from '../domain/commands.js';
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
    response.setHeader('ETag', etagOf(result.revision));
    response.setHeader(EVENT_POSITION_HEADER, String(result.position));
    if (result.replayed) response.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
    return { view: toContributorView(result.state), created: result.created };
  }
}
