import type { ComponentChildren } from 'preact';
import type { Block, BlockChange, ContentDiff, Source, TextChange } from '../api/wire.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { WholeText, WordSide } from './words.js';

const TEXT_FIELDS = [
  ['headline', 'headline'],
  ['dek', 'dek'],
  ['dateline', 'dateline'],
] as const satisfies readonly (readonly [keyof ContentDiff, MessageKey])[];

const ALL_FIELDS: readonly [keyof ContentDiff, MessageKey][] = [
  ['headline', 'headline'],
  ['dek', 'dek'],
  ['dateline', 'dateline'],
  ['language', 'languageField'],
  ['body', 'body'],
  ['sources', 'sources'],
  ['topics', 'topics'],
];

/**
 * A content diff side by side, one row per field and per body block: the older revision on
 * the left, the newer on the right, words that changed marked on each side.
 */
export function ContentDiffTable({
  diff,
  caption,
  from,
  to,
}: {
  readonly diff: ContentDiff;
  readonly caption: string;
  readonly from: number;
  readonly to: number;
}) {
  const { t } = useI18n();
  const unchanged = ALL_FIELDS.filter(([field]) => diff[field] === undefined).map(([, key]) => t(key).toLowerCase());
  return (
    <div class="diff-block">
      <table class="diff-table">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="diff-label-col">
              <span class="sr-only">{caption}</span>
            </th>
            <th scope="col">{t('before', { revision: from })}</th>
            <th scope="col">{t('after', { revision: to })}</th>
          </tr>
        </thead>
        <tbody>
          {TEXT_FIELDS.map(([field, label]) => {
            const change = diff[field];
            return change === undefined ? null : <TextRow key={field} label={t(label)} change={change} />;
          })}
          {diff.language === undefined ? null : (
            <Row label={t('languageField')} state="changed" before={diff.language.before} after={diff.language.after} />
          )}
          {(diff.body ?? []).map((change, index) => (
            <BlockRow key={index} change={change} />
          ))}
          {diff.sources === undefined ? null : <SourcesRow sources={diff.sources} />}
          {diff.topics === undefined ? null : (
            <Row
              label={t('topics')}
              state="changed"
              before={diff.topics.reordered ? t('reordered') : <Items items={diff.topics.removed} side="before" />}
              after={diff.topics.reordered ? t('reordered') : <Items items={diff.topics.added} side="after" />}
            />
          )}
        </tbody>
      </table>
      {unchanged.length === 0 ? null : <p class="hint">{t('unchangedFields', { fields: unchanged.join(', ') })}</p>}
    </div>
  );
}

function Row({
  label,
  state,
  before,
  after,
}: {
  readonly label: ComponentChildren;
  readonly state: 'changed' | 'added' | 'removed' | 'unchanged';
  readonly before: ComponentChildren;
  readonly after: ComponentChildren;
}) {
  return (
    <tr class={`diff-row diff-${state}`}>
      <th scope="row">{label}</th>
      <td class="diff-before">{before}</td>
      <td class="diff-after">{after}</td>
    </tr>
  );
}

function TextRow({ label, change }: { readonly label: string; readonly change: TextChange }) {
  return (
    <Row
      label={label}
      state="changed"
      before={<WordSide change={change} side="before" />}
      after={<WordSide change={change} side="after" />}
    />
  );
}

function useBlockLabel(): (block: Block | undefined, type: string, index: number | undefined) => string {
  const { t } = useI18n();
  return (block, type, index) => {
    const kind =
      type === 'paragraph'
        ? t('blockParagraph')
        : type === 'heading'
          ? t('blockHeading')
          : type === 'quote'
            ? t('blockQuote')
            : type === 'image'
              ? t('blockImage')
              : t('blockOther', { type });
    return index === undefined ? kind : `${kind}, ${t('blockNumber', { n: index + 1 })}`;
  };
}

function BlockRow({ change }: { readonly change: BlockChange }) {
  const { t } = useI18n();
  const label = useBlockLabel();
  switch (change.op) {
    case 'unchanged':
      return (
        <Row
          label={`${label(change.block, change.block.type, change.toIndex)} · ${t('blockUnchanged')}`}
          state="unchanged"
          before={<BlockText block={change.block} />}
          after={<BlockText block={change.block} />}
        />
      );
    case 'added':
      return (
        <Row
          label={`${label(change.block, change.block.type, change.toIndex)} · ${t('blockAdded')}`}
          state="added"
          before={null}
          after={<BlockText block={change.block} side="after" />}
        />
      );
    case 'removed':
      return (
        <Row
          label={`${label(change.block, change.block.type, change.fromIndex)} · ${t('blockRemoved')}`}
          state="removed"
          before={<BlockText block={change.block} side="before" />}
          after={null}
        />
      );
    case 'changed':
      return (
        <Row
          label={`${label(change.after, change.type, change.toIndex)} · ${t('blockChanged')}`}
          state="changed"
          before={<ChangedBlockSide change={change} side="before" />}
          after={<ChangedBlockSide change={change} side="after" />}
        />
      );
  }
}

/** A block's words; `side` marks all of it as deleted or inserted. Unknown block types show their fields. */
function BlockText({ block, side }: { readonly block: Block; readonly side?: 'before' | 'after' }) {
  const { t } = useI18n();
  const text = (value: string) => (side === undefined ? value : <WholeText text={value} side={side} />);
  return (
    <div class={`block block-${block.type}`}>
      {block.text === undefined ? null : <p>{text(block.text)}</p>}
      {block.type === 'quote' ? <Attribution attribution={block.attribution ?? ''} role={block.role} /> : null}
      {block.type === 'image' || block.url !== undefined ? (
        <p class="hint">
          {[block.alt, block.caption, block.credit].filter(Boolean).join(' · ')} {t('imageNotLoaded', { url: block.url ?? '' })}
        </p>
      ) : null}
    </div>
  );
}

function Attribution({ attribution, role }: { readonly attribution: ComponentChildren; readonly role?: ComponentChildren }) {
  return (
    <p class="attribution">
      — {attribution}
      {role === undefined || role === '' ? null : <>, {role}</>}
    </p>
  );
}

function ChangedBlockSide({
  change,
  side,
}: {
  readonly change: Extract<BlockChange, { op: 'changed' }>;
  readonly side: 'before' | 'after';
}) {
  const block = side === 'before' ? change.before : change.after;
  const value = (field: { before: string | null; after: string | null } | undefined, current: string | undefined) => {
    if (field === undefined) return current ?? '';
    const mine = side === 'before' ? field.before : field.after;
    return mine === null ? '' : <WholeText text={mine} side={side} />;
  };
  return (
    <div class={`block block-${block.type}`}>
      <p>{change.text === undefined ? block.text : <WordSide change={change.text} side={side} />}</p>
      {block.type === 'quote' ? (
        <Attribution attribution={value(change.attribution, block.attribution)} role={value(change.role, block.role)} />
      ) : null}
    </div>
  );
}

function SourcesRow({ sources }: { readonly sources: NonNullable<ContentDiff['sources']> }) {
  const { t } = useI18n();
  if (sources.reordered) return <Row label={t('sources')} state="changed" before={t('reordered')} after={t('reordered')} />;
  const show = (source: Source) => `${source.name}${source.url === undefined ? '' : ` <${source.url}>`}`;
  return (
    <Row
      label={t('sources')}
      state="changed"
      before={<Items items={[...sources.removed.map(show), ...sources.changed.map((c) => show(c.before))]} side="before" />}
      after={<Items items={[...sources.added.map(show), ...sources.changed.map((c) => show(c.after))]} side="after" />}
    />
  );
}

function Items({ items, side }: { readonly items: readonly string[]; readonly side: 'before' | 'after' }) {
  const { t } = useI18n();
  if (items.length === 0) return <span class="hint">{t('nothing')}</span>;
  return (
    <ul class="diff-items">
      {items.map((item) => (
        <li key={item}>
          <WholeText text={item} side={side} />
        </li>
      ))}
    </ul>
  );
}
