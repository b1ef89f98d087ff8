import type { ComponentChildren } from 'preact';
import { localTime, utcTime } from '../i18n/dates.js';
import { describeError } from '../i18n/errors.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-en.js';

/** A failure in words, announced to screen readers, with a way to try again where that helps. */
export function ErrorNotice({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <p>{describeError(error, t)}</p>
      {onRetry === undefined ? null : (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}

export function Note({ children, tone = 'info' }: { readonly children: ComponentChildren; readonly tone?: 'info' | 'warning' | 'ok' }) {
  return <div class={`notice notice-${tone}`}>{children}</div>;
}

/** An instant in the viewer's zone and in UTC, machine-readable too. */
export function Instant({ iso }: { readonly iso: string }) {
  const { language, t } = useI18n();
  return (
    <span class="instant">
      <time dateTime={iso}>{localTime(iso, language)}</time>{' '}
      <span class="utc">
        ({utcTime(iso)} {t('utc')})
      </span>
    </span>
  );
}

const STATUSES = ['draft', 'in_review', 'verified', 'scheduled', 'published', 'unpublished'] as const;

/** A workflow status in the viewer's language; a status this console does not know, as the API says it. */
export function useStatusWord(): (status: string) => string {
  const { t } = useI18n();
  return (status) => ((STATUSES as readonly string[]).includes(status) ? t(`status_${status}` as MessageKey) : status);
}

export function StatusLabel({ status }: { readonly status: string }) {
  const word = useStatusWord();
  return <span class={`status status-${status}`}>{word(status)}</span>;
}

/** A hash shortened for reading; the whole value stays selectable in the text. */
export function Hash({ value }: { readonly value: string | null }) {
  if (value === null) return <span>—</span>;
  return (
    <code class="hash">
      {value.slice(0, 12)}
      <span class="hash-rest">{value.slice(12)}</span>
    </code>
  );
}
