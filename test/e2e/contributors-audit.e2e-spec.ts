import { randomUUID } from 'node:crypto';
import { verifyChain } from '../../src/kernel/hash-chain.js';
import type { RecordedEvent } from '../../src/platform/event-store/event-store.port.js';
import { runCli } from '../support/cli-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const profile = { displayName: 'Dimas Prasetyo', bio: 'Penulis komunitas dari Tangerang Selatan.', publicContact: '@dimasprasetyo' };
const REVOKE_REASON = 'Dua tulisan terakhir memuat kutipan yang tidak dapat dikonfirmasi.';

/**
 * Contributor commands run on the same executor as article commands, so they leave the same
 * audit trail: every event sealed into its stream's hash chain, every authorization refusal in
 * the denial log, and `audit:verify` holding contributor streams to it.
 */
describe('contributors on the audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ scheduler: { enabled: false } });
  });
  afterAll(() => t.close());

  test('every contributor event is sealed into its stream’s hash chain, which the audit code verifies', async () => {
    const id = t.principals.writer.principalId;
    await t.as('writer').put(`/v1/contributors/${id}/profile`).send(profile).expect(201);
    await t
      .as('writer')
      .put(`/v1/contributors/${id}/profile`)
      .send({ ...profile, bio: 'Meliput banjir sejak 2019.' })
      .expect(200);
    await t.as('editor').post(`/v1/contributors/${id}/verify`).expect(200);
    await t.as('editor2').post(`/v1/contributors/${id}/revoke-verification`).send({ reason: REVOKE_REASON }).expect(200);

    const streamId = `contributor-${id}`;
    const stream = await t.store.readStream(streamId);
    const hashOf = (event: RecordedEvent) => (event.metadata as { hash: string }).hash;
    expect(verifyChain(streamId, stream)).toEqual({ ok: true, events: 4, head: hashOf(stream[3]!) });

    // The chain is what makes an edit visible: the verifier's name changed after the fact.
    const edited = stream.map((event) =>
      event.revision === 2n ? { ...event, data: { ...(event.data as object), by: 'editor-bagus' } } : event,
    );
    expect(verifyChain(streamId, edited)).toMatchObject({ ok: false, brokenAt: 2, code: 'hash_mismatch' });
  });

  test('contributor commands refused for authorization are listed in GET /v1/audit/denials; other refusals are not', async () => {
    await t.as('editor').put('/v1/contributors/writer-rudi/profile').send(profile).expect(201);
    await t
      .as('editor')
      .put(`/v1/contributors/${t.principals.editor.principalId}/profile`)
      .send({ ...profile, community: false })
      .expect(201);
    await t
      .as('editor')
      .put(`/v1/contributors/${t.principals.writer2.principalId}/profile`)
      .send({ ...profile, community: false })
      .expect(201);
    const before = (await t.as('auditor').get('/v1/audit/denials').expect(200)).body.items.length as number;

    await t.as('writer2').put('/v1/contributors/writer-rudi/profile').set('X-Correlation-Id', 'profil-rudi').send(profile).expect(403);
    await t.as('writer').post('/v1/contributors/writer-rudi/verify').expect(403);
    await t.as('editor').post(`/v1/contributors/${t.principals.editor.principalId}/verify`).expect(403);
    await t
      .as('writer2')
      .put(`/v1/contributors/${t.principals.writer2.principalId}/profile`)
      .send({ ...profile, community: true })
      .expect(403);
    // Not about authorization: a conflict, a domain validation failure, and a read (a query, not a command).
    await t.as('editor').post('/v1/contributors/writer-rudi/revoke-verification').send({ reason: REVOKE_REASON }).expect(409);
    await t.as('editor').post('/v1/contributors/writer-rudi/verify').expect(200);
    await t.as('editor').post('/v1/contributors/writer-rudi/revoke-verification').send({ reason: '   ' }).expect(400);
    await t.as('writer2').get('/v1/contributors/writer-rudi').expect(403);

    const res = await t.as('auditor').get('/v1/audit/denials').expect(200);
    const items = (res.body.items as Record<string, unknown>[]).slice(0, res.body.items.length - before);
    expect(items.map(({ commandType, streamId, code }) => ({ commandType, streamId, code }))).toEqual([
      {
        commandType: 'UpdateContributorProfile',
        streamId: `contributor-${t.principals.writer2.principalId}`,
        code: 'community_set_by_desk',
      },
      { commandType: 'VerifyContributor', streamId: `contributor-${t.principals.editor.principalId}`, code: 'four_eyes' },
      { commandType: 'VerifyContributor', streamId: 'contributor-writer-rudi', code: 'forbidden' },
      { commandType: 'UpdateContributorProfile', streamId: 'contributor-writer-rudi', code: 'not_owner' },
    ]);
    expect(items[3]).toEqual({
      revision: expect.any(Number),
      at: expect.any(String),
      actor: { id: 'writer-sari', displayName: 'Sari Wulandari', roles: ['writer'] },
      commandType: 'UpdateContributorProfile',
      streamId: 'contributor-writer-rudi',
      code: 'not_owner',
      reason: 'Writers may only change their own contributor profile',
      commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlationId: 'profil-rudi',
    });
  });

  test('audit:verify holds contributor streams to the chain: one written without hashes is broken, not skipped', async () => {
    const intact = await runCli('audit-verify', [], t.dataDir);
    expect(intact.stdout).toContain('All hash chains are intact.');
    expect(intact.code).toBe(0);

    const data = {
      contributorId: 'writer-lama',
      ...profile,
      community: true,
      by: 'writer-lama',
      byName: 'Lama',
      at: new Date().toISOString(),
    };
    await t.store.appendToStream('contributor-writer-lama', [{ id: randomUUID(), type: 'ContributorProfileUpdated', data }]);
    const verified = await runCli('audit-verify', ['--json'], t.dataDir);
    expect(verified.code).toBe(1);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      ok: false,
      breaks: [{ streamId: 'contributor-writer-lama', revision: 0, code: 'missing_hash' }],
    });
  });
});
