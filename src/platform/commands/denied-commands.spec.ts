import { COMMAND_DENIED, DENIAL_EVENTS, DENIALS_STREAM } from './denied-commands.js';

describe('the denial stream decoder', () => {
  const common = {
    commandType: 'VerifyArticle',
    commandId: '6a1f0c9e-0000-4000-8000-000000000001',
    code: 'four_eyes',
    reason: 'The author of an article cannot verify it',
    actorId: 'writer-dimas',
    actorName: 'Dimas Prasetyo',
    actorRoles: ['writer', 'editor'],
    at: '2025-01-20T01:00:00.000Z',
  };
  const at = { streamId: DENIALS_STREAM, revision: 0n, id: 'e-1', type: COMMAND_DENIED };

  it('reads a version 1 denial, which named only the article, as naming its stream', () => {
    const v1 = { ...at, data: { ...common, articleId: '0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43' }, metadata: { schemaVersion: 1 } };
    expect(DENIAL_EVENTS.event(v1).data).toEqual({ ...common, streamId: 'article-0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43' });
  });

  it('reads a version 2 denial as it is', () => {
    const v2 = { ...at, data: { ...common, streamId: 'contributor-writer-sari' }, metadata: { schemaVersion: 2 } };
    expect(DENIAL_EVENTS.event(v2).data).toEqual({ ...common, streamId: 'contributor-writer-sari' });
    expect(DENIAL_EVENTS.schemaVersion(COMMAND_DENIED)).toBe(2);
  });
});
