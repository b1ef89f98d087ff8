import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import type { Capabilities } from '../api/capabilities.js';
import type { DeskPage } from '../api/wire.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import { ErrorNotice, Instant, Loading, StatusLabel } from '../ui/common.js';
import { type FindResult, findArticle } from './find-article.js';

const RECENT = 20;

export function FindView({ api, capabilities }: { readonly api: ApiClient; readonly capabilities: Capabilities }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Exclude<FindResult, { kind: 'article' }> | undefined>();
  const [error, setError] = useState<unknown>();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (query.trim() === '') return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const found = await findArticle(api, capabilities, query);
      if (found.kind === 'article') location.hash = hrefOf({ view: 'timeline', articleId: found.id });
      else setResult(found);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="find">
      <section aria-labelledby="find-title">
        <h1 id="find-title">{t('findTitle')}</h1>
        <form class="find-form" role="search" onSubmit={(event) => void submit(event)}>
          <label for="find-input">{t('findLabel')}</label>
          <div class="inline-field">
            <input
              id="find-input"
              type="search"
              value={query}
              autoComplete="off"
              spellcheck={false}
              aria-describedby="find-hint"
              onInput={(event) => setQuery(event.currentTarget.value)}
            />
            <button type="submit" disabled={busy}>
              {busy ? t('finding') : t('find')}
            </button>
          </div>
          <p id="find-hint" class="hint">
            {capabilities.deskSearch ? t('findHintSearch') : t('findHintNoSearch')}
          </p>
        </form>
        {error === undefined ? null : <ErrorNotice error={error} />}
        {result === undefined ? null : <FindOutcome result={result} />}
      </section>
      <RecentArticles api={api} />
    </div>
  );
}

function FindOutcome({ result }: { readonly result: Exclude<FindResult, { kind: 'article' }> }) {
  const { t } = useI18n();
  switch (result.kind) {
    case 'nothing':
      return (
        <p class="notice notice-warning" role="status">
          {t('notAnIdOrSlug')}
        </p>
      );
    case 'slug_gone':
      return (
        <p class="notice notice-warning" role="status">
          {t('slugGone', { slug: result.slug })}
        </p>
      );
    case 'results':
      return (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('searchResults')}</h2>
          {result.items.length === 0 ? (
            <p role="status">{t('noSearchResults', { query: result.query })}</p>
          ) : (
            <ul class="results">
              {result.items.map((item) => (
                <li key={item.id}>
                  <a href={hrefOf({ view: 'timeline', articleId: item.id })}>{item.headline}</a>
                  {item.detail === undefined ? null : <p class="hint">{item.detail}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      );
  }
}

function RecentArticles({ api }: { readonly api: ApiClient }) {
  const { t } = useI18n();
  const [page, setPage] = useState<DeskPage | undefined>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    api.json<DeskPage>(`/v1/desk?limit=${RECENT}`, controller.signal).then(setPage, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure);
    });
    return () => controller.abort();
  }, [api, attempt]);

  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">{t('recentTitle')}</h2>
      {error !== undefined ? (
        <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : page === undefined ? (
        <Loading />
      ) : page.items.length === 0 ? (
        <p>{t('recentNone')}</p>
      ) : (
        <table class="recent">
          <thead>
            <tr>
              <th scope="col">{t('columnHeadline')}</th>
              <th scope="col">{t('columnStatus')}</th>
              <th scope="col">{t('columnAuthor')}</th>
              <th scope="col">{t('columnUpdated')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={hrefOf({ view: 'timeline', articleId: item.id })}>{item.headline}</a>
                </td>
                <td>
                  <StatusLabel status={item.status} />
                </td>
                <td>{item.author.name}</td>
                <td>
                  <Instant iso={item.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
