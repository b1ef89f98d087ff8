import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../platform/event-store/event-store.port.js';
import { WrongExpectedVersionError } from '../../platform/event-store/errors.js';
import { nameBasedId } from '../../kernel/ids.js';
import { slugCandidates, slugify } from '../model/slug.js';

export const SLUG_CATEGORY = 'slug';
const MAX_CANDIDATES = 100;

/**
 * Slugs are unique across articles. Uniqueness is a set-wide rule, so it cannot live in one
 * article's stream: each slug is claimed by writing the first event of its own stream
 * `slug-<slug>` with expected revision no_stream. The event id is derived from article and
 * slug, so a retried claim by the same article is an idempotent append, not a conflict.
 */
@Injectable()
export class SlugRegistry {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async reserve(articleId: string, headline: string): Promise<string> {
    for (const candidate of slugCandidates(slugify(headline), MAX_CANDIDATES)) {
      if (await this.claim(articleId, candidate)) return candidate;
    }
    // A hundred articles share this headline: fall back to a suffix nobody else can hold.
    const unique = `${slugify(headline)}-${articleId.slice(0, 8)}`;
    if (await this.claim(articleId, unique)) return unique;
    throw new Error(`No free slug for article ${articleId}`);
  }

  private async claim(articleId: string, slug: string): Promise<boolean> {
    const stream = `${SLUG_CATEGORY}-${slug}`;
    try {
      await this.store.appendToStream(
        stream,
        [{ id: nameBasedId('slug', articleId, slug), type: 'SlugReserved', data: { slug, articleId } }],
        { expectedRevision: 'no_stream' },
      );
      return true;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const [first] = await this.store.readStream(stream, { maxCount: 1 });
      const owner = (first?.data as { articleId?: unknown } | undefined)?.articleId;
      return owner === articleId;
    }
  }
}
