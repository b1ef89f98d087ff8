import type { Article, Block, Content } from '../api/wire.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import { Instant } from '../ui/common.js';

/**
 * The article rendered the way the live site lays it out: headline, dek, dateline, byline
 * with its badge, the body with quotes and "Baca Juga" boxes after the blocks they follow,
 * sources, topics and corrections.
 */
export function LivePage({
  article,
  copy,
  badge,
  headlines,
}: {
  readonly article: Article;
  readonly copy: 'live' | 'working';
  readonly badge: boolean | undefined;
  readonly headlines: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  const live = copy === 'live' ? article.live : null;
  const content: Content = live?.content ?? article.content;
  const unpublished = copy === 'live' ? article.unpublished : null;
  const lastBlock = content.body.length - 1;
  const relatedAfter = (index: number) =>
    article.related.filter(
      (link) => (link.afterBlock === undefined || link.afterBlock > lastBlock ? lastBlock : link.afterBlock) === index,
    );

  return (
    <article class={`live-page live-page-${copy}`} lang={content.language} aria-label={copy === 'live' ? t('liveCopy') : t('workingCopy')}>
      {unpublished === null ? null : (
        <p class="notice notice-warning" lang={document.documentElement.lang}>
          {unpublished.mode === 'withdraw' ? t('asOfWithdrawn') : t('asOfTakenDown')}
          {unpublished.notice === undefined ? null : (
            <>
              {' '}
              <q lang={content.language}>{unpublished.notice}</q>
            </>
          )}
        </p>
      )}
      <h3 class="live-headline">{content.headline}</h3>
      {content.dek === '' ? null : <p class="live-dek">{content.dek}</p>}
      <div class="live-byline">
        <p>
          {t('byline', { name: article.authorName })}
          {badge === true ? (
            <>
              {' '}
              <span class="badge-verified" title={t('badgeNow')}>
                ✓ {t('verifiedWriter')}
              </span>
              <span class="sr-only"> ({t('badgeNow')})</span>
            </>
          ) : null}
        </p>
        <p class="live-dateline">
          {content.dateline}
          {live === null ? null : (
            <>
              {' — '}
              {t('publishedAt')} <Instant iso={live.publishedAt} />
            </>
          )}
        </p>
      </div>
      <div class="live-body">
        {content.body.map((block, index) => (
          <div key={index} class="live-block">
            <BlockView block={block} />
            {relatedAfter(index).length === 0 ? null : (
              <aside class="baca-juga" aria-label={t('bacaJuga')}>
                <p class="baca-juga-label">{t('bacaJuga')}</p>
                <ul>
                  {relatedAfter(index).map((link) => (
                    <li key={link.relatedArticleId}>
                      <a href={hrefOf({ view: 'timeline', articleId: link.relatedArticleId })}>
                        {headlines.get(link.relatedArticleId) ?? link.relatedArticleId}
                      </a>
                    </li>
                  ))}
                </ul>
              </aside>
            )}
          </div>
        ))}
      </div>
      {content.sources.length === 0 ? null : (
        <section class="live-sources" aria-label={t('sourcesTitle')}>
          <h4>{t('sourcesTitle')}</h4>
          <ul>
            {content.sources.map((source) => (
              <li key={source.name}>
                {source.name}
                {source.url === undefined ? null : <span class="source-url"> ({source.url})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {content.topics.length === 0 ? null : (
        <ul class="live-topics" aria-label={t('topics')}>
          {content.topics.map((topic) => (
            <li key={topic}>{topic}</li>
          ))}
        </ul>
      )}
      {live === null ? null : <p class="live-editor">{t('editedBy', { name: live.editorName })}</p>}
      {article.corrections.length === 0 ? null : (
        <section class="live-corrections" aria-label={t('correctionsTitle')}>
          <h4>{t('correctionsTitle')}</h4>
          <ul>
            {article.corrections.map((correction) => (
              <li key={correction.at}>
                <Instant iso={correction.at} />: {correction.note}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function BlockView({ block }: { readonly block: Block }) {
  const { t } = useI18n();
  switch (block.type) {
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'heading':
      return <h4 class="live-subheading">{block.text}</h4>;
    case 'quote':
      return (
        <figure class="live-quote">
          <blockquote>
            <p>{block.text}</p>
          </blockquote>
          <figcaption>
            — {block.attribution}
            {block.role === undefined || block.role === '' ? null : <>, {block.role}</>}
          </figcaption>
        </figure>
      );
    default:
      // Pictures are not fetched from other sites (the console's policy allows none), so an
      // image shows what describes it and where it lives.
      return (
        <figure class="live-other">
          {block.text === undefined ? null : <p>{block.text}</p>}
          <figcaption>
            {[block.alt, block.caption, block.credit].filter(Boolean).join(' · ')}
            {block.url === undefined ? null : <span class="hint"> {t('imageNotLoaded', { url: block.url })}</span>}
          </figcaption>
        </figure>
      );
  }
}
