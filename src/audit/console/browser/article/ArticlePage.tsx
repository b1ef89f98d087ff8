import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ApiClient, ApiError } from '../api/client.js';
import { AsOfView } from '../as-of/AsOfView.js';
import { DiffView } from '../diff/DiffView.js';
import { useI18n } from '../i18n/i18n.js';
import { IntegrityPanel } from '../integrity/IntegrityPanel.js';
import { hrefOf, type Route } from '../router.js';
import { Timeline } from '../timeline/Timeline.js';
import { ErrorNotice, Loading, StatusLabel } from '../ui/common.js';
import { type ArticleRecord, loadArticle, recheck } from './load-article.js';

type ArticleRoute = Exclude<Route, { view: 'find' }>;

export function ArticlePage({ api, route }: { readonly api: ApiClient; readonly route: ArticleRoute }) {
  const { t } = useI18n();
  const { articleId } = route;
  const [record, setRecord] = useState<ArticleRecord | undefined>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    setRecord(undefined);
    setError(undefined);
    loadArticle(api, articleId).then(
      (loaded) => current && setRecord(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [api, articleId, attempt]);

  // Moving between views moves the focus to the article's heading, so keyboard and screen
  // reader users start reading from the top of what changed.
  useEffect(() => heading.current?.focus(), [route.view, record === undefined]);

  const verifyAgain = useCallback(async () => {
    const checks = await recheck(api, articleId);
    setRecord((loaded) => (loaded === undefined ? loaded : { ...loaded, ...checks }));
  }, [api, articleId]);

  if (error !== undefined) {
    const forbidden = error instanceof ApiError && error.kind === 'forbidden';
    return (
      <section>
        <p>
          <a href={hrefOf({ view: 'find' })}>← {t('back')}</a>
        </p>
        {forbidden ? (
          <p class="notice notice-error" role="alert">
            {t('historyForbidden')}
          </p>
        ) : (
          <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
      </section>
    );
  }
  if (record === undefined) return <Loading />;

  const tabs = [
    { view: 'timeline', label: t('tabTimeline'), href: hrefOf({ view: 'timeline', articleId }) },
    { view: 'diff', label: t('tabDiff'), href: hrefOf({ view: 'diff', articleId }) },
    { view: 'as-of', label: t('tabAsOf'), href: hrefOf({ view: 'as-of', articleId }) },
    { view: 'integrity', label: t('tabIntegrity'), href: hrefOf({ view: 'integrity', articleId }) },
  ] as const;

  return (
    <div class="article-page">
      <p class="crumbs">
        <a href={hrefOf({ view: 'find' })}>← {t('back')}</a>
      </p>
      <header class="article-header">
        <h1 ref={heading} tabIndex={-1} lang={record.article.content.language}>
          {record.article.content.headline}
        </h1>
        <p class="article-meta">
          <StatusLabel status={record.article.status} /> ·{' '}
          {t('eventsCount', { count: record.latestRevision + 1, latest: record.latestRevision })} · {t('articleId')}{' '}
          <code>{articleId}</code>
        </p>
      </header>
      <nav class="tabs" aria-label={record.article.content.headline}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.view}>
              <a href={tab.href} aria-current={route.view === tab.view ? 'page' : undefined}>
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {route.view === 'timeline' ? (
        <Timeline api={api} record={record} />
      ) : route.view === 'diff' ? (
        <DiffView api={api} record={record} from={route.from} to={route.to} />
      ) : route.view === 'as-of' ? (
        <AsOfView api={api} record={record} revision={route.revision} at={route.at} />
      ) : (
        <IntegrityPanel api={api} record={record} onVerify={verifyAgain} />
      )}
    </div>
  );
}
