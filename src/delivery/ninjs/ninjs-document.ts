/**
 * The part of IPTC ninjs 2.x (News in JSON) that Redaksi writes. Property names are the
 * standard's, all lower case; every property but `uri` is optional in the standard, and no
 * property outside it is allowed, so Redaksi-only facts go into the standard's open fields
 * (roles, altids) rather than new keys. docs/ninjs.md maps each field.
 */

export const NINJS_MEDIA_TYPE = 'application/ninjs+json';

/** Every field written here exists from ninjs 2.0 on, so a 2.0 validator accepts the documents. */
export const NINJS_STANDARD = {
  name: 'ninjs',
  version: '2.0',
  schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json',
} as const;

/** usable: show it; withheld: do not show it for now; canceled: it must go everywhere. */
export type NinjsPubStatus = 'usable' | 'withheld' | 'canceled';

export interface NinjsText {
  readonly role?: string;
  /** An IANA media type: text/plain or text/html here. */
  readonly contenttype?: string;
  readonly value: string;
}

export interface NinjsBody extends NinjsText {
  readonly charcount?: number;
  readonly wordcount?: number;
}

export interface NinjsConcept {
  readonly name?: string;
  readonly rel?: string;
  readonly uri?: string;
  readonly literal?: string;
}

export interface NinjsInfoSource {
  readonly name?: string;
  /** A URI; IPTC's Content Production Party Role codes here. */
  readonly role?: string;
  readonly uri?: string;
  readonly literal?: string;
}

export interface NinjsAltId {
  readonly role?: string;
  readonly value?: string;
}

export interface NinjsTrustIndicator {
  /** A URI naming the kind of indicator. */
  readonly role?: string;
  readonly title?: string;
  readonly href?: string;
}

export interface NinjsStandard {
  readonly name: string;
  readonly version: string;
  readonly schema: string;
}

/** The properties a news object and each of its associations share. */
export interface NinjsObject {
  readonly uri: string;
  readonly type?: 'text';
  readonly representationtype?: 'full' | 'partial';
  readonly version?: string;
  readonly firstcreated?: string;
  readonly versioncreated?: string;
  readonly embargoed?: string;
  readonly pubstatus?: NinjsPubStatus;
  readonly language?: string;
  readonly altids?: readonly NinjsAltId[];
  readonly headlines?: readonly NinjsText[];
  readonly descriptions?: readonly NinjsText[];
  readonly bodies?: readonly NinjsBody[];
  readonly by?: string;
  readonly located?: string;
  readonly subjects?: readonly NinjsConcept[];
  readonly infosources?: readonly NinjsInfoSource[];
  readonly ednote?: string;
  readonly trustindicators?: readonly NinjsTrustIndicator[];
}

/** An associated news object: a ninjs object with the name of its place among the associations. */
export interface NinjsAssociation extends NinjsObject {
  readonly name: string;
}

export interface NinjsDocument extends NinjsObject {
  readonly standard: NinjsStandard;
  readonly associations?: readonly NinjsAssociation[];
}
