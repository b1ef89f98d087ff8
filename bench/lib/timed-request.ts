import { Agent, request } from 'node:http';

/** What one request got back and how long it took, as the stall benchmark reports it. */
export interface TimedAnswer {
  readonly label: string;
  /** null: no answer (timeout or connection failure, see `failure`). */
  readonly status: number | null;
  readonly contentType: string;
  readonly bytes: number;
  readonly ms: number;
  /** The `type` of a problem+json answer. */
  readonly problemType?: string;
  readonly failure?: string;
}

export interface TimedRequest {
  readonly label: string;
  readonly method: 'GET' | 'PUT';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly agent?: Agent;
}

/** Sends one request and reads the whole answer; never rejects (a failure is in the answer). */
export function timedRequest(spec: TimedRequest): Promise<TimedAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  return new Promise((resolve) => {
    const req = request(
      spec.url,
      {
        method: spec.method,
        headers: {
          ...spec.headers,
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) }),
        },
        ...(spec.agent === undefined ? {} : { agent: spec.agent }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) =>
          resolve({
            label: spec.label,
            status: response.statusCode ?? null,
            contentType: '',
            bytes: 0,
            ms: elapsed(),
            failure: error.message,
          }),
        );
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const contentType = response.headers['content-type'] ?? '';
          resolve({
            label: spec.label,
            status: response.statusCode ?? null,
            contentType,
            bytes: body.length,
            ms: elapsed(),
            ...problemType(contentType, body),
          });
        });
      },
    );
    req.setTimeout(spec.timeoutMs, () => req.destroy(new Error(`no answer within ${spec.timeoutMs} ms`)));
    req.on('error', (error) =>
      resolve({ label: spec.label, status: null, contentType: '', bytes: 0, ms: elapsed(), failure: error.message }),
    );
    req.end(spec.body);
  });
}

function problemType(contentType: string, body: Buffer): { problemType?: string } {
  if (!contentType.includes('problem+json')) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { type?: unknown };
    return typeof parsed.type === 'string' ? { problemType: parsed.type } : {};
  } catch {
    return { problemType: '(not JSON)' };
  }
}

/** One latency sample of a probe: when it was answered (ms since the probe started) and how long it took. */
export interface ProbeSample {
  readonly at: number;
  readonly ms: number;
  readonly status: number | null;
}

/**
 * GETs `url` one request after another on one kept-alive connection until stopped: how long
 * a cheap request waits while the server is busy with something else.
 */
export function probe(url: string, timeoutMs: number): { samples: ProbeSample[]; stop(): Promise<void> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: ProbeSample[] = [];
  const started = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const answer = await timedRequest({ label: 'probe', method: 'GET', url, timeoutMs, agent });
      samples.push({ at: Math.round(performance.now() - started), ms: answer.ms, status: answer.status });
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
    },
  };
}
