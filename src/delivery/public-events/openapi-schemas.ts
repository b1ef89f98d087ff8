import type { SchemaObject } from '@nestjs/swagger';
import { PUBLIC_CONTRACT_VERSION, PUBLIC_EVENT_TYPES } from './contract.js';

/** The contract of contract.ts as OpenAPI schemas, for the feed and the subscribers' docs. */

const text = { type: 'string' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const person: SchemaObject = { type: 'object', required: ['id', 'name'], properties: { id: text, name: text } };
const correction: SchemaObject = { type: 'object', required: ['note', 'correctedAt'], properties: { note: text, correctedAt: instant } };

export const PUBLIC_ARTICLE_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Everything needed to render the live article page',
  required: [
    'id',
    'slug',
    'language',
    'headline',
    'dek',
    'dateline',
    'body',
    'sources',
    'topics',
    'author',
    'editor',
    'firstPublishedAt',
    'publishedAt',
    'corrections',
    'related',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    slug: text,
    language: { type: 'string', description: 'BCP 47' },
    headline: text,
    dek: text,
    dateline: text,
    body: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'text'],
        properties: {
          type: { type: 'string', enum: ['paragraph', 'heading', 'quote'] },
          text,
          attribution: { type: 'string', description: 'quote only' },
          role: { type: 'string', nullable: true, description: 'quote only' },
        },
      },
    },
    sources: {
      type: 'array',
      items: { type: 'object', required: ['name', 'url'], properties: { name: text, url: { type: 'string', nullable: true } } },
    },
    topics: { type: 'array', items: text },
    author: person,
    editor: { ...person, description: 'The editor credited on the page' },
    firstPublishedAt: instant,
    publishedAt: { ...instant, description: 'When this live copy went up' },
    corrections: { type: 'array', items: correction, description: 'Every public correction note, oldest first' },
    related: {
      type: 'array',
      description: '"Baca Juga" links; slug and headline are null when the target was not live at this event',
      items: {
        type: 'object',
        required: ['articleId', 'afterBlock', 'slug', 'headline'],
        properties: {
          articleId: { type: 'string', format: 'uuid' },
          afterBlock: { type: 'integer', nullable: true, description: '0-based body block; null: after the body' },
          slug: { type: 'string', nullable: true },
          headline: { type: 'string', nullable: true },
        },
      },
    },
  },
};

export const PUBLIC_EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  description: `A public integration event, contract version ${PUBLIC_CONTRACT_VERSION} (docs/integrators.md)`,
  required: ['id', 'type', 'version', 'occurredAt', 'articleId', 'slug', 'revision', 'position', 'cursor', 'data'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Stable across re-deliveries: deduplicate on it' },
    type: { type: 'string', enum: [...PUBLIC_EVENT_TYPES] },
    version: { type: 'integer', enum: [PUBLIC_CONTRACT_VERSION] },
    occurredAt: instant,
    articleId: { type: 'string', format: 'uuid' },
    slug: text,
    revision: { type: 'integer', description: "The article stream's revision; orders one article's events" },
    position: { type: 'object', required: ['commit', 'prepare'], properties: { commit: text, prepare: text } },
    cursor: { type: 'string', description: 'Continue after this event with ?after= or Last-Event-ID' },
    data: {
      type: 'object',
      description:
        'published: {article, republished, scheduled}; updated: {article, scheduled}; corrected: {article, correction}; ' +
        'unpublished: {mode: "withdraw", notice} | {mode: "takedown"}; related-changed: {article, change: {action, articleId}}',
      properties: {
        article: PUBLIC_ARTICLE_SCHEMA,
        republished: { type: 'boolean' },
        scheduled: { type: 'boolean' },
        correction,
        mode: { type: 'string', enum: ['withdraw', 'takedown'] },
        notice: text,
        change: {
          type: 'object',
          properties: { action: { type: 'string', enum: ['linked', 'unlinked'] }, articleId: { type: 'string', format: 'uuid' } },
        },
      },
    },
  },
};
