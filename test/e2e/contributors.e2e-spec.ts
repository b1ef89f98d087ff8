import { eventCount } from '../support/article-fixtures.js';
import { startTestApp, type TestApp, type Who } from '../support/test-app.js';
import { expectedEventMetadata } from '../support/event-metadata-expectation.js';

const PROBLEM = /^application\/problem\+json/;

const profile = {
  displayName: 'Dimas Prasetyo',
  bio: 'Warga Pondok Aren yang menulis tentang banjir, transportasi, dan kehidupan sehari-hari di Tangerang Selatan.',
  publicContact: '@dimasprasetyo',
};

const REVOKE_REASON = 'Dua tulisan terakhir memuat kutipan yang tidak dapat dikonfirmasi.';

const EVENT_METADATA = expectedEventMetadata();

function streamOf(t: TestApp, contributorId: string) {
  return t.store.readStream(`contributor-${contributorId}`);
}

/** Fixtures through the real API: editors may create anyone's profile, under any principal id. */
async function profileOf(t: TestApp, contributorId: string, options: { by?: Who; community?: boolean } = {}) {
  const body = options.community === undefined ? profile : { ...profile, community: options.community };
  await t
    .as(options.by ?? 'editor')
    .put(`/v1/contributors/${contributorId}/profile`)
    .send(body)
    .expect(201);
}

async function verifiedProfileOf(t: TestApp, contributorId: string): Promise<void> {
  await profileOf(t, contributorId);
  await t.as('editor2').post(`/v1/contributors/${contributorId}/verify`).expect(200);
}

describe('contributors over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('a writer creates and edits their profile; the desk verifies and revokes; the stream holds exactly that', async () => {
    const writer = t.principals.writer;
    const id = writer.principalId;

    const created = await t
      .as('writer')
      .put(`/v1/contributors/${id}/profile`)
      .set('X-Correlation-Id', 'profil-1')
      .send(profile)
      .expect(201);
    expect(created.headers.location).toBe(`/v1/contributors/${id}`);
    expect(created.headers.etag).toBe('"0"');
    expect(Number(created.headers['x-event-position'])).toBeGreaterThan(0);
    expect(created.body).toEqual({
      id,
      ...profile,
      community: true,
      verification: null,
      lastRevocation: null,
      verificationStatus: 'unverified',
      revision: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const edited = await t
      .as('writer')
      .put(`/v1/contributors/${id}/profile`)
      .set('If-Match', '"0"')
      .send({ ...profile, bio: '  Penulis komunitas dari Tangerang Selatan.  ', publicContact: null })
      .expect(200);
    expect(edited.headers.etag).toBe('"1"');
    expect(edited.headers.location).toBeUndefined();
    expect(edited.body).toMatchObject({ bio: 'Penulis komunitas dari Tangerang Selatan.', publicContact: null, community: true });

    const verified = await t.as('editor').post(`/v1/contributors/${id}/verify`).set('If-Match', '"1"').expect(200);
    expect(verified.headers.etag).toBe('"2"');
    expect(verified.body).toMatchObject({
      verificationStatus: 'verified',
      verification: { by: t.principals.editor.principalId, byName: t.principals.editor.displayName },
    });

    const read = await t.as('writer').get(`/v1/contributors/${id}`).expect(200);
    expect(read.headers.etag).toBe('"2"');
    expect(read.headers['x-event-position']).toBe(verified.headers['x-event-position']);
    expect(read.body).toEqual(verified.body);

    const revoked = await t.as('editor2').post(`/v1/contributors/${id}/revoke-verification`).send({ reason: REVOKE_REASON }).expect(200);
    expect(revoked.body).toMatchObject({
      verificationStatus: 'unverified',
      verification: null,
      lastRevocation: { reason: REVOKE_REASON, by: t.principals.editor2.principalId },
      revision: 3,
    });

    const stream = await streamOf(t, id);
    const stamp = (who: Who) => ({ by: t.principals[who].principalId, byName: t.principals[who].displayName, at: expect.any(String) });
    expect(stream.map(({ type, data }) => ({ type, data }))).toEqual([
      {
        type: 'ContributorProfileUpdated',
        data: { contributorId: id, ...profile, community: true, ...stamp('writer') },
      },
      {
        type: 'ContributorProfileUpdated',
        data: {
          contributorId: id,
          displayName: profile.displayName,
          bio: 'Penulis komunitas dari Tangerang Selatan.',
          publicContact: null,
          community: true,
          ...stamp('writer'),
        },
      },
      { type: 'ContributorVerified', data: { contributorId: id, ...stamp('editor') } },
      { type: 'ContributorVerificationRevoked', data: { contributorId: id, reason: REVOKE_REASON, ...stamp('editor2') } },
    ]);
    expect(stream.map((event) => Number(event.revision))).toEqual([0, 1, 2, 3]);
    for (const event of stream) expect(event.metadata).toEqual(EVENT_METADATA);
    expect(stream.map((event) => (event.metadata as { commandType: string }).commandType)).toEqual([
      'UpdateContributorProfile',
      'UpdateContributorProfile',
      'VerifyContributor',
      'RevokeContributorVerification',
    ]);
    expect(stream.map((event) => (event.metadata as { actor: { id: string } }).actor.id)).toEqual(
      (['writer', 'writer', 'editor', 'editor2'] as const).map((who) => t.principals[who].principalId),
    );
    expect(stream[0]!.metadata).toMatchObject({ $correlationId: 'profil-1', actor: { roles: ['writer'] } });
  });

  test('the desk decides who is a community contributor; a writer’s own edit keeps the flag', async () => {
    const id = t.principals.writer2.principalId;
    const staff = await t
      .as('editor')
      .put(`/v1/contributors/${id}/profile`)
      .send({ ...profile, displayName: 'Sari Wulandari', community: false })
      .expect(201);
    expect(staff.body.community).toBe(false);

    const own = await t
      .as('writer2')
      .put(`/v1/contributors/${id}/profile`)
      .send({ ...profile, displayName: 'Sari W.' })
      .expect(200);
    expect(own.body).toMatchObject({ displayName: 'Sari W.', community: false });
    await t
      .as('writer2')
      .put(`/v1/contributors/${id}/profile`)
      .send({ ...profile, displayName: 'Sari W.', community: false })
      .expect(200);

    const before = await eventCount(t);
    const refused = await t
      .as('writer2')
      .put(`/v1/contributors/${id}/profile`)
      .send({ ...profile, community: true })
      .expect(403);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body).toMatchObject({
      status: 403,
      code: 'community_set_by_desk',
      type: 'https://redaksi.dev/problems/community-set-by-desk',
    });
    expect(await eventCount(t)).toBe(before);

    const byAdmin = await t
      .as('admin')
      .put(`/v1/contributors/${id}/profile`)
      .send({ ...profile, displayName: 'Sari W.', community: true })
      .expect(200);
    expect(byAdmin.body.community).toBe(true);
    const stream = await streamOf(t, id);
    expect(stream.map((event) => (event.data as { community: boolean }).community)).toEqual([false, false, true]);
  });

  test('saving a profile unchanged writes nothing and answers with the current revision', async () => {
    await profileOf(t, 'writer-unchanged');
    const before = await eventCount(t);
    const again = await t
      .as('editor')
      .put('/v1/contributors/writer-unchanged/profile')
      .send({ ...profile, bio: ` ${profile.bio} ` })
      .expect(200);
    expect(again.headers.etag).toBe('"0"');
    expect(await eventCount(t)).toBe(before);
  });

  describe('who may do what (403), and nothing is written', () => {
    let before = 0;
    beforeAll(async () => {
      await profileOf(t, t.principals.editor.principalId, { community: false });
      await profileOf(t, 'writer-rudi');
    });
    beforeEach(async () => {
      before = await eventCount(t);
    });
    afterEach(async () => {
      expect(await eventCount(t)).toBe(before);
    });

    test('a writer edits only their own profile', async () => {
      const res = await t.as('writer2').put('/v1/contributors/writer-rudi/profile').send(profile).expect(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ code: 'not_owner' });
      await t.as('writer2').put('/v1/contributors/writer-nobody/profile').send(profile).expect(403);
    });

    test('only editors verify and revoke', async () => {
      for (const who of ['writer', 'admin', 'auditor', 'service'] as const) {
        const res = await t.as(who).post('/v1/contributors/writer-rudi/verify').expect(403);
        expect(res.body).toMatchObject({ code: 'forbidden' });
        await t.as(who).post('/v1/contributors/writer-rudi/revoke-verification').send({ reason: REVOKE_REASON }).expect(403);
      }
    });

    test('an editor cannot verify their own profile (four eyes)', async () => {
      const res = await t.as('editor').post(`/v1/contributors/${t.principals.editor.principalId}/verify`).expect(403);
      expect(res.body).toMatchObject({ code: 'four_eyes', type: 'https://redaksi.dev/problems/four-eyes' });
    });

    test('auditors and services change nothing', async () => {
      for (const who of ['auditor', 'service'] as const) {
        await t.as(who).put('/v1/contributors/writer-rudi/profile').send(profile).expect(403);
        await t.as(who).put(`/v1/contributors/${t.principals[who].principalId}/profile`).send(profile).expect(403);
      }
    });

    test('a writer reads only their own profile; services read none', async () => {
      const res = await t.as('writer2').get('/v1/contributors/writer-rudi').expect(403);
      expect(res.body).toMatchObject({ code: 'not_owner' });
      // Refused on ids alone: a writer cannot tell whether someone else has a profile.
      await t.as('writer2').get('/v1/contributors/writer-nobody').expect(403);
      await t.as('service').get('/v1/contributors/writer-rudi').expect(403);
    });

    test('no token is 401', async () => {
      await t.anonymous().get('/v1/contributors/writer-rudi').expect(401);
      await t.anonymous().post('/v1/contributors/writer-rudi/verify').expect(401);
    });
  });

  test('editors, auditors and admins read every profile; a matching If-None-Match is 304', async () => {
    await profileOf(t, 'writer-maya');
    for (const who of ['editor', 'editor2', 'auditor', 'admin'] as const) {
      const res = await t.as(who).get('/v1/contributors/writer-maya').expect(200);
      expect(res.headers.etag).toBe('"0"');
      expect(res.body).toMatchObject({ id: 'writer-maya', displayName: profile.displayName, verificationStatus: 'unverified' });
    }
    await t.as('auditor').get('/v1/contributors/writer-maya').set('If-None-Match', '"0"').expect(304);
  });

  test('a conditional GET is 304 with the ETag and no body whenever If-None-Match names the current ETag', async () => {
    await profileOf(t, 'writer-nina');
    const read = (ifNoneMatch: string) => t.as('editor').get('/v1/contributors/writer-nina').set('If-None-Match', ifNoneMatch);
    // Weak comparison, lists and `*` (RFC 9110 §13.1.2); a client's `no-cache` is for caches, not for this server.
    for (const current of [read('"0"'), read('W/"0"'), read('"7", "0"'), read('*'), read('"0"').set('Cache-Control', 'no-cache')]) {
      const res = await current.expect(304);
      expect(res.headers.etag).toBe('"0"');
      expect(res.text ?? '').toBe('');
    }
    const stale = await read('"1"').expect(200);
    expect(stale.body).toMatchObject({ id: 'writer-nina', revision: 0 });
    // The precondition never hides a refusal.
    await t.as('writer2').get('/v1/contributors/writer-nina').set('If-None-Match', '"0"').expect(403);
    await t.as('editor').get('/v1/contributors/writer-nobody').set('If-None-Match', '*').expect(404);
  });

  test('a contributor without a profile is 404', async () => {
    await t.as('editor').get('/v1/contributors/writer-unknown').expect(404);
    const res = await t.as('editor').post('/v1/contributors/writer-unknown/verify').expect(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    await t.as('editor').post('/v1/contributors/writer-unknown/revoke-verification').send({ reason: REVOKE_REASON }).expect(404);
  });

  test('verifying a verified contributor, or revoking an unverified one, is 409 naming the current status', async () => {
    await verifiedProfileOf(t, 'writer-budi');
    const before = await eventCount(t);
    const twice = await t.as('editor').post('/v1/contributors/writer-budi/verify').expect(409);
    expect(twice.headers['content-type']).toMatch(PROBLEM);
    expect(twice.body).toMatchObject({ status: 409, code: 'already_verified', currentStatus: 'verified' });
    expect(twice.body.detail).toContain('verified');

    await profileOf(t, 'writer-tari');
    const afterFixture = await eventCount(t);
    const notVerified = await t
      .as('editor')
      .post('/v1/contributors/writer-tari/revoke-verification')
      .send({ reason: REVOKE_REASON })
      .expect(409);
    expect(notVerified.body).toMatchObject({ code: 'not_verified', currentStatus: 'unverified' });
    expect(afterFixture - before).toBe(1);
    expect(await eventCount(t)).toBe(afterFixture);
  });

  test('a stale If-Match is 412 and writes nothing', async () => {
    await profileOf(t, 'writer-eko');
    await t
      .as('editor')
      .put('/v1/contributors/writer-eko/profile')
      .set('If-Match', '"0"')
      .send({ ...profile, bio: 'Satu' })
      .expect(200);
    const before = await eventCount(t);
    const res = await t
      .as('editor')
      .put('/v1/contributors/writer-eko/profile')
      .set('If-Match', '"0"')
      .send({ ...profile, bio: 'Dua' })
      .expect(412);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ type: 'https://redaksi.dev/problems/stale-revision', expectedRevision: 0, actualRevision: 1 });
    await t.as('editor2').post('/v1/contributors/writer-eko/verify').set('If-Match', '"0"').expect(412);
    const missing = await t.as('editor').put('/v1/contributors/writer-baru/profile').set('If-Match', '"0"').send(profile).expect(412);
    expect(missing.body).toMatchObject({ expectedRevision: 0, actualRevision: null });
    expect(await eventCount(t)).toBe(before);
    const current = await t.as('editor').get('/v1/contributors/writer-eko').expect(200);
    expect(current.body.bio).toBe('Satu');
  });

  test('a repeated Idempotency-Key writes once and answers the same', async () => {
    const put = () => t.as('editor').put('/v1/contributors/writer-joko/profile').set('Idempotency-Key', 'profil-joko').send(profile);
    const first = await put().expect(201);
    const again = await put().expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['x-event-position']).toBe(first.headers['x-event-position']);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const verify = () => t.as('editor2').post('/v1/contributors/writer-joko/verify').set('Idempotency-Key', 'verifikasi-joko');
    const [v1, v2] = await Promise.all([verify(), verify()]);
    expect([v1.status, v2.status]).toEqual([200, 200]);
    expect(v1.body).toEqual(v2.body);
    await verify().expect(200);
    expect((await streamOf(t, 'writer-joko')).map((event) => event.type)).toEqual(['ContributorProfileUpdated', 'ContributorVerified']);

    const before = await eventCount(t);
    const reused = await put()
      .send({ ...profile, bio: 'Lain' })
      .expect(422);
    expect(reused.body.type).toBe('https://redaksi.dev/problems/idempotency-key-reused');
    expect(await eventCount(t)).toBe(before);
  });

  test('the same Idempotency-Key on two contributors writes two events with different ids', async () => {
    await profileOf(t, 'writer-ani');
    await profileOf(t, 'writer-ina');
    await t.as('editor').post('/v1/contributors/writer-ani/verify').set('Idempotency-Key', 'verify').expect(200);
    await t.as('editor').post('/v1/contributors/writer-ina/verify').set('Idempotency-Key', 'verify').expect(200);
    const [ani, ina] = await Promise.all([streamOf(t, 'writer-ani'), streamOf(t, 'writer-ina')]);
    expect(ani[1]!.type).toBe('ContributorVerified');
    expect(ina[1]!.type).toBe('ContributorVerified');
    expect(ani[1]!.id).not.toBe(ina[1]!.id);
  });

  describe('bad input gets a clear problem and changes nothing', () => {
    let before = 0;
    beforeAll(async () => {
      await verifiedProfileOf(t, 'writer-dewi');
    });
    beforeEach(async () => {
      before = await eventCount(t);
    });
    afterEach(async () => {
      expect(await eventCount(t)).toBe(before);
    });

    const put = (body: object) => t.as('editor').put('/v1/contributors/writer-dewi/profile').send(body);

    test.each([
      ['an unknown field', { ...profile, verified: true }, 'verified'],
      ['a missing display name', { bio: profile.bio }, 'displayName'],
      ['a display name over 120 characters', { ...profile, displayName: 'd'.repeat(121) }, 'displayName'],
      ['a bio over 1000 characters', { ...profile, bio: 'b'.repeat(1_001) }, 'bio'],
      ['a public contact over 200 characters', { ...profile, publicContact: 'c'.repeat(201) }, 'publicContact'],
      ['a public contact that is not text', { ...profile, publicContact: 42 }, 'publicContact'],
      ['a community flag that is null', { ...profile, community: null }, 'community'],
      ['a community flag that is text', { ...profile, community: 'yes' }, 'community'],
      ['a blank display name', { ...profile, displayName: '   ' }, 'displayName'],
      ['a display name on two lines', { ...profile, displayName: 'Dewi\nLestari' }, 'displayName'],
    ])('%s → 400 naming it', async (_case, body, field) => {
      const res = await put(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect((res.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    });

    test('revoking without a reason, or with an unknown field → 400', async () => {
      const revoke = (body: object) => t.as('editor').post('/v1/contributors/writer-dewi/revoke-verification').send(body);
      await revoke({}).expect(400);
      await revoke({ reason: '' }).expect(400);
      await revoke({ reason: '   ' }).expect(400);
      await revoke({ reason: 'r'.repeat(1_001) }).expect(400);
      const res = await revoke({ reason: REVOKE_REASON, notify: true }).expect(400);
      expect(JSON.stringify(res.body.errors)).toContain('notify');
    });

    test('a malformed contributor id → 400 on every route', async () => {
      const padded = encodeURIComponent(' writer-dewi');
      await t.as('editor').get(`/v1/contributors/${padded}`).expect(400);
      await t.as('editor').put(`/v1/contributors/${padded}/profile`).send(profile).expect(400);
      await t
        .as('editor')
        .post(`/v1/contributors/${'w'.repeat(201)}/verify`)
        .expect(400);
      const res = await t
        .as('editor')
        .post(`/v1/contributors/${encodeURIComponent('writer\ndewi')}/verify`)
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', messages: [expect.stringMatching(/one line/)] }]);
    });

    test('a malformed If-Match or Idempotency-Key → 400', async () => {
      await t.as('editor').put('/v1/contributors/writer-dewi/profile').set('If-Match', 'kemarin').send(profile).expect(400);
      await t.as('editor').put('/v1/contributors/writer-dewi/profile').set('Idempotency-Key', 'k'.repeat(300)).send(profile).expect(400);
    });
  });

  test('/docs-json describes the contributor API', async () => {
    const res = await t.anonymous().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/contributors/{id}',
        '/v1/contributors/{id}/profile',
        '/v1/contributors/{id}/verify',
        '/v1/contributors/{id}/revoke-verification',
      ]),
    );
  });
});
