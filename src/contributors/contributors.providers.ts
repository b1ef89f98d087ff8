import type { Provider } from '@nestjs/common';
import { ApplyContributorCommandHandler } from './application/contributor-command.js';
import { GetContributorHandler } from './getting-contributor/get-contributor.query.js';
import { GettingContributorController } from './getting-contributor/getting-contributor.controller.js';
import { ContributorCommands } from './http/contributor-commands.js';
import { ProfileController } from './profile/profile.controller.js';
import { VerificationController } from './verification/verification.controller.js';

/** Every slice of the contributor context, in one list. */
export const CONTRIBUTOR_CONTROLLERS = [ProfileController, VerificationController, GettingContributorController];

export const CONTRIBUTOR_PROVIDERS: Provider[] = [ContributorCommands, ApplyContributorCommandHandler, GetContributorHandler];
