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

/** Written into every event's metadata; bump a type's version when its data shape changes. */
export const CONTRIBUTOR_EVENT_SCHEMA_VERSION: Readonly<Record<ContributorEventType, number>> = {
  ContributorProfileUpdated: 1,
  ContributorVerified: 1,
  ContributorVerificationRevoked: 1,
};

export const CONTRIBUTOR_EVENT_TYPES = Object.keys(CONTRIBUTOR_EVENT_SCHEMA_VERSION) as readonly ContributorEventType[];

export function isContributorEventType(type: string): type is ContributorEventType {
  return Object.hasOwn(CONTRIBUTOR_EVENT_SCHEMA_VERSION, type);
}
