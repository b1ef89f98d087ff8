/**
 * The rules of IPTC ninjs 2.x (News in JSON), written for these tests as a JSON Schema (draft
 * 2020-12) from the standard's specification: the property names, their types, the
 * enumerations, the formats, what is required and that nothing else is allowed.
 *
 * It holds the properties every 2.x release has (those of 2.0; later releases only add), and
 * where releases differ it keeps the stricter rule: an association needs a `name` and a `uri`
 * (2.1 on), an infosource's `role` and a genre's `uri` are URIs (2.0), urgency is an integer
 * from 1 to 9 (2.1 on). A document that passes here passes a validator of any 2.x release.
 */

const text = { type: 'string' } as const;
const uri = { type: 'string', format: 'uri' } as const;
const instant = { type: 'string', format: 'date-time' } as const;

/** headlines, descriptions: a value, with the role and media type the provider chooses. */
const textItem = {
  type: 'object',
  required: ['value'],
  additionalProperties: false,
  properties: { role: text, contenttype: text, value: text },
} as const;

const bodyItem = {
  type: 'object',
  required: ['value'],
  additionalProperties: false,
  properties: { role: text, contenttype: text, charcount: { type: 'number' }, wordcount: { type: 'number' }, value: text },
} as const;

/** people, organisations, places, subjects, events, objects, genres: a concept the content relates to. */
const concept = (extra: Record<string, unknown> = {}) =>
  ({
    type: 'array',
    items: { type: 'object', additionalProperties: false, properties: { name: text, rel: text, uri, literal: text, ...extra } },
  }) as const;

const rendition = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: text,
    href: uri,
    contenttype: text,
    title: text,
    height: { type: 'number' },
    width: { type: 'number' },
    sizeinbytes: { type: 'number' },
    duration: { type: 'number' },
    format: text,
  },
} as const;

const newsObject = {
  type: 'object',
  properties: {
    uri,
    type: { enum: ['text', 'audio', 'video', 'picture', 'graphic', 'composite', 'component'] },
    representationtype: { enum: ['full', 'partial'] },
    profile: text,
    version: text,
    firstcreated: instant,
    versioncreated: instant,
    contentcreated: instant,
    embargoed: instant,
    pubstatus: { enum: ['usable', 'withheld', 'canceled'] },
    urgency: { type: 'integer', minimum: 1, maximum: 9 },
    copyrightholder: text,
    copyrightnotice: text,
    usageterms: text,
    ednote: text,
    language: text,
    title: text,
    by: text,
    slugline: text,
    located: text,
    headlines: { type: 'array', items: textItem },
    descriptions: { type: 'array', items: textItem },
    bodies: { type: 'array', items: bodyItem },
    people: concept(),
    organisations: concept({
      symbols: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { ticker: text, exchange: text } } },
    }),
    places: concept(),
    subjects: concept(),
    events: concept(),
    objects: concept(),
    genres: concept(),
    infosources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { name: text, role: uri, uri, literal: text },
      },
    },
    renditions: { type: 'array', items: rendition },
    associations: {
      type: 'array',
      items: {
        type: 'object',
        $ref: '#/$defs/newsObject',
        required: ['name', 'uri'],
        properties: { name: text },
        unevaluatedProperties: false,
      },
    },
    altids: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, properties: { role: text, value: text } },
    },
    trustindicators: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, properties: { role: uri, title: text, href: uri } },
    },
    standard: { type: 'object', additionalProperties: false, properties: { name: text, version: text, schema: uri } },
    rightsinfo: {
      type: 'object',
      properties: { langid: uri, linkedrights: uri, encodedrights: text },
      oneOf: [{ required: ['linkedrights'] }, { required: ['encodedrights'] }],
    },
  },
} as const;

export const NINJS_2_RULES = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://redaksi.dev/test/ninjs-2-rules.json',
  $defs: { newsObject },
  type: 'object',
  $ref: '#/$defs/newsObject',
  required: ['uri'],
  unevaluatedProperties: false,
} as const;
