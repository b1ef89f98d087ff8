import { readArticleStream } from '../../articles/application/article-stream.js';
import { ARTICLE_EVENTS } from '../../articles/model/events.js';
import { evolve } from '../../articles/model/evolve.js';
import type { ArticleState } from '../../articles/model/state.js';
import { StreamDeletedError } from '../../platform/event-store/errors.js';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../../platform/event-store/event-store.port.js';

interface Folded {
  readonly state: ArticleState | null;
  /** Revision of the last event folded in; -1 before the first. */
  readonly revision: bigint;
  readonly position: Position | undefined;
}

const EMPTY: Folded = { state: null, revision: -1n, position: undefined };
const CHUNK = 64;

/**
 * Articles folded up to a point in the log, for one reader that walks the log forwards (a feed
 * page, a stream, a webhook worker). Each entry is a prefix of its stream, so it only ever has
 * to be extended: a reader that feeds every event it sees through `advance` rarely reads a
 * stream at all. Bounded: the least recently used articles are dropped and refolded if needed.
 */
export class ArticleHistory {
  private readonly entries = new Map<string, Folded>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 256,
  ) {}

  /**
   * The article as it was just before `position` (events at or after it left out), or null if
   * it did not exist then. `revision`, when known, is the revision of the event at `position`
   * in this article's own stream: if the entry already ends right before it, nothing is read.
   */
  async stateBefore(articleId: string, position: Position, revision?: bigint): Promise<ArticleState | null> {
    let entry = this.entries.get(articleId);
    if (entry !== undefined && revision !== undefined && entry.revision + 1n === revision) return this.keep(articleId, entry).state;
    // An entry that already went past the point cannot be unfolded: start again.
    if (entry?.position !== undefined && comparePositions(entry.position, position) >= 0) entry = undefined;
    entry ??= EMPTY;
    for (;;) {
      const events = await this.read(articleId, entry.revision + 1n);
      let reached = false;
      for (const recorded of events) {
        if (comparePositions(recorded.position, position) >= 0) {
          reached = true;
          break;
        }
        entry = fold(entry, recorded);
      }
      if (reached || events.length < CHUNK) break;
    }
    return this.keep(articleId, entry).state;
  }

  /** Folds in an event the reader has just seen, if it is the next one of a known article. */
  advance(articleId: string, recorded: RecordedEvent): void {
    const entry = this.entries.get(articleId) ?? (recorded.revision === 0n ? EMPTY : undefined);
    if (entry === undefined || entry.revision + 1n !== recorded.revision) return;
    this.keep(articleId, fold(entry, recorded));
  }

  private async read(articleId: string, fromRevision: bigint): Promise<RecordedEvent[]> {
    try {
      return await readArticleStream(this.store, articleId, { fromRevision, maxCount: CHUNK });
    } catch (error) {
      // A tombstoned article has no state to show; its events already read stay as they were.
      if (error instanceof StreamDeletedError) return [];
      throw error;
    }
  }

  private keep(articleId: string, entry: Folded): Folded {
    this.entries.delete(articleId);
    this.entries.set(articleId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }
}

function fold(entry: Folded, recorded: RecordedEvent): Folded {
  // A type this version does not know comes from a newer one; it cannot be folded, only skipped.
  const state = ARTICLE_EVENTS.isEventType(recorded.type) ? evolve(entry.state, ARTICLE_EVENTS.event(recorded)) : entry.state;
  return { state, revision: recorded.revision, position: recorded.position };
}
