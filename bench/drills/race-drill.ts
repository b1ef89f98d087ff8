import { ARTICLE_EVENTS } from '../../src/articles/model/events.js';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { evolve } from '../../src/articles/model/evolve.js';
import type { ArticleState } from '../../src/articles/model/state.js';
import type { RecordedEvent } from '../../src/platform/event-store/event-store.port.js';
import type { Who } from '../../test/support/test-app.js';
import { type DrillTarget, metadataOf } from './target.js';

export interface RaceDrillOptions {
  readonly rounds: number;
  /** Requests fired at the same article at once, per round. */
  readonly clients: number;
  readonly log?: (line: string) => void;
}

export interface RaceDrillReport {
  readonly rounds: number;
  readonly requests: number;
  readonly byOutcome: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
}

type Kind = 'editor revises at If-Match' | 'editor revises' | 'editor publishes at If-Match' | 'editor publishes' | 'writer revises';

const KINDS: readonly Kind[] = [
  'editor revises at If-Match',
  'editor publishes',
  'editor revises',
  'editor publishes at If-Match',
  'writer revises',
];

/** The answers each kind of request may get while others race it; anything else is a problem. */
const ALLOWED: Readonly<Record<Kind, readonly number[]>> = {
  'editor revises at If-Match': [200, 409, 412],
  'editor revises': [200, 409],
  'editor publishes at If-Match': [200, 409, 412],
  'editor publishes': [200, 409],
  // A writer may revise only a draft: before an editor's revision lands the article is verified (403).
  'writer revises': [200, 403, 409],
};

interface Shot {
  readonly kind: Kind;
  readonly status: number;
  readonly correlationId: string;
  readonly revision: number | undefined;
  readonly dek: string | undefined;
}

/**
 * Many clients revise and publish the same verified article at once. Every answer must be one
 * of the allowed ones; every 2xx must be in the stream (no lost update) at the revision it
 * reported, and nothing else may be; at most one request per If-Match revision wins; what was
 * published must be exactly what had been verified, unchanged; and the article the API shows
 * afterwards is the stream's last state.
 */
export async function runRaceDrill(target: DrillTarget, options: RaceDrillOptions): Promise<RaceDrillReport> {
  const log = options.log ?? (() => undefined);
  const problems: string[] = [];
  const byOutcome: Record<string, number> = {};
  let requests = 0;
  const call = async (who: Who, method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${target.tokens[who]}`, 'Content-Type': 'application/json', ...headers },
      body: method === 'GET' ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, correlationId: response.headers.get('x-correlation-id') ?? '', json: parse(text) };
  };

  for (let round = 0; round < options.rounds; round++) {
    const created = await call('writer', 'POST', '/v1/articles', {
      ...sampleArticleContent,
      headline: `${sampleArticleContent.headline} — race ${round} ${Date.now()}`,
    });
    const id = String(created.json?.id);
    await call('writer', 'POST', `/v1/articles/${id}/submit`, {});
    const verified = await call('editor2', 'POST', `/v1/articles/${id}/verify`, {
      checklist: { sourcesChecked: true, quotesAttributed: true },
    });
    if (verified.status !== 200) throw new Error(`Setting up round ${round}: verify answered ${verified.status}`);
    const base = Number(verified.json?.revision);

    const shots = await Promise.all(
      Array.from({ length: options.clients }, async (_, i): Promise<Shot> => {
        const kind = KINDS[(i + round) % KINDS.length]!;
        const ifMatch: Record<string, string> = kind.endsWith('If-Match') ? { 'If-Match': `"${base}"` } : {};
        const dek = `${sampleArticleContent.dek} [race ${round}.${i}]`;
        const r = kind.includes('publishes')
          ? await call('editor', 'POST', `/v1/articles/${id}/publish`, {}, ifMatch)
          : await call(
              kind.startsWith('writer') ? 'writer' : 'editor',
              'PUT',
              `/v1/articles/${id}/content`,
              { ...sampleArticleContent, dek },
              ifMatch,
            );
        const revision = typeof r.json?.revision === 'number' ? r.json.revision : undefined;
        return { kind, status: r.status, correlationId: r.correlationId, revision, dek: kind.includes('revises') ? dek : undefined };
      }),
    );
    requests += shots.length;
    for (const shot of shots) {
      byOutcome[`${shot.kind} → ${shot.status}`] = (byOutcome[`${shot.kind} → ${shot.status}`] ?? 0) + 1;
      if (!ALLOWED[shot.kind].includes(shot.status)) problems.push(`round ${round}: ${shot.kind} answered ${shot.status}`);
    }

    const stream = await target.store.readStream(`article-${id}`);
    problems.push(...checkRound(round, stream, base, shots));
    const shown = await call('editor', 'GET', `/v1/articles/${id}`, undefined);
    const last = stream.at(-1)!;
    if (Number(shown.json?.revision) !== Number(last.revision)) {
      problems.push(`round ${round}: the API shows revision ${String(shown.json?.revision)}, the stream ends at ${last.revision}`);
    }
    log(
      `round ${round}: ${shots.map((s) => s.status).join(' ')}; stream ${stream
        .slice(base + 1)
        .map((e) => e.type.replace('Article', ''))
        .join(', ')}`,
    );
  }
  return { rounds: options.rounds, requests, byOutcome, problems };
}

function checkRound(round: number, stream: readonly RecordedEvent[], base: number, shots: readonly Shot[]): string[] {
  const problems: string[] = [];
  const raced = stream.slice(base + 1);
  const winners = shots.filter((s) => s.status >= 200 && s.status < 300);
  // No lost update, no phantom write: the raced part of the stream is exactly the winners' events.
  for (const winner of winners) {
    const own = raced.filter((e) => metadataOf(e).$correlationId === winner.correlationId);
    if (own.length !== 1)
      problems.push(`round ${round}: ${winner.kind} answered ${winner.status} but has ${own.length} events in the stream`);
    else if (winner.revision !== undefined && Number(own[0]!.revision) !== winner.revision) {
      problems.push(`round ${round}: ${winner.kind} answered revision ${winner.revision}, its event is at ${own[0]!.revision}`);
    }
    if (winner.dek !== undefined && own[0] && (own[0].data as { content?: { dek?: string } }).content?.dek !== winner.dek) {
      problems.push(`round ${round}: ${winner.kind}'s content is not what the stream holds at its revision`);
    }
  }
  const answered = new Set(winners.map((w) => w.correlationId));
  for (const event of raced) {
    if (!answered.has(String(metadataOf(event).$correlationId)))
      problems.push(`round ${round}: ${event.type} at ${event.revision} belongs to no successful request`);
  }
  // Optimistic concurrency: of the requests made at the same If-Match revision, at most one wins.
  const ifMatchWins = winners.filter((w) => w.kind.endsWith('If-Match'));
  if (ifMatchWins.length > 1) problems.push(`round ${round}: ${ifMatchWins.length} requests won at If-Match "${base}"`);
  // What went live is what was verified, unchanged since.
  let state: ArticleState | null = null;
  for (const event of stream) {
    if (event.type === 'ArticlePublished') {
      const hash = (event.data as { contentHash?: string }).contentHash;
      if (state?.status !== 'verified' || state.verification?.contentHash !== hash || state.contentHash !== hash) {
        problems.push(
          `round ${round}: published at ${event.revision} from status ${state?.status ?? 'none'} with content that was not the verified one`,
        );
      }
    }
    state = evolve(state, ARTICLE_EVENTS.event(event));
  }
  return problems;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
