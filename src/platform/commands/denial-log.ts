import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventData, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store/errors.js';
import { nameBasedId } from '../../kernel/ids.js';
import { chainTipAfter, sealEvents } from '../../kernel/hash-chain.js';
import {
  COMMAND_DENIED,
  type CommandDeniedData,
  DENIAL_EVENTS,
  DENIALS_STREAM,
  type DeniedCommand,
  type DeniedCommandLog,
} from './denied-commands.js';

// Another API instance on the same store can take the revision this one read; a few rereads settle it.
const MAX_ATTEMPTS = 5;

/**
 * Appends refused attempts to the hash-chained denial stream. The chain needs each append to
 * land right after the event it was sealed against, so this process writes denials one at a
 * time (a burst of refusals would otherwise mostly collide with itself).
 */
@Injectable()
export class DenialLog implements DeniedCommandLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  record(denied: DeniedCommand): Promise<void> {
    const written = this.queue.then(() => this.append(deniedEvent(denied)));
    this.queue = written.catch(() => undefined);
    return written;
  }

  private async append(event: EventData): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastDenial();
      const [sealed] = sealEvents(DENIALS_STREAM, chainTipAfter(last), [event]);
      try {
        await this.store.appendToStream(DENIALS_STREAM, [sealed!], { expectedRevision: last?.revision ?? 'no_stream' });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async lastDenial(): Promise<RecordedEvent | undefined> {
    try {
      const [last] = await this.store.readStream(DENIALS_STREAM, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
      return last;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}

function deniedEvent(denied: DeniedCommand): EventData {
  const at = denied.at.toISOString();
  const data: CommandDeniedData = {
    streamId: denied.streamId,
    commandType: denied.commandType,
    commandId: denied.commandId,
    code: denied.code,
    reason: denied.reason,
    actorId: denied.actor.id,
    actorName: denied.actor.displayName,
    actorRoles: [...denied.actor.roles],
    at,
  };
  return {
    // Each attempt is its own fact: the same command refused again later is recorded again.
    id: nameBasedId('denial', denied.commandId, at),
    type: COMMAND_DENIED,
    data: { ...data, actorRoles: [...data.actorRoles] },
    metadata: {
      actor: { id: denied.actor.id, roles: [...denied.actor.roles], displayName: denied.actor.displayName },
      $correlationId: denied.correlationId,
      $causationId: denied.causationId,
      commandId: denied.commandId,
      occurredAt: at,
      schemaVersion: DENIAL_EVENTS.schemaVersion(COMMAND_DENIED),
    },
  };
}
