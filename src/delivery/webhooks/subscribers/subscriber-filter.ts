import type { MappedPublicEvent } from '../../public-events/to-public-event.js';
import type { Subscriber } from './subscriber-store.js';

/**
 * Whether a subscriber wants an event: its type is one the subscriber chose, and, if the
 * subscriber names topics, the article has one of them now or had one before the change (so a
 * topic's subscribers also hear an article leave the topic or come down). Topics are tags
 * typed by people: compared without case and surrounding spaces.
 */
export function subscriberWants(subscriber: Pick<Subscriber, 'eventTypes' | 'topics'>, mapped: MappedPublicEvent): boolean {
  if (!subscriber.eventTypes.includes(mapped.event.type)) return false;
  if (subscriber.topics.length === 0) return true;
  const topics = new Set(mapped.topics.map(normalTopic));
  return subscriber.topics.some((topic) => topics.has(normalTopic(topic)));
}

function normalTopic(topic: string): string {
  return topic.trim().toLocaleLowerCase('id');
}
