import { useEffect, useState } from 'preact/hooks';
import { type ApiClient, ApiError } from '../api/client.js';
import type { Article, AsOf, Contributor } from '../api/wire.js';
import type { ArticleRecord } from '../article/load-article.js';
import { instantFromLocalInput, localInputFromInstant, localTime, viewerZone } from '../i18n/dates.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import { ErrorNotice, Loading, Note, useStatusWord } from '../ui/common.js';
import { LivePage } from './LivePage.js';

type Copy = 'live' | 'working';

interface Surroundings {
  readonly badge: boolean | undefined;
  readonly headlines: ReadonlyMap<string, string>;
}

export function AsOfView({
  api,
  record,
  revision,
  at,
}: {
  readonly api: ApiClient;
  readonly record: ArticleRecord;
  readonly revision: number | undefined;
  readonly at: string | undefined;
}) {
  const { t, language } = useI18n();
  const status = useStatusWord();
  const articleId = record.article.id;
  const asked = at === undefined ? `revision=${revision ?? record.latestRevision}` : `at=${encodeURIComponent(at)}`;
  const [answer, setAnswer] = useState<AsOf | undefined>();
  const [surroundings, setSurroundings] = useState<Surroundings>({ badge: undefined, headlines: new Map() });
  const [error, setError] = useState<unknown>();
  const [copy, setCopy] = useState<Copy>('live');
  const [pickRevision, setPickRevision] = useState(revision ?? record.latestRevision);
  const [pickInstant, setPickInstant] = useState(at === undefined ? '' : localInputFromInstant(at));
  const [instantProblem, setInstantProblem] = useState(false);

  useEffect(() => {
    let current = true;
    setAnswer(undefined);
    setError(undefined);
    api.json<AsOf>(`/v1/articles/${articleId}/as-of?${asked}`).then(
      async (loaded) => {
        if (!current) return;
        setAnswer(loaded);
        setPickRevision(loaded.revision);
        const around = await surroundingsOf(api, loaded.article);
        if (current) setSurroundings(around);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [api, articleId, asked]);

  const showRevision = (event: Event) => {
    event.preventDefault();
    location.hash = hrefOf({ view: 'as-of', articleId, revision: pickRevision });
  };
  const showInstant = (event: Event) => {
    event.preventDefault();
    const instant = instantFromLocalInput(pickInstant);
    setInstantProblem(instant === undefined);
    if (instant !== undefined) location.hash = hrefOf({ view: 'as-of', articleId, at: instant });
  };

  const article = answer?.article;
  const hasLive = article?.live !== null && article?.live !== undefined;
  const shownCopy: Copy = hasLive ? copy : 'working';

  return (
    <section class="as-of" aria-labelledby="as-of-title">
      <h2 id="as-of-title">{t('asOfTitle', { revision: answer?.revision ?? revision ?? '…' })}</h2>
      <div class="as-of-pickers">
        <form class="inline-form" onSubmit={showRevision}>
          <label for="as-of-revision">{t('asOfRevision')}</label>
          <select id="as-of-revision" value={pickRevision} onChange={(event) => setPickRevision(Number(event.currentTarget.value))}>
            {Array.from({ length: record.latestRevision + 1 }, (_, n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <button type="submit">{t('asOfShow')}</button>
        </form>
        <form class="inline-form" onSubmit={showInstant} noValidate>
          <label for="as-of-instant">{t('asOfInstant', { zone: viewerZone() })}</label>
          <input
            id="as-of-instant"
            type="datetime-local"
            step={1}
            value={pickInstant}
            aria-invalid={instantProblem}
            onInput={(event) => setPickInstant(event.currentTarget.value)}
          />
          <button type="submit">{t('asOfShow')}</button>
          {instantProblem ? (
            <span class="field-problem" role="alert">
              {t('asOfBadInstant')}
            </span>
          ) : null}
        </form>
      </div>
      {error !== undefined ? (
        error instanceof ApiError && error.kind === 'not_found' ? (
          <Note tone="warning">{t('asOfNoSuchRevision')}</Note>
        ) : (
          <ErrorNotice error={error} />
        )
      ) : answer === undefined || article === undefined ? (
        <Loading />
      ) : (
        <>
          <p class="as-of-intro">
            {t('asOfIntro', {
              revision: answer.revision,
              latest: answer.latestRevision,
              when: localTime(answer.occurredAt, language),
              status: status(article.status),
            })}
          </p>
          {hasLive ? (
            <div role="group" aria-label={t('asOfShow')} class="segmented">
              {(['live', 'working'] as const).map((option) => (
                <button key={option} type="button" aria-pressed={shownCopy === option} onClick={() => setCopy(option)}>
                  {option === 'live' ? t('asOfShowLive') : t('asOfShowWorking')}
                </button>
              ))}
            </div>
          ) : (
            <Note>{t('asOfNotLive')}</Note>
          )}
          <LivePage article={article} copy={shownCopy} badge={surroundings.badge} headlines={surroundings.headlines} />
        </>
      )}
    </section>
  );
}

/**
 * What the live page shows beside the article itself: the writer's badge (as it stands now;
 * the badge's own history is the contributor's) and the headlines of the "Baca Juga" links.
 * At most one request per link, and an article links at most ten.
 */
async function surroundingsOf(api: ApiClient, article: Article): Promise<Surroundings> {
  const [badge, ...headlines] = await Promise.all([
    api.json<Contributor>(`/v1/contributors/${encodeURIComponent(article.authorId)}`).then(
      (contributor) => contributor.verificationStatus === 'verified',
      () => undefined,
    ),
    ...article.related.map((link) =>
      api.json<Article>(`/v1/articles/${link.relatedArticleId}`).then(
        (related): [string, string] => [link.relatedArticleId, related.live?.content.headline ?? related.content.headline],
        (): [string, string] => [link.relatedArticleId, link.relatedArticleId],
      ),
    ),
  ]);
  return { badge, headlines: new Map(headlines) };
}
