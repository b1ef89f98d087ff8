import type { PublicEvent } from '../../public-events/contract.js';
import type { MappedPublicEvent } from '../../public-events/to-public-event.js';
import { subscriberWants } from './subscriber-filter.js';

const event = (type: PublicEvent['type'], topics: string[]): MappedPublicEvent => ({ event: { type } as PublicEvent, topics });

describe('what a subscriber wants', () => {
  test('only the event types it chose', () => {
    const subscriber = { eventTypes: ['article.published', 'article.unpublished'] as const, topics: [] };
    expect(subscriberWants(subscriber, event('article.published', ['Banjir']))).toBe(true);
    expect(subscriberWants(subscriber, event('article.corrected', ['Banjir']))).toBe(false);
  });

  test('with topics, only articles that have (or had) one, whatever the case', () => {
    const subscriber = {
      eventTypes: ['article.published', 'article.updated', 'article.unpublished'] as const,
      topics: [' banjir ', 'Cuaca Ekstrem'],
    };
    expect(subscriberWants(subscriber, event('article.published', ['Tangerang Selatan', 'Banjir']))).toBe(true);
    expect(subscriberWants(subscriber, event('article.updated', ['CUACA EKSTREM']))).toBe(true);
    expect(subscriberWants(subscriber, event('article.unpublished', ['Olahraga']))).toBe(false);
    expect(subscriberWants(subscriber, event('article.unpublished', []))).toBe(false);
  });
});
