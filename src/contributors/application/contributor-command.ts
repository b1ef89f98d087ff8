import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../../platform/commands/command-envelope.js';
import type { ExecutedCommand } from '../../platform/commands/executed-command.js';
import { StreamCommandExecutor } from '../../platform/commands/stream-command-executor.js';
import type { ContributorCommand } from '../model/commands.js';
import type { ContributorState } from '../model/state.js';
import { CONTRIBUTOR_STREAM } from './contributor-stream.js';

export type ExecutedContributorCommand = ExecutedCommand<ContributorState>;

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
  constructor(private readonly executor: StreamCommandExecutor) {}

  execute({ contributorId, command, envelope }: ApplyContributorCommand): Promise<ExecutedContributorCommand> {
    return this.executor.execute(CONTRIBUTOR_STREAM, contributorId, envelope, () => command);
  }
}
