import { type Decoded, StreamDecoder } from '../../kernel/event-decoder.js';
/**
 * The contributor's facts, on `contributor-<contributorId>` streams. The publishing projection
 * builds the byline from these shapes alone, so they change only with a new schema version.
 * `at` is when the command was decided (ISO 8601); `by`/`byName` who decided it.
 */
type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };

interface Stamp {
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

/** The whole profile as it stands after the change; the first one creates the contributor. */
export type ContributorProfileUpdated = Event<
  'ContributorProfileUpdated',
  Stamp & {
    readonly contributorId: string;
    readonly displayName: string;
    readonly bio: string;
    readonly publicContact: string | null;
    readonly community: boolean;
  }
>;

/** The desk vouches for the writer: the byline shows the "Verified Writer" badge. */
export type ContributorVerified = Event<'ContributorVerified', Stamp & { readonly contributorId: string }>;

export type ContributorVerificationRevoked = Event<
  'ContributorVerificationRevoked',
  Stamp & { readonly contributorId: string; readonly reason: string }
>;

export type ContributorEvent = ContributorProfileUpdated | ContributorVerified | ContributorVerificationRevoked;

export type ContributorEventType = ContributorEvent['type'];

/** The one decoder of `contributor-<principal id>` streams (see ARTICLE_EVENTS for how versions work). */
export const CONTRIBUTOR_EVENTS = new StreamDecoder<'contributor', ContributorEvent>('contributor', {
  ContributorProfileUpdated: { version: 1 },
  ContributorVerified: { version: 1 },
  ContributorVerificationRevoked: { version: 1 },
});

/** A contributor event with the contributor it belongs to and its revision there. */
export type ContributorFact<Event extends ContributorEvent = ContributorEvent> = Decoded<'contributor', Event>;
