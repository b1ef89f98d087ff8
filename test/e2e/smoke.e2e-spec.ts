import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the application', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('/health answers without a token', async () => {
    const res = await t.anonymous().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { eventStore: { status: 'ok', details: { kind: 'embedded' } } } });
  });

  test('/docs-json describes the article API', async () => {
    const res = await t.anonymous().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/articles', '/v1/articles/{id}/publish']));
  });
});
