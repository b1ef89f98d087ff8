import type { ArticleEvent } from '../../articles/model/events.js';
import type { ArticleState } from '../../articles/model/state.js';
import { changedContentFields } from '../diff/content-diff.js';

const QUOTE_LIMIT = 120;

/**
 * One line a person can read in a history list, e.g. "Ayu Lestari verified revision 5
 * (sources checked, quotes attributed)". `before` is the article just before the event, for
 * what the event alone does not say (which fields a revision touched). Names come from the
 * event's own data where it records them, else from who sent the command.
 */
export function summarize(event: ArticleEvent, before: ArticleState | null, actorName: string): string {
  switch (event.type) {
    case 'ArticleDrafted':
      return `${event.data.authorName} drafted “${event.data.content.headline}”`;
    case 'ArticleRevised': {
      const fields = before === null ? [] : changedContentFields(before.content, event.data.content);
      const what = fields.length === 0 ? 'the working copy' : `the ${listing(fields)}`;
      return `${event.data.byName} revised ${what}${event.data.status === 'in_review' ? ' during review' : ''}`;
    }
    case 'ArticleSubmitted':
      return `${event.data.byName} submitted the working copy for review`;
    case 'ArticleChangesRequested':
      return `${event.data.byName} requested changes: “${clip(event.data.notes)}”`;
    case 'ArticleVerified': {
      const { checklist, notes } = event.data;
      const checked = [checklist.sourcesChecked ? 'sources checked' : '', checklist.quotesAttributed ? 'quotes attributed' : ''].filter(
        Boolean,
      );
      const note = notes === undefined ? '' : `: “${clip(notes)}”`;
      return `${event.data.verifiedByName} verified revision ${event.data.revision} (${checked.join(', ')})${note}`;
    }
    case 'ArticleScheduled':
      return `${event.data.byName} scheduled revision ${event.data.verifiedRevision} to go live at ${event.data.publishAt}`;
    case 'ArticleUnscheduled':
      return `${event.data.byName} cancelled the publication scheduled for ${event.data.publishAt}`;
    case 'ArticlePublished': {
      const { kind, scheduled, slug, verifiedRevision, editorName } = event.data;
      const what = { first: 'published', update: 'published an update of', republish: 'republished' }[kind];
      const how = scheduled ? ` on schedule (scheduled by ${editorName})` : '';
      return `${scheduled ? actorName : editorName} ${what} /${slug} from revision ${verifiedRevision}${how}`;
    }
    case 'ArticleCorrected':
      return `${event.data.editorName} published a correction of /${event.data.slug} from revision ${event.data.verifiedRevision}: “${clip(event.data.note)}”`;
    case 'ArticleUnpublished': {
      const { byName, slug, mode, reason } = event.data;
      return mode === 'withdraw'
        ? `${byName} withdrew /${slug}, leaving a public notice (reason: ${clip(reason)})`
        : `${byName} took /${slug} down (reason: ${clip(reason)})`;
    }
    case 'RelatedLinked': {
      const { byName, relatedArticleId, afterBlock } = event.data;
      // Blocks are counted from 1 here, for people; the API's afterBlock is 0-based.
      const where = afterBlock === undefined ? 'after the body' : `after block ${afterBlock + 1}`;
      return `${byName} linked related article ${relatedArticleId} ${where}`;
    }
    case 'RelatedUnlinked':
      return `${event.data.byName} unlinked related article ${event.data.relatedArticleId}`;
    default:
      return unknownEvent(event);
  }
}

/** "a", "a and b", "a, b and c". */
function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= QUOTE_LIMIT ? line : `${line.slice(0, QUOTE_LIMIT - 1)}…`;
}

function unknownEvent(event: never): never {
  throw new Error(`No summary for event ${(event as { type?: unknown }).type as string}`);
}
