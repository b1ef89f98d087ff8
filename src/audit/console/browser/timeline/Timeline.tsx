import { useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import type { Denial } from '../api/wire.js';
import { type ArticleRecord, type DenialsLoad, loadDenials } from '../article/load-article.js';
import { localTime } from '../i18n/dates.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { hrefOf } from '../router.js';
import { ErrorNotice, Hash, Instant, Note } from '../ui/common.js';
import { type ChainStanding, type TimelineDenial, type TimelineEvent, timelineRows } from './timeline-model.js';

type Order = 'newest' | 'oldest';

const CHAIN_WORDS: Readonly<Record<ChainStanding, MessageKey>> = {
  verified: 'chainVerified',
  broken: 'chainBroken',
  after_break: 'chainAfterBreak',
  unchecked: 'chainUnchecked',
};

export function Timeline({ api, record }: { readonly api: ApiClient; readonly record: ArticleRecord }) {
  const { t, language } = useI18n();
  const articleId = record.article.id;
  const [order, setOrder] = useState<Order>('newest');
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const [denials, setDenials] = useState<DenialsLoad>(record.denials);
  const [olderBusy, setOlderBusy] = useState(false);

  const rows = useMemo(() => {
    const all = timelineRows({
      history: record.history,
      ...(record.exportCheck.kind === 'checked'
        ? { lines: record.exportCheck.lines, browserChain: record.exportCheck.report.statuses }
        : {}),
      ...(record.serverCheck.kind === 'checked' ? { serverChain: record.serverCheck.integrity } : {}),
      denials: denials.kind === 'loaded' ? denials.items : [],
      formatTime: (iso) => localTime(iso, language),
    });
    return order === 'newest' ? all.reverse() : all;
  }, [record, denials, order, language]);

  const searchOlder = async () => {
    if (denials.kind !== 'loaded' || denials.next === null) return;
    setOlderBusy(true);
    const older = await loadDenials(api, articleId, denials.next);
    setOlderBusy(false);
    setDenials(older.kind === 'loaded' ? { kind: 'loaded', items: [...denials.items, ...older.items], next: older.next } : older);
  };

  const compare = (event: Event) => {
    event.preventDefault();
    if (from !== undefined && to !== undefined) location.hash = hrefOf({ view: 'diff', articleId, from, to });
  };

  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <div class="timeline-tools">
        <div role="group" aria-label={t('order')} class="segmented">
          {(['newest', 'oldest'] as const).map((option) => (
            <button key={option} type="button" aria-pressed={order === option} onClick={() => setOrder(option)}>
              {option === 'newest' ? t('orderNewest') : t('orderOldest')}
            </button>
          ))}
        </div>
        <form class="compare-form" onSubmit={compare}>
          <button type="submit" disabled={from === undefined || to === undefined || from === to}>
            {t('compareSelected')}
            {from !== undefined && to !== undefined ? ` (${from} → ${to})` : ''}
          </button>
          <span class="hint">{t('chooseTwo')}</span>
        </form>
      </div>
      {record.truncated ? <Note tone="warning">{t('historyTruncated', { count: record.history.length })}</Note> : null}
      <DenialsNote denials={denials} busy={olderBusy} onOlder={() => void searchOlder()} />
      <ol class="timeline-list" reversed={order === 'newest'}>
        {rows.map((row) =>
          row.kind === 'event' ? (
            <EventRow key={`e${row.revision}`} event={row} articleId={articleId} from={from} to={to} onFrom={setFrom} onTo={setTo} />
          ) : (
            <DenialRow key={`d${row.denial.revision}`} row={row} />
          ),
        )}
      </ol>
    </section>
  );
}

function DenialsNote({ denials, busy, onOlder }: { readonly denials: DenialsLoad; readonly busy: boolean; readonly onOlder: () => void }) {
  const { t } = useI18n();
  if (denials.kind === 'hidden') return <Note>{t('deniedNotVisible')}</Note>;
  if (denials.kind === 'failed') return <ErrorNotice error={denials.error} />;
  if (denials.next === null) return null;
  return (
    <Note tone="warning">
      {t('deniedMore')}{' '}
      <button type="button" onClick={onOlder} disabled={busy}>
        {busy ? t('loading') : t('deniedLoadMore')}
      </button>
    </Note>
  );
}

interface EventRowProps {
  readonly event: TimelineEvent;
  readonly articleId: string;
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly onFrom: (revision: number) => void;
  readonly onTo: (revision: number) => void;
}

function EventRow({ event, articleId, from, to, onFrom, onTo }: EventRowProps) {
  const { t, language } = useI18n();
  const { revision } = event;
  return (
    <li class={`event chain-${event.chain}`} data-revision={revision}>
      <article aria-labelledby={`event-${revision}`}>
        <header>
          <p class="event-revision">{t('revision', { revision })}</p>
          <h3 id={`event-${revision}`} class="event-summary" lang={language}>
            {event.summary[language]}
          </h3>
          <p class={`chain-badge chain-badge-${event.chain}`}>
            <span class="sr-only">{t('chain')}: </span>
            {t(CHAIN_WORDS[event.chain])}
          </p>
        </header>
        <dl class="event-facts">
          <div>
            <dt>{t('who')}</dt>
            <dd>{event.actor === null ? '—' : `${event.actor.displayName} (${event.actor.roles.join(', ') || event.actor.id})`}</dd>
          </div>
          <div>
            <dt>{t('when')}</dt>
            <dd>
              <Instant iso={event.occurredAt} />
            </dd>
          </div>
          <div>
            <dt>{t('correlation')}</dt>
            <dd>
              <code>{event.correlationId ?? '—'}</code>
            </dd>
          </div>
          <div>
            <dt>Hash</dt>
            <dd>
              <Hash value={event.hash} />
            </dd>
          </div>
        </dl>
        <div class="event-actions">
          <a href={hrefOf({ view: 'as-of', articleId, revision })}>{t('viewAsOf')}</a>
          {revision > 0 ? (
            <a href={hrefOf({ view: 'diff', articleId, from: revision - 1, to: revision })}>{t('compareWithPrevious')}</a>
          ) : null}
          <label>
            <input type="radio" name="compare-from" checked={from === revision} onChange={() => onFrom(revision)} />
            {t('compareFrom')} {t('revisionShort', { revision })}
          </label>
          <label>
            <input type="radio" name="compare-to" checked={to === revision} onChange={() => onTo(revision)} />
            {t('compareTo')} {t('revisionShort', { revision })}
          </label>
        </div>
      </article>
    </li>
  );
}

function DenialRow({ row }: { readonly row: TimelineDenial }) {
  const { t } = useI18n();
  const denial: Denial = row.denial;
  return (
    <li class="event denial">
      <article aria-label={`${t('denied')}: ${denial.commandType}`}>
        <header>
          <p class="denied-badge">{t('denied')}</p>
          <h3 class="event-summary">
            {t('deniedAttempt', { name: denial.actor.displayName, command: denial.commandType, code: denial.code, reason: denial.reason })}
          </h3>
        </header>
        <dl class="event-facts">
          <div>
            <dt>{t('who')}</dt>
            <dd>
              {denial.actor.displayName} ({denial.actor.roles.join(', ') || denial.actor.id})
            </dd>
          </div>
          <div>
            <dt>{t('when')}</dt>
            <dd>
              <Instant iso={denial.at} />
            </dd>
          </div>
          <div>
            <dt>{t('correlation')}</dt>
            <dd>
              <code>{denial.correlationId ?? '—'}</code>
            </dd>
          </div>
        </dl>
      </article>
    </li>
  );
}
