import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import type { ChainBreakCode, Integrity } from '../api/wire.js';
import { type ArticleRecord, type ExportCheck, fetchExport, MAX_EXPORT_BYTES, type ServerCheck } from '../article/load-article.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { ErrorNotice, Instant, Note } from '../ui/common.js';

type Verdict =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | { readonly ok: false; readonly brokenAt: number; readonly code: ChainBreakCode };

export function IntegrityPanel({
  api,
  record,
  onVerify,
}: {
  readonly api: ApiClient;
  readonly record: ArticleRecord;
  readonly onVerify: () => Promise<void>;
}) {
  const { t } = useI18n();
  const articleId = record.article.id;
  const [verifying, setVerifying] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [copied, setCopied] = useState(false);

  const server = serverVerdict(record.serverCheck);
  const browser = browserVerdict(record.exportCheck);
  const disagree = server !== undefined && browser !== undefined && JSON.stringify(server) !== JSON.stringify(browser);
  const head = server?.ok === true ? server.head : browser?.ok === true ? browser.head : undefined;
  const fileName = `article-${articleId}-history.ndjson`;

  const verify = async () => {
    setVerifying(true);
    setFailure(undefined);
    try {
      await onVerify();
    } catch (error) {
      setFailure(error);
    } finally {
      setVerifying(false);
    }
  };

  // Fetched with the token in its header and handed to the browser as a file: a plain link
  // would need the token in the URL.
  const download = async () => {
    setDownloading(true);
    setFailure(undefined);
    try {
      const text = await fetchExport(api, articleId);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setFailure(error);
    } finally {
      setDownloading(false);
    }
  };

  const copyHead = async () => {
    if (head === undefined) return;
    await navigator.clipboard.writeText(head);
    setCopied(true);
  };

  return (
    <section class="integrity" aria-labelledby="integrity-title">
      <h2 id="integrity-title">{t('integrityTitle')}</h2>
      <p>{t('integrityIntro')}</p>
      <p>
        <button type="button" onClick={() => void verify()} disabled={verifying}>
          {verifying ? t('verifying') : t('verifyNow')}
        </button>{' '}
        <span class="hint">
          {t('checkedAt')} <Instant iso={record.checkedAt} />
        </span>
      </p>
      <div class="integrity-results" role="status" aria-live="polite">
        <CheckResult
          title={t('serverCheck')}
          verdict={server}
          failure={record.serverCheck.kind === 'failed' ? record.serverCheck.error : undefined}
        />
        <CheckResult title={t('browserCheck')} verdict={browser} failure={exportProblem(record.exportCheck, t)} />
        {disagree ? (
          <p class="notice notice-error" role="alert">
            {t('checksDisagree')}
          </p>
        ) : null}
      </div>
      {head === undefined ? null : (
        <p class="head-line">
          <label for="head-hash">{t('headLabel')}</label>{' '}
          <input id="head-hash" class="hash-input" readOnly value={head} size={66} onFocus={(event) => event.currentTarget.select()} />{' '}
          {typeof navigator.clipboard?.writeText === 'function' ? (
            <button type="button" onClick={() => void copyHead()}>
              {copied ? t('copied') : t('copyHead')}
            </button>
          ) : null}
        </p>
      )}
      <Note>{t('noSignatures')}</Note>
      <h3>{t('downloadExport')}</h3>
      <p>
        <button type="button" onClick={() => void download()} disabled={downloading}>
          {downloading ? t('downloading') : t('downloadExport')}
        </button>
      </p>
      <p>{t('offlineHow')}</p>
      <pre class="command">
        <code>
          npm run audit:verify-export -- {fileName}
          {head === undefined ? '' : `\nnpm run audit:verify-export -- ${fileName} --expect-head ${head}`}
        </code>
      </pre>
      {failure === undefined ? null : <ErrorNotice error={failure} />}
    </section>
  );
}

function CheckResult({
  title,
  verdict,
  failure,
}: {
  readonly title: string;
  readonly verdict: Verdict | undefined;
  readonly failure: unknown;
}) {
  const { t } = useI18n();
  return (
    <div class={`check ${verdict === undefined ? 'check-unknown' : verdict.ok ? 'check-ok' : 'check-broken'}`}>
      <h3>{title}</h3>
      {verdict === undefined ? (
        typeof failure === 'string' ? (
          <p>{failure}</p>
        ) : (
          <ErrorNotice error={failure} />
        )
      ) : verdict.ok ? (
        <p>{t('intact', { events: verdict.events, head: `${verdict.head.slice(0, 16)}…` })}</p>
      ) : (
        <p>
          <strong>{t('brokenAtRevision', { revision: verdict.brokenAt, reason: t(`breakCode_${verdict.code}` as MessageKey) })}</strong>
        </p>
      )}
    </div>
  );
}

function serverVerdict(check: ServerCheck): Verdict | undefined {
  if (check.kind !== 'checked') return undefined;
  return verdictOf(check.integrity);
}

function verdictOf(integrity: Integrity): Verdict {
  return integrity.ok
    ? { ok: true, events: integrity.events, head: integrity.head }
    : { ok: false, brokenAt: integrity.brokenAt, code: integrity.code };
}

function browserVerdict(check: ExportCheck): Verdict | undefined {
  if (check.kind !== 'checked') return undefined;
  const { report } = check;
  return report.ok ? { ok: true, events: report.events, head: report.head } : { ok: false, brokenAt: report.brokenAt, code: report.code };
}

function exportProblem(check: ExportCheck, t: (key: MessageKey, params?: Record<string, string | number>) => string): unknown {
  switch (check.kind) {
    case 'checked':
      return undefined;
    case 'too_large':
      return t('exportTooLarge', { size: `${Math.round(Math.max(check.bytes, MAX_EXPORT_BYTES) / 1024 / 1024)} MiB` });
    case 'unreadable':
      return t('exportUnreadable', { line: check.line });
    case 'failed':
      return check.error;
  }
}
