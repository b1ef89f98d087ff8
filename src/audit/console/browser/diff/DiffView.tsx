import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import type { ArticleDiff, RelatedLink, ValueChange } from '../api/wire.js';
import type { ArticleRecord } from '../article/load-article.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import { ErrorNotice, Loading, Note, useStatusWord } from '../ui/common.js';
import { ContentDiffTable } from './ContentDiffTable.js';

export function DiffView({
  api,
  record,
  from,
  to,
}: {
  readonly api: ApiClient;
  readonly record: ArticleRecord;
  readonly from: number | undefined;
  readonly to: number | undefined;
}) {
  const { t } = useI18n();
  const articleId = record.article.id;
  const latest = record.latestRevision;
  const shownFrom = from ?? Math.max(0, latest - 1);
  const shownTo = to ?? latest;
  const [pickFrom, setPickFrom] = useState(shownFrom);
  const [pickTo, setPickTo] = useState(shownTo);
  const [diff, setDiff] = useState<ArticleDiff | undefined>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setPickFrom(shownFrom);
    setPickTo(shownTo);
    const controller = new AbortController();
    setDiff(undefined);
    setError(undefined);
    api
      .json<ArticleDiff>(`/v1/articles/${articleId}/diff?from=${shownFrom}&to=${shownTo}`, controller.signal)
      .then(setDiff, (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [api, articleId, shownFrom, shownTo]);

  const revisions = Array.from({ length: latest + 1 }, (_, n) => n);
  const pick = (event: Event) => {
    event.preventDefault();
    location.hash = hrefOf({ view: 'diff', articleId, from: pickFrom, to: pickTo });
  };

  return (
    <section class="diff" aria-labelledby="diff-title">
      <h2 id="diff-title">{t('diffTitle', { from: shownFrom, to: shownTo })}</h2>
      <form class="inline-form" onSubmit={pick}>
        <label for="diff-from">{t('diffPick')}</label>
        <select id="diff-from" value={pickFrom} onChange={(event) => setPickFrom(Number(event.currentTarget.value))}>
          {revisions.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <label for="diff-to">{t('diffAnd')}</label>
        <select id="diff-to" value={pickTo} onChange={(event) => setPickTo(Number(event.currentTarget.value))}>
          {revisions.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="submit">{t('diffShow')}</button>
      </form>
      {error !== undefined ? <ErrorNotice error={error} /> : diff === undefined ? <Loading /> : <DiffBody diff={diff} />}
    </section>
  );
}

function DiffBody({ diff }: { readonly diff: ArticleDiff }) {
  const { t } = useI18n();
  const from = diff.from.revision;
  const to = diff.to.revision;
  if (diff.identical) return <Note tone="ok">{t('diffIdentical')}</Note>;
  return (
    <div class="diff-body">
      <StateChanges diff={diff} />
      <h3>{t('workingCopy')}</h3>
      <ContentDiffTable diff={diff.content} caption={t('workingCopy')} from={from} to={to} />
      <RelatedChanges related={diff.related} />
      <h3>{t('liveCopy')}</h3>
      <LiveChanges diff={diff} />
    </div>
  );
}

function LiveChanges({ diff }: { readonly diff: ArticleDiff }) {
  const { t } = useI18n();
  const live = diff.live;
  if (live === undefined) return <p>{t('liveCopyUnchanged')}</p>;
  return (
    <>
      {live.before === null && live.after !== null ? <p>{t('liveAppeared', { slug: live.after.slug })}</p> : null}
      {live.before !== null && live.after === null ? <p>{t('liveGone')}</p> : null}
      {live.content === undefined ? null : (
        <ContentDiffTable diff={live.content} caption={t('liveCopy')} from={diff.from.revision} to={diff.to.revision} />
      )}
    </>
  );
}

function StateChanges({ diff }: { readonly diff: ArticleDiff }) {
  const { t } = useI18n();
  const status = useStatusWord();
  const rows: [string, string, string][] = [];
  const add = <T,>(label: string, change: ValueChange<T> | undefined, show: (value: T) => string) => {
    if (change !== undefined) rows.push([label, show(change.before), show(change.after)]);
  };
  const none = t('nothing');
  add(t('statusField'), diff.status, status);
  add(t('slugField'), diff.slug, (slug) => (slug === null ? none : `/${slug}`));
  add(t('verificationField'), diff.verification, (v) =>
    v === null ? none : `${v.verifiedByName}, ${t('revisionShort', { revision: v.revision })}`,
  );
  add(t('scheduleField'), diff.schedule, (s) => (s === null ? none : `${s.publishAt} (${s.byName})`));
  add(t('unpublishedField'), diff.unpublished, (u) => (u === null ? none : `${u.mode}: ${u.reason}`));
  if (diff.editorNotes !== undefined) {
    rows.push([t('editorNotes'), '', diff.editorNotes.added.map((note) => `${note.byName}: “${note.notes}”`).join('\n')]);
  }
  if (diff.corrections !== undefined) {
    rows.push([t('corrections'), '', diff.corrections.added.map((c) => `${c.editorName}: “${c.note}”`).join('\n')]);
  }
  if (rows.length === 0) return null;
  return (
    <table class="diff-table state-changes">
      <caption>{t('statusField')}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span class="sr-only">{t('statusField')}</span>
          </th>
          <th scope="col">{t('before', { revision: diff.from.revision })}</th>
          <th scope="col">{t('after', { revision: diff.to.revision })}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, before, after]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td class="diff-before">{before}</td>
            <td class="diff-after">{after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RelatedChanges({ related }: { readonly related: ArticleDiff['related'] }) {
  const { t } = useI18n();
  if (related === undefined) return null;
  const where = (afterBlock: number | null | undefined) =>
    afterBlock === null || afterBlock === undefined ? t('relatedAfterBody') : t('relatedAfter', { n: afterBlock + 1 });
  const link = (id: string) => <a href={hrefOf({ view: 'timeline', articleId: id })}>{id}</a>;
  const line = (verb: string, item: RelatedLink) => (
    <li key={`${verb}${item.relatedArticleId}`}>
      {verb}: {link(item.relatedArticleId)} ({where(item.afterBlock)})
    </li>
  );
  return (
    <section class="related-changes" aria-label={t('related')}>
      <h3>{t('related')}</h3>
      <ul>
        {related.added.map((item) => line(t('added'), item))}
        {related.removed.map((item) => line(t('removed'), item))}
        {related.moved.map((item) => (
          <li key={`m${item.relatedArticleId}`}>
            {t('changed')}: {link(item.relatedArticleId)} ({t('relatedMoved', { before: where(item.before), after: where(item.after) })})
          </li>
        ))}
      </ul>
    </section>
  );
}
