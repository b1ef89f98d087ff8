import type { Problem } from './wire.js';

export type ApiErrorKind =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'gone'
  | 'invalid'
  | 'unavailable'
  | 'too_large'
  | 'server'
  | 'unexpected_answer';

/** Why a call failed, precise enough to say it in words (i18n/errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly path: string,
    readonly status?: number,
    readonly problem?: Problem,
  ) {
    super(
      `${kind}${status === undefined ? '' : ` (HTTP ${status})`} for ${path}${problem?.detail === undefined ? '' : `: ${problem.detail}`}`,
    );
    this.name = 'ApiError';
  }
}

export interface TextOptions {
  /** Refuse an answer larger than this, before reading it all. */
  readonly maxBytes: number;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

/**
 * Calls this server's API with the bearer token the user pasted. The token goes only into the
 * Authorization header: never a URL, never a cookie (credentials are omitted, so no cookie is
 * sent either way), never the referrer.
 */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  async json<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await this.send(path, 'application/json', signal);
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError('unexpected_answer', path, response.status);
    }
  }

  async text(path: string, { maxBytes, accept = '*/*', signal }: TextOptions): Promise<string> {
    const response = await this.send(path, accept, signal);
    const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
    if (declared > maxBytes) throw new ApiError('too_large', path, response.status, { detail: String(declared) });
    const reader = response.body?.getReader();
    if (reader === undefined) return response.text();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new ApiError('too_large', path, response.status, { detail: String(size) });
      }
      chunks.push(value);
    }
    return new TextDecoder().decode(concat(chunks, size));
  }

  private async send(path: string, accept: string, signal: AbortSignal | undefined): Promise<Response> {
    let response: Response;
    try {
      // Asserted rather than checked: the specs compile this file with Node's fetch types, which lack `cache`.
      const init = {
        headers: { Authorization: `Bearer ${this.token}`, Accept: accept },
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        ...(signal === undefined ? {} : { signal }),
      } as RequestInit;
      response = await fetch(path, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError('network', path);
    }
    if (response.ok) return response;
    const problem = await problemOf(response);
    const kind = kindOf(response.status);
    if (kind === 'unauthorized') this.onUnauthorized();
    throw new ApiError(kind, path, response.status, problem);
  }
}

function kindOf(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 410) return 'gone';
  if (status === 413) return 'too_large';
  if (status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'invalid';
  return 'server';
}

async function problemOf(response: Response): Promise<Problem> {
  const retryAfter = response.headers.get('Retry-After') ?? undefined;
  const correlationId = response.headers.get('X-Correlation-Id') ?? undefined;
  let body: Problem = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed;
  } catch {
    // Not JSON (a proxy's error page, say): the status alone has to do.
  }
  return {
    ...body,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(body.correlationId === undefined && correlationId !== undefined ? { correlationId } : {}),
  };
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
