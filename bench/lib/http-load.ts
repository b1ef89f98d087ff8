import autocannon from 'autocannon';
import { perSecond } from './latency.js';

/** What one autocannon run measured, in the units BENCHMARKS.md reports. */
export interface LoadSummary {
  readonly connections: number;
  readonly seconds: number;
  /** 2xx answers per second: refused or failed requests do not count as work done. */
  readonly perSecond: number;
  /** Latency of the 2xx answers (autocannon leaves the others out of its histogram). */
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly ok: number;
  readonly non2xx: number;
  /** Connection errors and timeouts (autocannon counts timeouts among its errors). */
  readonly errors: number;
  readonly timeouts: number;
  /** The errors by kind (the error's code or message, e.g. "request timed out" after 10 s). */
  readonly errorKinds: Readonly<Record<string, number>>;
  /** Mean response size (headers and body), from autocannon's byte count. */
  readonly responseBytes: number;
  /** The first few answers that were not 2xx, status and start of the body, to say why. */
  readonly refusals: readonly string[];
  /** PUT loads: documents lent to a request that got no answer (in flight when the run ended, or failed). */
  readonly unanswered: number;
}

/** Runs autocannon to its end, counting its request errors by kind. */
async function run(options: autocannon.Options): Promise<{ result: autocannon.Result; errorKinds: Record<string, number> }> {
  const errorKinds: Record<string, number> = {};
  // With a callback autocannon returns its instance, whose events name each request error.
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) =>
      error === null || error === undefined ? resolve(done) : reject(toError(error)),
    );
    instance.on('reqError', (error: unknown) => {
      const kind = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    });
  });
  return { result, errorKinds };
}

export function summariseLoad(
  result: autocannon.Result,
  errorKinds: Readonly<Record<string, number>>,
  refusals: readonly string[],
  unanswered = 0,
): LoadSummary {
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    connections: result.connections,
    seconds: result.duration,
    perSecond: perSecond(result['2xx'], result.duration * 1000),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    errorKinds,
    responseBytes: answered > 0 ? Math.round(result.throughput.total / answered) : 0,
    refusals,
    unanswered,
  };
}

/** A document (an article) the load writes to, with the ETag of its last write. */
export interface PooledDocument {
  readonly id: string;
  etag: string;
  /** Writes acknowledged so far: picks the next body, so that every write is a real change. */
  writes: number;
}

/**
 * Documents lent to one request at a time: a request takes one, its answer gives it back with
 * the new ETag. So no two requests in flight touch the same document and every If-Match names
 * the revision the previous answer returned. A document whose request got no answer (in flight
 * when a run ended, or its connection failed) stays out until reclaim() reads where it stands.
 */
export class DocumentPool {
  private readonly free: PooledDocument[];
  private readonly out = new Set<PooledDocument>();

  constructor(documents: readonly { id: string; etag: string }[]) {
    this.free = documents.map((d) => ({ id: d.id, etag: d.etag, writes: 0 }));
  }

  get available(): number {
    return this.free.length;
  }

  take(): PooledDocument {
    const document = this.free.shift();
    if (document === undefined) throw new Error('The document pool is empty: give the load more documents than connections');
    this.out.add(document);
    return document;
  }

  giveBack(document: PooledDocument): void {
    if (!this.out.delete(document)) throw new Error(`Document ${document.id} was given back without being lent`);
    this.free.push(document);
  }

  /**
   * Gives back every document still out, with the ETag `currentEtag` reads for it. Call it only
   * once the server is idle, so that no unanswered request can still change a document. Its
   * write count moves on either way, so that the next body differs from whichever one it holds.
   */
  async reclaim(currentEtag: (id: string) => Promise<string>): Promise<number> {
    const out = [...this.out];
    for (const document of out) {
      document.etag = await currentEtag(document.id);
      document.writes += 1;
      this.giveBack(document);
    }
    return out.length;
  }
}

export interface PutLoadOptions {
  readonly baseUrl: string;
  readonly path: (id: string) => string;
  readonly pool: DocumentPool;
  /** Prepared bodies; a document's n-th write sends bodies[n % length], so consecutive writes differ. */
  readonly bodies: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  /** Send If-Match with the document's last ETag (Redaksi's commands); the peer ignores it. */
  readonly ifMatch: boolean;
}

/** `PUT`s over a pool of documents, one request in flight per document (see DocumentPool). */
export function putLoad(options: PutLoadOptions): (seconds: number, connections: number) => Promise<LoadSummary> {
  if (options.bodies.length < 2) throw new Error('A PUT load needs at least two bodies, so that consecutive writes differ');
  return async (seconds, connections) => {
    if (options.pool.available < connections) {
      throw new Error(
        `${connections} connections need as many documents; the pool has ${options.pool.available} (reclaim() after each run)`,
      );
    }
    const refusals: string[] = [];
    let lent = 0;
    let answered = 0;
    type Context = { document?: PooledDocument };
    const { result, errorKinds } = await run({
      url: options.baseUrl,
      connections,
      duration: seconds,
      headers: { ...options.headers, 'content-type': 'application/json' },
      requests: [
        {
          method: 'PUT',
          // autocannon gives each request a fresh context and hands the same one to its onResponse.
          setupRequest: (request, context: Context) => {
            const document = options.pool.take();
            lent += 1;
            context.document = document;
            return {
              ...request,
              path: options.path(document.id),
              headers: { ...request.headers, ...(options.ifMatch ? { 'if-match': document.etag } : {}) },
              body: options.bodies[document.writes % options.bodies.length]!,
            };
          },
          onResponse: (status, body, context: Context, headers) => {
            const document = context.document;
            if (document === undefined) return;
            answered += 1;
            if (status >= 200 && status < 300) {
              const etag = header(headers, 'etag');
              if (etag !== undefined) document.etag = etag;
              document.writes += 1;
              options.pool.giveBack(document);
              return;
            }
            if (refusals.length < 5) refusals.push(`${status} ${body.slice(0, 200)}`);
            // A refusal (4xx) wrote nothing, by the API's contract; after a 5xx the state is unknown
            // and the document waits for reclaim().
            if (status < 500) options.pool.giveBack(document);
          },
        },
      ],
    });
    return summariseLoad(result, errorKinds, refusals, lent - answered);
  };
}

/** `GET`s round-robin over `paths`. */
export function getLoad(
  baseUrl: string,
  paths: readonly string[],
  headers: Readonly<Record<string, string>> = {},
): (seconds: number, connections: number) => Promise<LoadSummary> {
  if (paths.length === 0) throw new Error('A GET load needs at least one path');
  let next = 0;
  return async (seconds, connections) => {
    const refusals: string[] = [];
    const { result, errorKinds } = await run({
      url: baseUrl,
      connections,
      duration: seconds,
      headers: { ...headers },
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
          onResponse: (status, body) => {
            if ((status < 200 || status >= 300) && refusals.length < 5) refusals.push(`${status} ${body.slice(0, 200)}`);
          },
        },
      ],
    });
    return summariseLoad(result, errorKinds, refusals);
  };
}

function header(headers: Readonly<Record<string, string | string[] | undefined>> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** The ETag a GET answers now: where an article stands after requests whose answers were lost. */
export async function currentEtag(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  const etag = response.headers.get('etag');
  if (!response.ok || etag === null) throw new Error(`GET ${url} answered ${response.status} without an ETag`);
  return etag;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
