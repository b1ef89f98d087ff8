import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { sampleArticleContent, sampleRevisedContent } from '../../src/articles/model/testing/sample-article.js';
import type { Position, RecordedEvent } from '../../src/platform/event-store/event-store.port.js';
import type { Who } from '../../test/support/test-app.js';
import { type DrillTarget, eventsAfter, headOf, metadataOf } from './target.js';

export interface FuzzDrillOptions {
  readonly runs: number;
  readonly seed?: number;
  /** Stop sending after this long (the requests sent so far count). */
  readonly timeLimitMs?: number;
  readonly log?: (line: string) => void;
  /** Operations left out, e.g. ones with a known, reported problem (say why where this is used). */
  readonly exclude?: (operation: { readonly method: string; readonly template: string }) => boolean;
}

export interface FuzzDrillReport {
  readonly seed: number;
  readonly requests: number;
  readonly operations: readonly string[];
  readonly byStatus: Readonly<Record<string, number>>;
  /** Empty when the properties held; otherwise each kind of failure once, with a count and an example. */
  readonly problems: readonly string[];
}

/** A request the drill sends as bytes, so that anything can be in it. */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
  /** What the body is, for the report. */
  readonly describe: string;
}

interface Operation {
  readonly method: string;
  readonly template: string; // e.g. /v1/articles/{id}/verify
}

/**
 * Events a rejected request may still write: the audit trail of refused attempts (403s are
 * recorded for auditors by design).
 */
const AUDIT_TRAIL_OF_REFUSALS = (event: RecordedEvent, status: number) => status === 403 && event.streamId === 'audit-denials';

/**
 * Property-based requests (fast-check generators, a seed for the sequence) against every operation in the app's OpenAPI document: random and
 * mutated bodies, raw bytes, compressed and broken encodings, odd paths and headers, every
 * role's token and none. Properties: the app never answers 5xx (nor fails to answer); a request
 * it rejects (4xx) writes no event, except the audit record of a refusal.
 */
export async function runFuzzDrill(target: DrillTarget, options: FuzzDrillOptions): Promise<FuzzDrillReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? Date.now() % 2_147_483_647;
  const operations = (await discoverOperations(target)).filter((operation) => !(options.exclude?.(operation) ?? false));
  const fixtures = await createFixtures(target);
  log(`${operations.length} operations, fixtures ${JSON.stringify(fixtures)}, seed ${seed}`);
  const byStatus: Record<string, number> = {};
  let requests = 0;

  // Every generated request is checked, and every kind of failure is reported once with its
  // first example and a count, rather than stopping at the first one: a drill should show all
  // that is wrong. The seed reproduces the sequence.
  const found = new Map<string, { count: number; example: string }>();
  const started = Date.now();
  for (const raw of fc.sample(requestArbitrary(operations, fixtures, target.tokens), { numRuns: options.runs, seed })) {
    if (options.timeLimitMs !== undefined && Date.now() - started > options.timeLimitMs) break;
    const before = await headOf(target.store);
    const response = await send(target.baseUrl, raw);
    if (response.status === NOT_SENT) continue;
    requests += 1;
    byStatus[String(response.status)] = (byStatus[String(response.status)] ?? 0) + 1;
    const problem = await judge(target, raw, response, before);
    if (problem === undefined) continue;
    const seen = found.get(problem.kind);
    if (seen) seen.count += 1;
    else found.set(problem.kind, { count: 1, example: problem.example });
  }
  const problems = [...found].map(([kind, { count, example }]) => `${kind} (${count}×), e.g. ${example}`);
  log(`${requests} requests, ${problems.length} kinds of problem (seed ${seed})`);
  return { seed, requests, operations: operations.map((o) => `${o.method} ${o.template}`), byStatus, problems };
}

/** What is wrong with an answer, as a kind (operation and failure) and an example; undefined when nothing is. */
async function judge(
  target: DrillTarget,
  raw: RawRequest & { readonly operation: string },
  response: RawResponse,
  before: Position | undefined,
): Promise<{ kind: string; example: string } | undefined> {
  if (response.status >= 500 || response.status === 0) {
    const what = response.status === 0 ? 'no answer' : `${response.status}`;
    return { kind: `${raw.operation} → ${what}`, example: `${describe(raw)} → ${what} ${response.body.slice(0, 200)}` };
  }
  if (response.status < 400) return undefined;
  const written = (await eventsAfter(target.store, before)).filter(
    (event) => !isBackground(event) && !AUDIT_TRAIL_OF_REFUSALS(event, response.status),
  );
  if (written.length === 0) return undefined;
  const events = [...new Set(written.map((e) => `${e.type} to ${e.streamId.split('-')[0]!}-…`))].join(', ');
  return {
    kind: `${raw.operation} → ${response.status}, yet wrote ${events}`,
    example: `${describe(raw)} → ${response.status}, wrote ${written.map((e) => `${e.type} to ${e.streamId}`).join(', ')}`,
  };
}

/** Scheduler publications and other work the app does on its own are not any request's doing. */
function isBackground(event: RecordedEvent): boolean {
  const actor = metadataOf(event).actor as { id?: unknown } | undefined;
  return typeof actor?.id === 'string' && actor.id.startsWith('system');
}

async function discoverOperations(target: DrillTarget): Promise<Operation[]> {
  const response = await fetch(`${target.baseUrl}/docs-json`, { headers: { Authorization: `Bearer ${target.tokens.admin}` } });
  if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.keys(item)
      .filter((method) => methods.includes(method))
      .map((method) => ({ method: method.toUpperCase(), template })),
  );
}

interface Fixtures {
  readonly articleIds: readonly string[];
  readonly slugs: readonly string[];
}

/** Articles in several states, so that path parameters can name real ones. */
async function createFixtures(target: DrillTarget): Promise<Fixtures> {
  const call = async (who: Who, method: string, path: string, body: unknown = {}) => {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${target.tokens[who]}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`fixture ${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { id: string; live?: { slug?: string } | null };
  };
  const ids: string[] = [];
  const slugs: string[] = [];
  for (const stage of ['draft', 'in_review', 'verified', 'published'] as const) {
    const { id } = await call('writer', 'POST', '/v1/articles', {
      ...sampleArticleContent,
      headline: `${sampleArticleContent.headline} (${stage})`,
    });
    ids.push(id);
    if (stage === 'draft') continue;
    await call('writer', 'POST', `/v1/articles/${id}/submit`);
    if (stage === 'in_review') continue;
    await call('editor2', 'POST', `/v1/articles/${id}/verify`, { checklist: { sourcesChecked: true, quotesAttributed: true } });
    if (stage === 'verified') continue;
    const published = await call('editor', 'POST', `/v1/articles/${id}/publish`);
    if (published.live?.slug) slugs.push(published.live.slug);
  }
  return { articleIds: ids, slugs };
}

const WEIRD_SEGMENTS = [
  '..',
  '%2e%2e',
  '%00',
  '%ZZ',
  '%F0%9F%93%B0',
  'null',
  'undefined',
  '0',
  '-1',
  '9'.repeat(40),
  'a'.repeat(2_000),
  '%E2%80%AE',
  ' ',
];
const QUERY_KEYS = ['cursor', 'limit', 'after', 'waitFor', 'status', 'author', 'topic', 'at', 'revision', 'from', 'to', 'format'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  '*/*',
  'json',
];

function requestArbitrary(
  operations: readonly Operation[],
  fixtures: Fixtures,
  tokens: Record<Who, string>,
): fc.Arbitrary<RawRequest & { readonly operation: string }> {
  const roles = Object.keys(tokens) as Who[];
  const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
  const pathValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fixtures.articleIds, ...fixtures.slugs) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...WEIRD_SEGMENTS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => encodeURIComponent(s)) },
  );
  const authorization = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...roles).map((who) => `Bearer ${tokens[who]}`) },
    { weight: 1, arbitrary: printable.map((s) => `Bearer ${s}`) },
    { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Basic YWRtaW46YWRtaW4=', `bearer ${tokens.admin}`, `Bearer  ${tokens.editor}`) },
  );
  const required = fc.record({
    authorization: fc.oneof({ weight: 12, arbitrary: authorization }, { weight: 1, arbitrary: fc.constant(undefined) }),
    'content-type': fc.oneof(
      { weight: 16, arbitrary: fc.constant('application/json') },
      { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      { weight: 1, arbitrary: printable },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
  });
  const optional = fc.record(
    {
      'if-match': fc.oneof(fc.constantFrom('"0"', '"1"', '"2"', '*', 'W/"1"', '"99999999999999999999"', '"-1"'), printable),
      'idempotency-key': fc.oneof(printable, fc.constant('k'.repeat(300))),
      'x-correlation-id': printable,
      accept: fc.constantFrom('application/json', 'text/event-stream', 'text/html', '*/*', 'application/xml'),
      'accept-encoding': fc.constantFrom('gzip', 'br', 'identity', '*'),
    },
    { requiredKeys: [] },
  );
  const headers = fc.tuple(required, fc.option(optional, { freq: 2, nil: {} })).map(([r, o]) => {
    const all: Record<string, string> = { ...o };
    for (const [name, value] of Object.entries(r)) if (value !== undefined) all[name] = value;
    return all;
  });
  const query = fc.option(
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), printable), fc.oneof(printable, fc.integer().map(String))), {
      maxLength: 4,
    }),
    { nil: undefined },
  );
  return fc
    .record({
      operation: fc.constantFrom(...operations),
      otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), { freq: 8, nil: undefined }),
      values: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
      query,
      headers,
      body: bodyArbitrary(fixtures),
    })
    .map(({ operation, otherMethod, values, query: pairs, headers: h, body }) => {
      let i = 0;
      const path = operation.template.replace(/\{[^}]+\}/g, () => values[i++ % values.length]!);
      const search = pairs === undefined ? '' : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
      const method = otherMethod ?? operation.method;
      const finalHeaders: Record<string, string> = { ...h, ...body.headers };
      return {
        operation: `${operation.method} ${operation.template}`,
        method,
        path: `${path}${search}`,
        headers: finalHeaders,
        body: body.bytes(operation.template),
        describe: body.describe,
      };
    });
}

interface BodyChoice {
  readonly describe: string;
  readonly headers: Record<string, string>;
  bytes(template: string): Buffer | undefined;
}

/** A plausible body for an operation, so that mutations reach validation and the domain. */
function validBodyFor(template: string, fixtures: Fixtures): Record<string, unknown> {
  if (template.endsWith('/content') || template === '/v1/articles') return { ...sampleRevisedContent };
  if (template.endsWith('/request-changes')) return { notes: 'Tolong lengkapi sumber.' };
  if (template.endsWith('/verify')) return { checklist: { sourcesChecked: true, quotesAttributed: true }, notes: 'Cek.' };
  if (template.endsWith('/schedule')) return { publishAt: '2031-01-01T06:00:00+07:00' };
  if (template.endsWith('/correct')) return { note: 'Koreksi angka pompa.' };
  if (template.endsWith('/unpublish')) return { mode: 'withdraw', reason: 'Permintaan narasumber', notice: 'Artikel ditarik.' };
  if (template.endsWith('/related')) return { relatedArticleId: fixtures.articleIds[0], afterBlock: 1 };
  return {};
}

function bodyArbitrary(fixtures: Fixtures): fc.Arbitrary<BodyChoice> {
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value) ?? 'null');
  const mutation = fc.record({
    key: fc.oneof(
      fc.constantFrom(
        'headline',
        'dek',
        'body',
        'sources',
        'topics',
        'language',
        'notes',
        'checklist',
        'publishAt',
        'mode',
        'relatedArticleId',
        'afterBlock',
        'note',
        'reason',
        '__proto__',
        'constructor',
      ),
      fc.string({ maxLength: 8 }),
    ),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), fc.string({ unit: 'grapheme', maxLength: 300 })),
  });
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(mutation, { maxLength: 3 }).map((mutations): BodyChoice => ({
        describe: `valid body with ${mutations.map((m) => m.key).join(', ') || 'no'} changes`,
        headers: {},
        bytes: (template) => {
          const body: Record<string, unknown> = validBodyFor(template, fixtures);
          for (const { key, value } of mutations) {
            if (value === undefined) delete body[key];
            else Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
          }
          return json(body);
        },
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .jsonValue({ maxDepth: 4 })
        .map((value): BodyChoice => ({ describe: 'random JSON', headers: {}, bytes: () => json(value) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 200 })
        .map((bytes): BodyChoice => ({ describe: 'random bytes', headers: {}, bytes: () => Buffer.from(bytes) })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<BodyChoice>(
        { describe: 'no body', headers: {}, bytes: () => undefined },
        { describe: 'empty body', headers: {}, bytes: () => Buffer.alloc(0) },
        { describe: 'truncated JSON', headers: {}, bytes: (t) => json(validBodyFor(t, fixtures)).subarray(0, 25) },
        { describe: 'deeply nested JSON', headers: {}, bytes: () => Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) },
        {
          describe: 'invalid UTF-8 in a string',
          headers: {},
          bytes: () => Buffer.concat([Buffer.from('{"headline":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
        },
        {
          describe: 'UTF-16 JSON',
          headers: { 'content-type': 'application/json; charset=utf-16le' },
          bytes: (t) => Buffer.from(JSON.stringify(validBodyFor(t, fixtures)), 'utf16le'),
        },
        {
          describe: 'gzip body, declared',
          headers: { 'content-encoding': 'gzip' },
          bytes: (t) => gzipSync(json(validBodyFor(t, fixtures))),
        },
        { describe: 'gzip header, plain body', headers: { 'content-encoding': 'gzip' }, bytes: (t) => json(validBodyFor(t, fixtures)) },
        {
          describe: 'unknown content-encoding',
          headers: { 'content-encoding': 'x-snappy' },
          bytes: (t) => json(validBodyFor(t, fixtures)),
        },
        { describe: 'body over 1 MiB', headers: {}, bytes: () => json({ ...sampleArticleContent, dek: 'x'.repeat(1_100_000) }) },
        {
          describe: 'JSON with a BOM',
          headers: {},
          bytes: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json(validBodyFor(t, fixtures))]),
        },
        { describe: 'duplicate keys', headers: {}, bytes: () => Buffer.from('{"headline":"a","headline":{"x":1}}') },
      ),
    },
  );
}

/** Node's client refused to put the request on the wire: nothing to learn about the server. */
const NOT_SENT = -1;

interface RawResponse {
  readonly status: number;
  readonly body: string;
}

/** Sends the request as given; a server that never answers counts as status 0. */
export function send(baseUrl: string, raw: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response: RawResponse) => {
      if (settled) return;
      settled = true;
      resolve(response);
    };
    const headers: Record<string, string> = { ...raw.headers };
    if (raw.body !== undefined) headers['content-length'] = String(raw.body.length);
    let req: ReturnType<typeof httpRequest>;
    try {
      req = httpRequest({ host: url.hostname, port: url.port, method: raw.method, path: raw.path, headers, timeout: timeoutMs });
    } catch (error) {
      // Node refused to send it (e.g. a header it will not put on the wire): nothing reached the server.
      finish({ status: NOT_SENT, body: `not sent: ${(error as Error).message}` });
      return;
    }
    req.on('response', (res) => {
      // A stream (SSE) answers with headers and keeps going: its status is the answer.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        finish({ status: res.statusCode ?? 0, body: '' });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => {
      finish({ status: 0, body: `no answer within ${timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (error) => finish({ status: 0, body: `connection error: ${error.message}` }));
    req.end(raw.body);
  });
}

function describe(raw: RawRequest): string {
  const headers = Object.entries(raw.headers)
    .filter(([name]) => name !== 'authorization')
    .map(([name, value]) => `${name}: ${value.slice(0, 60)}`)
    .join('; ');
  return `${raw.method} ${raw.path.slice(0, 200)} [${raw.describe}] {${headers}}`;
}
