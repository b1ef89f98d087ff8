import { ARTICLE_EVENTS } from '../src/articles/model/events.js';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EventData } from '../src/platform/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/platform/event-store/sqlite/sqlite-event-store.js';
import { articleHistory } from './lib/article-history.js';
import { type Benchmark, type BenchOutcome, ratio } from './lib/benchmark.js';
import { type LoopLimits, type LoopResult, runWriters } from './lib/bounded-loop.js';
import { type EmmettPeer, loadEmmettPeer, withQuietConsole } from './lib/emmett-peer.js';
import { measureFdatasync } from './lib/fdatasync.js';
import type { Cell, TargetCheck } from './lib/results.js';
import { atLeast } from './lib/targets.js';

/** What both stores are asked to do, with the same events, streams and expected revisions. */
interface Subject {
  readonly label: string;
  append(stream: string, events: readonly EventData[], expectedRevision: bigint): Promise<void>;
  close(): Promise<void>;
}

const CONCURRENT_WRITERS = 16;
const BATCH = 100;

export const appendsBenchmark: Benchmark = {
  name: 'appends',
  title: 'Event store appends: embedded store vs Emmett SQLite',
  usesPeers: true,
  async run(ctx) {
    const peer = await loadEmmettPeer((line) => ctx.log(line));
    const sizes = ctx.quick
      ? { single: { maxOps: 300, maxMs: 2_000 }, batch: { maxOps: 30, maxMs: 2_000 }, fsyncMs: 500 }
      : { single: { maxOps: 20_000, maxMs: 6_000 }, batch: { maxOps: 2_000, maxMs: 6_000 }, fsyncMs: 3_000 };
    // A real ArticleRevised (about 3 KB with its metadata), as the command handlers write it.
    const history = articleHistory({ articleId: randomUUID(), events: 3 });
    const template = history[1]!;
    const event = (): EventData => ({ ...template, id: randomUUID() });

    ctx.log('disk: fdatasync loop');
    const fsyncBefore = measureFdatasync(ctx.workDir, { maxOps: 1_000_000, maxMs: sizes.fsyncMs, mode: 'overwrite' });
    const fsyncAppend = measureFdatasync(ctx.workDir, { maxOps: 1_000_000, maxMs: sizes.fsyncMs / 2, mode: 'append' });
    ctx.log(`  fdatasync ${fsyncBefore.perSecond}/s (overwrite), ${fsyncAppend.perSecond}/s (append)`);

    const cases = {
      sequential: (s: Subject) => sequential(s, event, sizes.single),
      concurrent: (s: Subject) => concurrent(s, event, sizes.single),
      batch: (s: Subject) => batch(s, event, sizes.batch),
    };
    const results: Record<string, Record<keyof typeof cases, LoopResult>> = {};
    const groupCommit: Record<string, string> = {};
    let emmettPragmas = '';

    for (const store of ['embedded', 'emmett'] as const) {
      results[store] = {} as Record<keyof typeof cases, LoopResult>;
      for (const [name, run] of Object.entries(cases) as [keyof typeof cases, (s: Subject) => Promise<LoopResult>][]) {
        const dir = path.join(ctx.workDir, `${store}-${name}`);
        mkdirSync(dir, { recursive: true });
        const embeddedStore = store === 'embedded' ? embedded(dir) : undefined;
        const subject = embeddedStore ?? emmett(peer, dir);
        const { value, suppressed } = await withQuietConsole(() => run(subject));
        if (embeddedStore) groupCommit[name] = embeddedStore.stats();
        await subject.close();
        if (store === 'emmett' && name === 'sequential') {
          const p = await peer.durability(path.join(dir, 'emmett.sqlite'));
          emmettPragmas = `journal_mode=${p.journalMode}, synchronous=${p.synchronous}, busy_timeout=${p.busyTimeoutMs} ms`;
        }
        results[store][name] = value;
        ctx.log(
          `  ${store.padEnd(8)} ${name.padEnd(10)} ${value.perSecond} appends/s, p50 ${value.latency.p50Ms} ms, p99 ${value.latency.p99Ms} ms` +
            (value.failed > 0 ? `, ${value.failed} failed (${suppressed} logged by the store)` : ''),
        );
      }
    }

    // The peer cannot take concurrent appends through one store object (see notes): measure what
    // an application would have to do instead, serialising its appends.
    const serialisedDir = path.join(ctx.workDir, 'emmett-serialised');
    mkdirSync(serialisedDir, { recursive: true });
    const serialised = serialise(emmett(peer, serialisedDir));
    const { value: emmettSerialised } = await withQuietConsole(() => concurrent(serialised, event, sizes.single));
    ctx.log(`  emmett   concurrent, serialised by the caller: ${emmettSerialised.perSecond} appends/s`);

    // Measured again at the end: on a shared machine the disk's rate moves, and the higher of
    // the two is the stricter ceiling to compare with.
    const fsyncAfter = measureFdatasync(ctx.workDir, { maxOps: 1_000_000, maxMs: sizes.fsyncMs, mode: 'overwrite' });
    ctx.log(`  fdatasync ${fsyncAfter.perSecond}/s (overwrite, at the end)`);
    const fsync = fsyncAfter.perSecond > fsyncBefore.perSecond ? fsyncAfter : fsyncBefore;

    const e = results.embedded!;
    const m = results.emmett!;
    const emmettConcurrentBest = Math.max(m.concurrent.perSecond, emmettSerialised.perSecond);
    const ratios = [
      { label: 'embedded sequential ÷ disk fdatasync rate', value: ratio(e.sequential.perSecond, fsync.perSecond) },
      { label: 'embedded 16 writers ÷ disk fdatasync rate', value: ratio(e.concurrent.perSecond, fsync.perSecond) },
      { label: 'embedded ÷ Emmett, sequential single-event appends', value: ratio(e.sequential.perSecond, m.sequential.perSecond) },
      {
        label: 'embedded ÷ Emmett, 16 writers (Emmett: the better of shared store and caller-serialised)',
        value: ratio(e.concurrent.perSecond, emmettConcurrentBest),
      },
      { label: 'embedded ÷ Emmett, 100-event appends', value: ratio(e.batch.perSecond, m.batch.perSecond) },
    ];
    for (const r of ratios) ctx.log(`  ratio ${r.label}: ${r.value ?? 'n/a'}×`);

    const targets: TargetCheck[] = [
      atLeast('appends.sequential-vs-fdatasync', ratio(e.sequential.perSecond, fsync.perSecond) ?? 0, 0.7, '×'),
      atLeast('appends.concurrent-vs-fdatasync', ratio(e.concurrent.perSecond, fsync.perSecond) ?? 0, 3, '×'),
      atLeast('appends.sequential-vs-emmett', ratio(e.sequential.perSecond, m.sequential.perSecond) ?? 0, 10, '×'),
      atLeast('appends.concurrent-vs-emmett', ratio(e.concurrent.perSecond, emmettConcurrentBest) ?? 0, 10, '×'),
      atLeast('appends.batch-vs-emmett', ratio(e.batch.perSecond, m.batch.perSecond) ?? 0, 1.5, '×'),
    ];

    const row = (label: string, what: string, r: LoopResult, eventsPerAppend = 1): Cell[] => [
      label,
      what,
      r.perSecond,
      r.perSecond * eventsPerAppend,
      r.latency.p50Ms,
      r.latency.p99Ms,
      r.ok,
      r.failed,
    ];
    const outcome: BenchOutcome = {
      status: 'measured',
      durability:
        `both stores durable per commit: embedded SqliteEventStore.open({synchronous: 'FULL'}) (journal_mode=WAL, synchronous=FULL, the app's default); ` +
        `Emmett as it configures itself, read back from a connection it opened: ${emmettPragmas} (SQLite's compiled defaults for the sqlite3 5.1.7 build)`,
      method:
        `same process, same disk (a temp directory), one after the other. Each case uses a fresh database file. Events are real ArticleRevised events ` +
        `(sample article, ~${Math.round(JSON.stringify(template).length / 100) / 10} KB with metadata), appended with the exact expected revision (optimistic concurrency on, as the command handlers do). ` +
        `Sequential: one writer, one event per append, round-robin over 100 streams. 16 writers: 16 concurrent loops, each on its own stream, one event per append, ` +
        `one store object shared by all (embedded: group commit). Batch: one writer, ${BATCH} events per append, each append to a new stream. ` +
        `Each case stops after ${sizes.single.maxOps.toLocaleString('en-US')} appends (batch: ${sizes.batch.maxOps.toLocaleString('en-US')}) or ${sizes.single.maxMs / 1000} s. ` +
        `Latency is per append (promise issued to settled). Disk ceiling: write 4 KiB in place + fdatasync in a loop on a file in the same directory for ${sizes.fsyncMs / 1000} s, before and after the stores; ratios use the higher of the two.`,
      tables: [
        {
          title: 'Disk',
          columns: ['probe', 'fdatasync/s', 'p50 ms', 'p99 ms'],
          rows: [
            [
              'write 4 KiB in place + fdatasync, before the stores',
              fsyncBefore.perSecond,
              fsyncBefore.latency.p50Ms,
              fsyncBefore.latency.p99Ms,
            ],
            [
              'write 4 KiB in place + fdatasync, after the stores',
              fsyncAfter.perSecond,
              fsyncAfter.latency.p50Ms,
              fsyncAfter.latency.p99Ms,
            ],
            ['append 4 KiB (file grows) + fdatasync', fsyncAppend.perSecond, fsyncAppend.latency.p50Ms, fsyncAppend.latency.p99Ms],
          ],
        },
        {
          title: 'Appends',
          columns: ['store', 'case', 'appends/s', 'events/s', 'p50 ms', 'p99 ms', 'appends ok', 'failed'],
          rows: [
            row('embedded', '1 event, sequential', e.sequential),
            row('Emmett SQLite', '1 event, sequential', m.sequential),
            row('embedded', '1 event, 16 writers', e.concurrent),
            row('Emmett SQLite', '1 event, 16 writers, one shared store', m.concurrent),
            row('Emmett SQLite', '1 event, 16 writers, serialised by the caller', emmettSerialised),
            row('embedded', `${BATCH} events per append`, e.batch, BATCH),
            row('Emmett SQLite', `${BATCH} events per append`, m.batch, BATCH),
          ],
        },
      ],
      ratios,
      targets,
      notes: [
        `Embedded group commit: ${Object.entries(groupCommit)
          .map(([name, stats]) => `${name}: ${stats}`)
          .join('; ')}.`,
        ...emmettNotes(m),
      ],
    };
    return outcome;
  },
};

function emmettNotes(m: Record<string, LoopResult>): string[] {
  const notes = [
    'Emmett SQLite 0.38.5 opens a new sqlite3 connection for every call and closes it afterwards (closing the last connection checkpoints the WAL), so each append also pays for an open, a WAL pragma and a checkpoint.',
  ];
  const failures = Object.entries(m.concurrent?.errors ?? {});
  if (failures.length > 0) {
    notes.push(
      `Emmett with 16 concurrent writers on one store object: ${m.concurrent!.failed} of ${m.concurrent!.ok + m.concurrent!.failed} appends failed — ` +
        failures.map(([message, count]) => `${count}× “${message}”`).join(', ') +
        '. The store shares one connection between concurrent calls and closes it when the first call finishes; the caller-serialised row is what an application can get from it.',
    );
  }
  return notes;
}

type EmbeddedSubject = Subject & { stats(): string };

function embedded(dir: string): EmbeddedSubject {
  const store = SqliteEventStore.open({ path: path.join(dir, 'events.sqlite'), synchronous: 'FULL' });
  return {
    label: 'embedded',
    append: async (stream, events, expectedRevision) => {
      // The port counts from 0 and names the last revision; "no events yet" is no_stream.
      await store.appendToStream(stream, events, { expectedRevision: expectedRevision < 0n ? 'no_stream' : expectedRevision });
    },
    close: () => store.close(),
    stats: () => {
      const s = store.stats;
      return `${s.operations} appends in ${s.transactions} transactions (largest ${s.largestBatch})`;
    },
  };
}

function emmett(peer: EmmettPeer, dir: string): Subject {
  const store = peer.open(path.join(dir, 'emmett.sqlite'));
  return {
    label: 'emmett',
    // Emmett's stream version is the number of events in the stream.
    append: async (stream, events, expectedRevision) => {
      await store.append(stream, events, expectedRevision + 1n);
    },
    close: () => Promise.resolve(),
  };
}

/** One append at a time, whatever the callers do: the workaround an Emmett SQLite application needs. */
function serialise(subject: Subject): Subject {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    ...subject,
    append: (stream, events, expectedRevision) => {
      const next = tail.then(() => subject.append(stream, events, expectedRevision));
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

async function sequential(subject: Subject, event: () => EventData, limits: LoopLimits): Promise<LoopResult> {
  const revisions = new Map<string, bigint>();
  return runWriters(1, limits, async (_, n) => {
    const stream = ARTICLE_EVENTS.streamName(`seq-${n % 100}`);
    const last = revisions.get(stream) ?? -1n;
    await subject.append(stream, [event()], last);
    revisions.set(stream, last + 1n);
  });
}

async function concurrent(subject: Subject, event: () => EventData, limits: LoopLimits): Promise<LoopResult> {
  const last = new Array<bigint>(CONCURRENT_WRITERS).fill(-1n);
  return runWriters(CONCURRENT_WRITERS, limits, async (writer) => {
    await subject.append(ARTICLE_EVENTS.streamName(`writer-${writer}`), [event()], last[writer]!);
    last[writer] = last[writer]! + 1n;
  });
}

async function batch(subject: Subject, event: () => EventData, limits: LoopLimits): Promise<LoopResult> {
  return runWriters(1, limits, async (_, n) => {
    await subject.append(ARTICLE_EVENTS.streamName(`batch-${n}`), Array.from({ length: BATCH }, event), -1n);
  });
}
