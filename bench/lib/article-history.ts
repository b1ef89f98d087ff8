import { randomUUID } from 'node:crypto';
import { toEventData } from '../../src/platform/commands/event-metadata.js';
import type { CommandEnvelope } from '../../src/platform/commands/command-envelope.js';
import { eventIdFor } from '../../src/kernel/ids.js';
import { buildEventMetadata } from '../../src/platform/commands/event-metadata.js';
import type { Actor } from '../../src/kernel/identity.js';
import type { ArticleCommand } from '../../src/articles/model/commands.js';
import type { ArticleContent } from '../../src/articles/model/content.js';
import { decide } from '../../src/articles/model/decide.js';
import { ARTICLE_EVENTS } from '../../src/articles/model/events.js';
import { evolve } from '../../src/articles/model/evolve.js';
import type { ArticleState } from '../../src/articles/model/state.js';
import { slugify } from '../../src/articles/model/slug.js';
import { editor, sampleArticleContent, secondEditor, writer } from '../../src/articles/model/testing/sample-article.js';
import type { EventData, JsonValue } from '../../src/platform/event-store/event-store.port.js';

/** A short but complete article, for filling a store with many streams without gigabytes of text. */
export const shortArticleContent: ArticleContent = {
  headline: 'Jalan Raya Serpong Ditutup Sebagian untuk Perbaikan Saluran Air',
  dek: 'Pengendara diminta memakai jalur alternatif melalui Jalan Raya Puspiptek selama dua pekan.',
  dateline: 'Tangerang Selatan, IDN Times',
  language: 'id',
  body: [
    {
      type: 'paragraph',
      text: 'Dinas Pekerjaan Umum Kota Tangerang Selatan menutup sebagian Jalan Raya Serpong mulai Senin untuk memperbaiki saluran air yang kerap meluap saat hujan deras.',
    },
    {
      type: 'quote',
      text: 'Pekerjaan kami kebut agar selesai sebelum puncak musim hujan.',
      attribution: 'Andi Saputra',
      role: 'Kepala Bidang Sumber Daya Air',
    },
  ],
  sources: [{ name: 'Antara' }],
  topics: ['Tangerang Selatan', 'Lalu Lintas'],
};

export interface HistoryOptions {
  readonly articleId: string;
  /** Total events in the stream: the draft and then revisions, submissions and editors' notes. */
  readonly events: number;
  readonly content?: ArticleContent;
  readonly author?: Actor;
  /** When the draft was written; each later command happens a second after the previous one. */
  readonly startAt?: Date;
  /**
   * `newsroom` (the default): the story below. `revisions`: the author drafts and then only
   * revises, so the article stays a draft its writer may go on revising.
   */
  readonly story?: 'newsroom' | 'revisions';
  /** For the `revisions` story: the contents its revisions cycle through (default: small edits of `content`). */
  readonly revisions?: readonly ArticleContent[];
}

/**
 * A valid article stream, written by the real decider: every event is what the application
 * itself would have appended for the command, with the metadata the command handlers write.
 * The story repeats: the writer revises twice and submits; the desk sends the first submission
 * back with a note and verifies the next; an editor publishes, then edits the live article,
 * which puts it back in draft for the writer.
 */
export function articleHistory(options: HistoryOptions): EventData[] {
  const author = options.author ?? writer;
  const base = options.content ?? sampleArticleContent;
  const start = options.startAt?.getTime() ?? Date.parse('2025-01-20T01:00:00.000Z');
  const events: EventData[] = [];
  const story = { revisionsSinceSubmit: 0, reviews: 0 };
  let state: ArticleState | null = null;
  let step = 0;
  while (events.length < options.events) {
    const { command, actor } =
      state === null
        ? { command: draftCommand(options.articleId, base), actor: author }
        : options.story === 'revisions'
          ? {
              command: reviseCommand(options.revisions?.[(step - 1) % options.revisions.length] ?? revisedContent(base, step)),
              actor: author,
            }
          : nextCommand(state, step, base, author, story);
    const now = new Date(start + step * 1000);
    const envelope = envelopeFor(actor);
    const decided = decide(state, command, { actor, now });
    // A command that changes nothing (a revision equal to the current content) would loop forever.
    if (decided.length === 0) throw new Error(`${command.type} at step ${step} decided no event: each revision must change the content`);
    for (const [index, event] of decided.entries()) {
      const metadata = buildEventMetadata(envelope, command.type, now, ARTICLE_EVENTS.schemaVersion(event.type));
      events.push(toEventData(event, eventIdFor(`article-${options.articleId}`, envelope.commandId, index), metadata));
      state = evolve(state, event);
    }
    step += 1;
  }
  return events.slice(0, options.events);
}

/** Unique across articles as long as the id is: the registry's job is not what is measured here. */
export function benchSlug(content: ArticleContent, articleId: string): string {
  return `${slugify(content.headline)}-${articleId}`;
}

/**
 * The same history for another article id, with fresh event and command ids: an article's id
 * appears in its events only in the draft and in its slug. Much cheaper than deciding again.
 */
export function rebrand(template: readonly EventData[], articleId: string): EventData[] {
  const commandIds = new Map<string, string>();
  const templateId = (template[0]?.data as { articleId?: string } | undefined)?.articleId ?? '';
  return template.map((event) => {
    const metadata = event.metadata as Record<string, JsonValue>;
    const original = metadata.commandId as string;
    let commandId = commandIds.get(original);
    if (commandId === undefined) {
      commandId = randomUUID();
      commandIds.set(original, commandId);
    }
    const originalData = event.data as Record<string, JsonValue>;
    const data =
      event.type === 'ArticleDrafted'
        ? { ...originalData, articleId }
        : typeof originalData.slug === 'string'
          ? { ...originalData, slug: originalData.slug.replace(templateId, articleId) }
          : event.data;
    return {
      ...event,
      id: randomUUID(),
      data,
      metadata: { ...metadata, commandId, $correlationId: commandId, $causationId: commandId },
    };
  });
}

function draftCommand(articleId: string, content: ArticleContent): ArticleCommand {
  return { type: 'DraftArticle', data: { articleId, content } };
}

function reviseCommand(content: ArticleContent): ArticleCommand {
  return { type: 'ReviseArticle', data: { content } };
}

function nextCommand(
  state: ArticleState,
  step: number,
  base: ArticleContent,
  author: Actor,
  story: { revisionsSinceSubmit: number; reviews: number },
): { command: ArticleCommand; actor: Actor } {
  switch (state.status) {
    case 'in_review':
      story.reviews += 1;
      return story.reviews % 2 === 1
        ? { command: { type: 'RequestChanges', data: { notes: `Catatan redaksi ${step}: lengkapi sumber.` } }, actor: editor }
        : {
            command: { type: 'VerifyArticle', data: { checklist: { sourcesChecked: true, quotesAttributed: true } } },
            actor: secondEditor,
          };
    case 'verified':
      return { command: { type: 'PublishArticle', data: { slug: state.slug ?? benchSlug(state.content, state.id) } }, actor: editor };
    case 'published':
      return { command: { type: 'ReviseArticle', data: { content: revisedContent(base, step) } }, actor: editor };
    default:
      if (story.revisionsSinceSubmit >= 2) {
        story.revisionsSinceSubmit = 0;
        return { command: { type: 'SubmitArticle', data: {} }, actor: author };
      }
      story.revisionsSinceSubmit += 1;
      return { command: { type: 'ReviseArticle', data: { content: revisedContent(base, step) } }, actor: author };
  }
}

/** Each revision changes the dek and the first paragraph, as a writer's follow-up would. */
export function revisedContent(base: ArticleContent, n: number): ArticleContent {
  return {
    ...base,
    dek: `${base.dek} (pembaruan ${n})`,
    body: base.body.map((block, index) =>
      index === 0 && block.type === 'paragraph' ? { ...block, text: `${block.text} Pembaruan ke-${n}.` } : block,
    ),
  };
}

function envelopeFor(actor: Actor): CommandEnvelope {
  const commandId = randomUUID();
  return { actor, commandId, correlationId: commandId, causationId: commandId, requestHash: 'bench-seed' };
}
