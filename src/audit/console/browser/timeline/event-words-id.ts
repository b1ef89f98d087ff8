import type { Content } from '../api/wire.js';

/**
 * What happened, in Indonesian, from the event's own data: the API's summaries are English,
 * and a board in Jakarta should read its own language. `before` is the working copy before
 * the event, to say which fields a revision touched. Undefined for an event type this console
 * does not know; the caller then shows the API's summary.
 */
export function sentenceInIndonesian(
  type: string,
  data: unknown,
  actorName: string,
  before: Content | undefined,
  when: (iso: string) => string,
): string | undefined {
  const field = (name: string): string => {
    const value = (data as Record<string, unknown> | null)?.[name];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  };
  const by = field('byName') || actorName;
  switch (type) {
    case 'ArticleDrafted':
      return `${field('authorName') || actorName} menulis draf “${headlineOf(data)}”`;
    case 'ArticleRevised': {
      const fields = before === undefined ? [] : changedFields(before, contentOf(data));
      const what = fields.length === 0 ? 'salinan kerja' : listing(fields.map((name) => FIELD_NAMES[name]));
      return `${by} merevisi ${what}${field('status') === 'in_review' ? ' selama peninjauan' : ''}`;
    }
    case 'ArticleSubmitted':
      return `${by} mengajukan salinan kerja untuk ditinjau`;
    case 'ArticleChangesRequested':
      return `${by} meminta perubahan: “${clip(field('notes'))}”`;
    case 'ArticleVerified': {
      const checklist = (data as { checklist?: { sourcesChecked?: boolean; quotesAttributed?: boolean } }).checklist ?? {};
      const checked = [
        checklist.sourcesChecked ? 'sumber diperiksa' : '',
        checklist.quotesAttributed ? 'kutipan diatribusikan' : '',
      ].filter(Boolean);
      const notes = field('notes');
      return `${field('verifiedByName') || actorName} memverifikasi revisi ${field('revision')} (${checked.join(', ')})${notes === '' ? '' : `: “${clip(notes)}”`}`;
    }
    case 'ArticleScheduled':
      return `${by} menjadwalkan revisi ${field('verifiedRevision')} tayang pada ${when(field('publishAt'))}`;
    case 'ArticleUnscheduled':
      return `${by} membatalkan penerbitan yang dijadwalkan pada ${when(field('publishAt'))}`;
    case 'ArticlePublished': {
      const what =
        { first: 'menerbitkan', update: 'menerbitkan pembaruan', republish: 'menerbitkan ulang' }[field('kind')] ?? 'menerbitkan';
      const scheduled = (data as { scheduled?: unknown }).scheduled === true;
      const how = scheduled ? ` sesuai jadwal (dijadwalkan oleh ${field('editorName')})` : '';
      return `${scheduled ? actorName : field('editorName') || actorName} ${what} /${field('slug')} dari revisi ${field('verifiedRevision')}${how}`;
    }
    case 'ArticleCorrected':
      return `${field('editorName') || actorName} menerbitkan koreksi /${field('slug')} dari revisi ${field('verifiedRevision')}: “${clip(field('note'))}”`;
    case 'ArticleUnpublished':
      return field('mode') === 'withdraw'
        ? `${by} menarik /${field('slug')} dan memasang pemberitahuan publik (alasan: ${clip(field('reason'))})`
        : `${by} menurunkan /${field('slug')} (alasan: ${clip(field('reason'))})`;
    case 'RelatedLinked': {
      const afterBlock = (data as { afterBlock?: unknown }).afterBlock;
      const where = typeof afterBlock === 'number' ? `setelah blok ${afterBlock + 1}` : 'setelah isi';
      return `${by} menautkan artikel terkait ${field('relatedArticleId')} ${where}`;
    }
    case 'RelatedUnlinked':
      return `${by} melepas tautan artikel terkait ${field('relatedArticleId')}`;
    default:
      return undefined;
  }
}

/** The working copy after an event, for the next event's sentence (drafts and revisions carry it whole). */
export function workingCopyAfter(type: string, data: unknown, before: Content | undefined): Content | undefined {
  return type === 'ArticleDrafted' || type === 'ArticleRevised' ? contentOf(data) : before;
}

const FIELDS = ['headline', 'dek', 'dateline', 'language', 'body', 'sources', 'topics'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_NAMES: Readonly<Record<Field, string>> = {
  headline: 'judul',
  dek: 'dek',
  dateline: 'dateline',
  language: 'bahasa',
  body: 'isi',
  sources: 'sumber',
  topics: 'topik',
};

function changedFields(before: Content, after: Content | undefined): Field[] {
  if (after === undefined) return [];
  return FIELDS.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
}

function contentOf(data: unknown): Content | undefined {
  const content = (data as { content?: unknown } | null)?.content;
  return typeof content === 'object' && content !== null ? (content as Content) : undefined;
}

function headlineOf(data: unknown): string {
  return contentOf(data)?.headline ?? '';
}

/** "a", "a dan b", "a, b, dan c". */
function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]!} dan ${items[1]!}`;
  return `${items.slice(0, -1).join(', ')}, dan ${items.at(-1)!}`;
}

function clip(text: string, limit = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}
