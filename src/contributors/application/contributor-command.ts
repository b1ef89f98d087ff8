import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../articles/application/command-envelope.js';
import type { ContributorCommand } from '../domain/commands.js';
import { ContributorCommandExecutor, type ExecutedContributorCommand } from './contributor-command-executor.js';

/**
 * A command on one contributor, as dispatched on the CommandBus. Every contributor action is
 * fully given by its request (nothing to look up first), so one message and one handler serve all.
 */
export class ApplyContributorCommand extends Command<ExecutedContributorCommand> {
  constructor(
    readonly contributorId: string,
    readonly command: ContributorCommand,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@CommandHandler(ApplyContributorCommand)
export class ApplyContributorCommandHandler implements ICommandHandler<ApplyContributorCommand> {
  constructor(private readonly executor: ContributorCommandExecutor) {}

  execute({ contributorId, command, envelope }: ApplyContributorCommand): Promise<ExecutedContributorCommand> {
    return this.executor.execute(contributorId, command, envelope);
  }
}
