import type { IncomingMessage } from 'node:http';
import type { Actor } from '../../kernel/identity.js';

export interface AuthenticatedRequest extends IncomingMessage {
  /** Set by ApiKeyGuard on every route that is not @Public(). */
  actor?: Actor;
}
