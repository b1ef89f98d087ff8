import type { Actor } from '../../kernel/identity.js';
import type { ArticleCommandType } from './commands.js';
import { ARTICLE_ERROR_KIND, ArticleRuleViolation } from './errors.js';
import { ARTICLE_STATUSES, type ArticleStatus } from './state.js';
import { historyIn, updateHistoryIn } from './testing/article-events.js';
import { ARTICLE_COMMAND_TYPES, validCommands } from './testing/article-commands.js';
import { acting, given } from './testing/decider-spec.js';
import { admin, auditor, editor, publishingService, scheduler, writer } from './testing/sample-article.js';

/**
 * The workflow as a table, written out here rather than read from the code under test.
 * Statuses are those of a never-published article (and `unpublished` after a takedown);
 * commands that need more than a status are covered in their own specs.
 */
const LEGAL_FROM: Readonly<Partial<Record<ArticleCommandType, readonly ArticleStatus[]>>> = {
  ReviseArticle: ['draft', 'in_review', 'verified', 'published', 'unpublished'],
  SubmitArticle: ['draft'],
  RequestChanges: ['in_review', 'verified', 'published', 'unpublished'],
  VerifyArticle: ['in_review'],
  ScheduleArticle: ['verified'],
  UnscheduleArticle: ['scheduled'],
  PublishArticle: ['verified'],
  PublishScheduledArticle: ['scheduled'],
  CorrectArticle: [], // needs a live copy too: see publishing.spec.ts
  UnpublishArticle: ['published'],
};

const actorFor = (type: ArticleCommandType): Actor => (type === 'PublishScheduledArticle' ? scheduler : editor);
const NOW = 130; // after the sample schedule (minute 120), before the sample publishAt (minute 600)

const rows = (legal: boolean) =>
  Object.entries(LEGAL_FROM).flatMap(([type, from]) =>
    ARTICLE_STATUSES.filter((status) => from.includes(status) === legal).map((status) => [type as ArticleCommandType, status] as const),
  );

describe('illegal transitions', () => {
  it.each(rows(false))('%s in status %s is refused with the status named', (type, status) => {
    const error = given(historyIn(status))
      .when(validCommands[type], acting(actorFor(type), NOW))
      .thenThrows('illegal_transition', { status });
    expect(error.message).toMatch(new RegExp(`^Cannot .+ an article in status ${status}\\b`));
    expect(error.kind).toBe('conflict');
  });
});

describe('legal transitions', () => {
  it.each(rows(true))('%s in status %s is decided', (type, status) => {
    const state = given(historyIn(status))
      .when(validCommands[type], acting(actorFor(type), NOW))
      .thenAccepts();
    expect(state.revision).toBe(historyIn(status).length);
  });

  it.each(['draft', 'in_review', 'verified', 'scheduled'] as const)(
    'UnpublishArticle is allowed in status %s while an earlier version is live',
    (status) => {
      const state = given(updateHistoryIn(status)).when(validCommands.UnpublishArticle, acting(editor, NOW)).thenAccepts();
      expect(state).toMatchObject({ status: 'unpublished', live: null, schedule: null });
    },
  );

  it('DraftArticle on an existing article is refused in every status', () => {
    for (const status of ARTICLE_STATUSES) {
      given(historyIn(status)).when(validCommands.DraftArticle, acting(editor)).thenThrows('already_exists');
    }
  });
});

describe('roles', () => {
  const editorOnly: readonly ArticleCommandType[] = ARTICLE_COMMAND_TYPES.filter(
    (type) => !['DraftArticle', 'ReviseArticle', 'SubmitArticle', 'PublishScheduledArticle'].includes(type),
  );
  const historyFor = (type: ArticleCommandType) => (type === 'DraftArticle' ? [] : historyIn('verified'));

  it.each(
    [auditor, publishingService, admin].flatMap((actor) => ARTICLE_COMMAND_TYPES.map((type) => [actor.roles[0], type, actor] as const)),
  )('%s may not %s', (_, type, actor) => {
    given(historyFor(type)).when(validCommands[type], acting(actor)).thenThrows('forbidden');
  });

  it.each(ARTICLE_COMMAND_TYPES.filter((type) => type !== 'PublishScheduledArticle'))('the scheduler may not %s', (type) => {
    given(historyFor(type)).when(validCommands[type], acting(scheduler)).thenThrows('forbidden');
  });

  it.each(editorOnly)('a writer may not %s, even on their own article', (type) => {
    given(historyFor(type)).when(validCommands[type], acting(writer)).thenThrows('forbidden');
  });

  it('an editor may not act as the scheduler', () => {
    given(historyIn('scheduled')).when(validCommands.PublishScheduledArticle, acting(editor, NOW)).thenThrows('forbidden');
  });

  it('roles are checked before the article is looked up', () => {
    given([]).when(validCommands.PublishArticle, acting(auditor)).thenThrows('forbidden');
    given([]).when(validCommands.PublishArticle, acting(editor)).thenThrows('not_found');
  });

  it('an admin who is also an editor acts as an editor', () => {
    const adminEditor: Actor = { ...admin, roles: ['admin', 'editor'] };
    given(historyIn('verified')).when(validCommands.PublishArticle, acting(adminEditor, 40)).thenAccepts();
  });
});

describe('error kinds', () => {
  it('maps every code to one HTTP category', () => {
    expect(new Set(Object.values(ARTICLE_ERROR_KIND))).toEqual(new Set(['not_found', 'forbidden', 'conflict', 'invalid']));
    expect(new ArticleRuleViolation('four_eyes', 'x').kind).toBe('forbidden');
    expect(new ArticleRuleViolation('related_not_linked', 'x').kind).toBe('not_found');
  });
});
