import { ApiError } from '../api/client.js';
import type { Translate } from './i18n.js';

/** Any failure, in words a newsroom reads: never a blank page, never a bare status code. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errorPage', { message: error instanceof Error ? error.message : String(error) });
  const detail = error.problem?.detail ?? '';
  switch (error.kind) {
    case 'network':
      return t('errorNetwork');
    case 'unauthorized':
      return t('errorUnauthorized');
    case 'forbidden':
      return t('errorForbidden', { detail }).trim();
    case 'not_found':
      return t('errorNotFound', { detail }).trim();
    case 'gone':
      return t('errorGone', { detail }).trim();
    case 'invalid':
      return t('errorInvalid', { detail }).trim();
    case 'unavailable':
      return t('errorUnavailable', { seconds: error.problem?.retryAfter ?? '5' });
    case 'too_large':
      return t('errorTooLarge');
    case 'server':
      return t('errorServer', { status: error.status ?? '?', correlationId: error.problem?.correlationId ?? '—' });
    case 'unexpected_answer':
      return t('errorUnexpected');
  }
}
