/** Moved to src/event-sourcing/; kept only for bench/, written while the move happened. Delete once it imports from there. */
export type { CommandEnvelope } from '../../event-sourcing/command-envelope.js';
