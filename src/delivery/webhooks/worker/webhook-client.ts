import { SIGNATURE_HEADER, signatureHeader } from '../signing.js';
import { parseRetryAfter } from '../../../platform/retry/backoff.js';

export interface WebhookRequest {
  readonly url: string;
  readonly secret: string;
  readonly body: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly deliveryId: string;
  readonly attempt: number;
}

export type WebhookOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  /** Worth another try: network error, timeout, 408, 429, 5xx. */
  | { readonly kind: 'retry'; readonly status: number | null; readonly error: string; readonly retryAfterMs?: number }
  /** Trying again will not help: any other 4xx, or a redirect. */
  | { readonly kind: 'failed'; readonly status: number; readonly error: string }
  /** This process is stopping; the attempt does not count and the delivery stays pending. */
  | { readonly kind: 'aborted' };

export const WEBHOOK_HEADERS = {
  eventId: 'Redaksi-Event-Id',
  eventType: 'Redaksi-Event-Type',
  deliveryId: 'Redaksi-Delivery-Id',
  attempt: 'Redaksi-Delivery-Attempt',
} as const;

/**
 * One signed POST. The timestamp is the attempt's, so every retry is signed afresh and falls
 * inside the receiver's replay window. Redirects are not followed: a signed request must not be
 * sent somewhere the admin did not register. The response body is not read, only the status.
 */
export async function postWebhook(
  request: WebhookRequest,
  timeoutMs: number,
  stop: AbortSignal,
  now: () => number = Date.now,
): Promise<WebhookOutcome> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const timestamp = Math.floor(now() / 1_000);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([timeout, stop]),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Redaksi-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(request.secret, timestamp, request.body),
        [WEBHOOK_HEADERS.eventId]: request.eventId,
        [WEBHOOK_HEADERS.eventType]: request.eventType,
        [WEBHOOK_HEADERS.deliveryId]: request.deliveryId,
        [WEBHOOK_HEADERS.attempt]: String(request.attempt),
      },
      body: request.body,
    });
    await response.body?.cancel().catch(() => undefined);
    return classify(response.status, response.headers.get('retry-after'), now());
  } catch (error) {
    if (stop.aborted) return { kind: 'aborted' };
    if (timeout.aborted) return { kind: 'retry', status: null, error: `no response within ${timeoutMs} ms` };
    return { kind: 'retry', status: null, error: describe(error) };
  }
}

export function classify(status: number, retryAfter: string | null, nowMs: number): WebhookOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
    return { kind: 'retry', status, error: `HTTP ${status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (status >= 300 && status < 400)
    return { kind: 'failed', status, error: `HTTP ${status}: redirects are not followed; register the final URL` };
  return { kind: 'failed', status, error: `HTTP ${status}` };
}

/**
 * fetch reports network failures as "fetch failed" with the real reason as the cause. Duck-typed:
 * the error may come from another realm (a test runner's), where instanceof Error is false.
 */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (typeof cause?.code === 'string') return typeof cause.message === 'string' ? `${cause.code}: ${cause.message}` : cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return typeof message === 'string' ? message : String(error);
}
