import type { PublicArticle, PublicCorrection, PublicRelatedLink } from '../public-events/contract.js';
import { type RenderedBody, renderBody, renderParagraph } from './article-body.js';
import {
  NINJS_STANDARD,
  type NinjsAssociation,
  type NinjsBody,
  type NinjsDocument,
  type NinjsInfoSource,
  type NinjsObject,
  type NinjsTrustIndicator,
} from './ninjs-document.js';
import type { LiveArticle, NinjsSource, TakenDownArticle, WithdrawnArticle } from './ninjs-source.js';
import { countText } from './text-counts.js';

/** IPTC's Content Production Party Role codes, for infosources. */
const PARTY_ROLE = 'http://cv.iptc.org/newscodes/contentprodpartyrole/';
/** Trust indicator kinds are Redaksi's own, named under the project's URI space like its problem types. */
const TRUST = 'https://redaksi.dev/trust/';

const DESK_VERIFIED: NinjsTrustIndicator = {
  role: `${TRUST}desk-verified`,
  title: 'Checked before publication by an editor other than the writer: sources checked, quotes attributed',
};
const VERIFIED_WRITER: NinjsTrustIndicator = {
  role: `${TRUST}verified-writer`,
  title: 'Verified Writer: the desk vouches for the writer',
};

/**
 * The ninjs 2.x document for an article as one change left it. Pure: the same source always
 * gives the same document. docs/ninjs.md explains every field.
 */
export function toNinjs(source: NinjsSource): NinjsDocument {
  switch (source.state) {
    case 'live':
      return live(source);
    case 'withdrawn':
      return withdrawn(source);
    case 'taken-down':
      return takenDown(source);
    default:
      return unknownState(source);
  }
}

/** A stable, global identifier that needs no configuration: article ids are UUIDs. */
export function articleUri(articleId: string): string {
  return `urn:uuid:${articleId.toLowerCase()}`;
}

function live(source: LiveArticle): NinjsDocument {
  const { article } = source;
  const associations = relatedAssociations(article.related);
  const ednote = correctionsNote(article.corrections);
  return {
    ...header(source),
    representationtype: 'full',
    firstcreated: article.firstPublishedAt,
    versioncreated: source.changedAt,
    ...(source.embargoedUntil === undefined ? {} : { embargoed: instant(source.embargoedUntil, 'embargoedUntil') }),
    pubstatus: 'usable',
    language: article.language,
    altids: [{ role: 'slug', value: source.slug }],
    headlines: [{ role: 'main', contenttype: 'text/plain', value: article.headline }],
    ...(article.dek.trim() === '' ? {} : { descriptions: [{ role: 'summary', contenttype: 'text/plain', value: article.dek }] }),
    ...(article.body.length === 0 ? {} : { bodies: bodies('main', renderBody(article.body)) }),
    by: article.author.name,
    ...(article.dateline.trim() === '' ? {} : { located: article.dateline }),
    ...(article.topics.length === 0 ? {} : { subjects: article.topics.map((topic) => ({ name: topic })) }),
    infosources: infosources(article),
    ...(associations.length === 0 ? {} : { associations }),
    ...(ednote === undefined ? {} : { ednote }),
    trustindicators: source.verifiedWriter === true ? [DESK_VERIFIED, VERIFIED_WRITER] : [DESK_VERIFIED],
  };
}

/** Withheld: the notice takes the article's place, as it does at the article's address. */
function withdrawn(source: WithdrawnArticle): NinjsDocument {
  const hasNotice = source.notice.trim() !== '';
  return {
    ...header(source),
    versioncreated: source.changedAt,
    pubstatus: 'withheld',
    altids: [{ role: 'slug', value: source.slug }],
    ...(hasNotice ? { bodies: bodies('notice', renderParagraph(source.notice)) } : {}),
    ednote: `Withdrawn ${source.changedAt}: stop showing the article${hasNotice ? '; show the notice in bodies at its address instead' : ''}.`,
  };
}

/** Canceled, and no content at all: a takedown must not leave a copy of anything behind. */
function takenDown(source: TakenDownArticle): NinjsDocument {
  return {
    ...header(source),
    versioncreated: source.changedAt,
    pubstatus: 'canceled',
    altids: [{ role: 'slug', value: source.slug }],
    ednote: `Taken down ${source.changedAt}: remove the article and every copy of it.`,
  };
}

function header(source: NinjsSource): Pick<NinjsDocument, 'uri' | 'standard' | 'type' | 'version'> {
  return { uri: articleUri(source.articleId), standard: NINJS_STANDARD, type: 'text', version: String(source.revision) };
}

/** Both bodies carry the counts of the text a reader reads (the plain text, without its line breaks). */
function bodies(role: string, rendered: RenderedBody): NinjsBody[] {
  const counts = countText(rendered.text);
  return [
    { role, contenttype: 'text/html', value: rendered.html, ...counts },
    { role, contenttype: 'text/plain', value: rendered.text, ...counts },
  ];
}

/** The article's sources, then who wrote it and the editor credited on the page. */
function infosources(article: PublicArticle): NinjsInfoSource[] {
  return [
    ...article.sources.map((source): NinjsInfoSource => ({
      name: source.name,
      role: `${PARTY_ROLE}contentSource`,
      ...(source.url === null ? {} : { uri: source.url }),
    })),
    { name: article.author.name, role: `${PARTY_ROLE}author`, literal: article.author.id },
    { name: article.editor.name, role: `${PARTY_ROLE}editor`, literal: article.editor.id },
  ];
}

/**
 * "Baca Juga" links whose target was live at this change, in the order they were linked. A
 * target that was not live has nothing to show, so it is left out (its own events say when
 * it goes live). Where in the body a link sat is not a ninjs notion; the native contract has it.
 */
function relatedAssociations(links: readonly PublicRelatedLink[]): NinjsAssociation[] {
  const shown = links.filter(
    (link): link is PublicRelatedLink & { slug: string; headline: string } => link.slug !== null && link.headline !== null,
  );
  return shown.map((link, index): NinjsAssociation => ({
    name: `related-${index + 1}`,
    ...relatedObject(link),
  }));
}

function relatedObject(link: { articleId: string; slug: string; headline: string }): NinjsObject {
  return {
    uri: articleUri(link.articleId),
    type: 'text',
    representationtype: 'partial',
    pubstatus: 'usable',
    altids: [{ role: 'slug', value: link.slug }],
    headlines: [{ role: 'main', contenttype: 'text/plain', value: link.headline }],
  };
}

/** Every public correction, oldest first, one per line: what a receiving desk needs to know. */
function correctionsNote(corrections: readonly PublicCorrection[]): string | undefined {
  if (corrections.length === 0) return undefined;
  return corrections.map((correction) => `Corrected ${correction.correctedAt}: ${correction.note}`).join('\n');
}

// A time without a zone would be read in each reader's own zone: the zone is required.
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** An instant given by a caller, in the one form ninjs readers parse without surprises (UTC, ms). */
function instant(value: string, name: string): string {
  const time = Date.parse(value);
  if (!ZONED_INSTANT.test(value) || Number.isNaN(time)) {
    throw new RangeError(`${name} must be an ISO 8601 date and time with a zone, such as 2025-01-21T10:00:00+07:00`);
  }
  return new Date(time).toISOString();
}

function unknownState(source: never): never {
  throw new Error(`Unknown article state ${(source as { state?: unknown }).state as string}`);
}
