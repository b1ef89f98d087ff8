import { randomUUID } from 'node:crypto';
import { toEventData } from '../../src/platform/commands/event-metadata.js';
import type { Actor } from '../../src/kernel/identity.js';
import type { ArticleCommand } from '../../src/articles/model/commands.js';
import { decide } from '../../src/articles/model/decide.js';
import { evolve } from '../../src/articles/model/evolve.js';
import { slugify } from '../../src/articles/model/slug.js';
import type { ArticleState } from '../../src/articles/model/state.js';
import { editor, otherWriter, sampleArticleContent, secondEditor, writer } from '../../src/articles/model/testing/sample-article.js';
import type { EventData, EventStore } from '../../src/platform/event-store/event-store.port.js';

/**
 * A newsroom's log, made by the real decider (so every stream is one the API could have written) and
 * appended command by command: drafts, reviews with notes, publications, links both ways, updates,
 * corrections, withdrawals, takedowns, republications, contributor profiles and verifications.
 * Deterministic for a seed. Appends of one phase run concurrently, as many API requests would.
 */
export interface NewsroomLog {
  readonly articles: readonly string[];
  readonly events: number;
}

const communityWriter: Actor = { id: 'writer-rina', displayName: 'Rina Kusuma', roles: ['writer'] };
const WRITERS = [writer, otherWriter, communityWriter];
const TOPICS = ['Banjir', 'Politik', 'Transportasi', 'Kesehatan', 'Pendidikan', 'Ekonomi'];
const VERIFY = { checklist: { sourcesChecked: true, quotesAttributed: true } } as const;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function appendNewsroomLog(
  store: EventStore,
  options: { readonly articles: number; readonly seed?: number },
): Promise<NewsroomLog> {
  const rnd = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  let clock = Date.parse('2025-01-20T00:00:00Z');
  let events = 0;
  const states = new Map<string, ArticleState | null>();
  const ids: string[] = [];

  const run = (id: string, actor: Actor, command: ArticleCommand): EventData[] => {
    clock += 1_000;
    const state = states.get(id) ?? null;
    const decided = decide(state, command, { actor, now: new Date(clock) });
    states.set(id, decided.reduce<ArticleState | null>(evolve, state));
    return decided.map((event) => toEventData(event, randomUUID(), { actor: { id: actor.id }, schemaVersion: 1 }));
  };
  const phase = async (work: readonly (readonly [string, EventData[]])[]): Promise<void> => {
    for (let i = 0; i < work.length; i += 256) {
      const appends = work.slice(i, i + 256).filter(([, data]) => data.length > 0);
      await Promise.all(appends.map(([stream, data]) => store.appendToStream(stream, data)));
    }
    events += work.reduce((sum, [, data]) => sum + data.length, 0);
  };
  const steps = (id: string, commands: readonly (readonly [Actor, ArticleCommand])[]): EventData[] =>
    commands.flatMap(([actor, command]) => run(id, actor, command));
  const status = (id: string): string => states.get(id)?.status ?? 'none';
  const slugOf = (id: string): string => states.get(id)?.slug ?? `${slugify(states.get(id)!.content.headline)}-${id.slice(0, 8)}`;
  const publish = (id: string): readonly [Actor, ArticleCommand] => [
    pick([editor, secondEditor]),
    { type: 'PublishArticle', data: { slug: slugOf(id) } },
  ];
  const review: () => readonly (readonly [Actor, ArticleCommand])[] = () => [
    [editor, { type: 'SubmitArticle', data: {} }],
    [secondEditor, { type: 'VerifyArticle', data: VERIFY }],
  ];

  await phase(
    WRITERS.map((w, n): readonly [string, EventData[]] => [
      `contributor-${w.id}`,
      [
        {
          id: randomUUID(),
          type: 'ContributorProfileUpdated',
          data: {
            contributorId: w.id,
            displayName: w.displayName,
            bio: 'Penulis',
            publicContact: n === 2 ? '@rina' : null,
            community: n === 2,
            by: w.id,
            byName: w.displayName,
            at: new Date(clock).toISOString(),
          },
        },
        ...(n === 2
          ? [
              {
                id: randomUUID(),
                type: 'ContributorVerified' as const,
                data: { contributorId: w.id, by: editor.id, byName: editor.displayName, at: new Date(clock).toISOString() },
              },
            ]
          : []),
      ],
    ]),
  );

  // Drafts, reviews, first publications.
  await phase(
    Array.from({ length: options.articles }, (_, n) => {
      const id = randomUUID();
      ids.push(id);
      const author = pick(WRITERS);
      const content = {
        ...sampleArticleContent,
        headline: `${sampleArticleContent.headline} (${n})`,
        topics: [pick(TOPICS), pick(TOPICS)],
      };
      const roll = rnd();
      const commands: (readonly [Actor, ArticleCommand])[] = [[author, { type: 'DraftArticle', data: { articleId: id, content } }]];
      if (roll > 0.1) commands.push([author, { type: 'SubmitArticle', data: {} }]);
      if (roll > 0.2 && roll < 0.3)
        commands.push([editor, { type: 'RequestChanges', data: { notes: `Lengkapi sumber untuk artikel ${n}.` } }]);
      if (roll >= 0.3) commands.push([secondEditor, { type: 'VerifyArticle', data: VERIFY }]);
      const draft = run(id, commands[0]![0], commands[0]![1]);
      const rest = steps(id, commands.slice(1));
      if (roll >= 0.35 && roll < 0.4)
        return [
          `article-${id}`,
          [
            ...draft,
            ...rest,
            ...run(id, editor, { type: 'ScheduleArticle', data: { publishAt: new Date(clock + 864e5 * 30).toISOString() } }),
          ],
        ] as const;
      return [`article-${id}`, [...draft, ...rest, ...(roll >= 0.4 ? run(id, ...publish(id)) : [])]] as const;
    }),
  );

  // "Baca Juga" both ways, between any articles.
  await phase(
    ids.map((id) => {
      const targets = new Set([pick(ids), pick(ids)].filter((target) => target !== id));
      return [
        `article-${id}`,
        [...targets].flatMap((target) =>
          run(id, editor, {
            type: 'LinkRelated',
            data: { relatedArticleId: target, target: { exists: true }, ...(rnd() < 0.7 ? { afterBlock: Math.floor(rnd() * 4) } : {}) },
          }),
        ),
      ] as const;
    }),
  );

  // Updates, corrections, withdrawals and takedowns of live articles; unlinks.
  await phase(
    ids.map((id) => {
      const roll = rnd();
      const state = states.get(id)!;
      if (status(id) !== 'published') return [`article-${id}`, []] as const;
      const revised = { ...state.content, dek: `${state.content.dek} Pembaruan ${Math.floor(roll * 1000)}.` };
      const revise: readonly [Actor, ArticleCommand] = [editor, { type: 'ReviseArticle', data: { content: revised } }];
      if (roll < 0.25) return [`article-${id}`, steps(id, [revise, ...review(), publish(id)])] as const;
      if (roll < 0.45)
        return [
          `article-${id}`,
          steps(id, [
            revise,
            ...review(),
            [editor, { type: 'CorrectArticle', data: { note: 'Angka korban diperbarui.', slug: slugOf(id) } }],
          ]),
        ] as const;
      if (roll < 0.6)
        return [
          `article-${id}`,
          steps(id, [
            [editor, { type: 'UnpublishArticle', data: { mode: 'withdraw', reason: 'Verifikasi ulang', notice: 'Artikel ini ditarik.' } }],
          ]),
        ] as const;
      if (roll < 0.65)
        return [
          `article-${id}`,
          steps(id, [[editor, { type: 'UnpublishArticle', data: { mode: 'takedown', reason: 'Perintah pengadilan' } }]]),
        ] as const;
      if (roll < 0.75) return [`article-${id}`, steps(id, [revise])] as const; // a pending change left in draft
      const link = state.related[0];
      return [
        `article-${id}`,
        link === undefined ? [] : steps(id, [[editor, { type: 'UnlinkRelated', data: { relatedArticleId: link.relatedArticleId } }]]),
      ] as const;
    }),
  );

  // Some withdrawn articles come back; the desk revokes a badge.
  await phase([
    ...ids
      .filter((id) => states.get(id)?.unpublished?.mode === 'withdraw' && rnd() < 0.5)
      .map(
        (id) =>
          [
            `article-${id}`,
            steps(id, [[editor, { type: 'RequestChanges', data: { notes: 'Perbaiki lalu terbitkan ulang.' } }], ...review(), publish(id)]),
          ] as const,
      ),
    [
      `contributor-${communityWriter.id}`,
      [
        {
          id: randomUUID(),
          type: 'ContributorVerificationRevoked',
          data: {
            contributorId: communityWriter.id,
            reason: 'Kontak tidak valid',
            by: editor.id,
            byName: editor.displayName,
            at: new Date(clock).toISOString(),
          },
        },
      ],
    ],
  ]);
  return { articles: ids, events };
}
