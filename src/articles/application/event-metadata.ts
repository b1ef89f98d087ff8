/** Moved to src/event-sourcing/; kept only for bench/, written while the move happened. Delete once it imports from there. */
export { buildEventMetadata } from '../../event-sourcing/event-metadata.js';
