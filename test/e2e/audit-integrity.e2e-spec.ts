import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import { VERIFY_BODY } from '../support/article-fixtures.js';
import { type AuditedArticle, driveAuditedArticle } from '../support/audited-article.js';
import { runCli } from '../support/cli-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 4, tamper evidence: intact chains verify through the API, `audit:verify` and the
 * offline export verifier; one event altered directly in the SQLite file is caught by all
 * three at its revision. Also the auditor CLI's readable commands, on the same store. The CLIs
 * run from dist/, which the int project's global setup builds.
 */
describe('audit: tamper evidence and the auditor CLIs', () => {
  let t: TestApp;
  let article: AuditedArticle;
  let files: string;
  let head: string;
  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'redaksi-exports-'));
    t = await startTestApp({ scheduler: { enabled: false } });
    article = await driveAuditedArticle(t);
    // A refusal, so the denial stream exists and its chain is checked too.
    await t.as('editor').post(`/v1/articles/${article.relatedId}/submit`).expect(200);
    await t.as('writer2').post(`/v1/articles/${article.relatedId}/verify`).send(VERIFY_BODY).expect(403);
  });
  afterAll(async () => {
    await t.close();
    await rm(files, { recursive: true, force: true });
  });

  const exportTo = async (name: string): Promise<string> => {
    const res = await t
      .as('auditor')
      .get(`/v1/articles/${article.id}/history/export`)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const file = path.join(files, name);
    await writeFile(file, res.body as string);
    return file;
  };

  test('an untouched store verifies everywhere', async () => {
    const integrity = await t.as('auditor').get(`/v1/articles/${article.id}/integrity`).expect(200);
    const history = await t.as('auditor').get(`/v1/articles/${article.id}/history?from=13`).expect(200);
    head = history.body.items[0].hash as string;
    expect(integrity.body).toEqual({ articleId: article.id, streamId: `article-${article.id}`, ok: true, events: 14, head });

    const verified = await runCli('audit-verify', [], t.dataDir);
    expect(verified.stdout).toContain('All hash chains are intact.');
    expect(verified.stdout).toMatch(/Checked 3 streams, 17 events \(\d+ streams without hashes skipped\)/);
    expect(verified.code).toBe(0);

    const file = await exportTo('clean.ndjson');
    const offline = await runCli('verify-export', [file], t.dataDir);
    expect(offline.stdout).toContain(`OK      article-${article.id}: 14 events, head ${head}`);
    expect(offline.code).toBe(0);
    expect((await runCli('verify-export', [file, '--expect-head', head], t.dataDir)).code).toBe(0);
    const unknownHead = await runCli('verify-export', [file, '--expect-head', 'f'.repeat(64)], t.dataDir);
    expect(unknownHead.code).toBe(1);
  });

  test('the auditor CLI prints history, as-of and diff from the same queries as the API', async () => {
    const history = await runCli('audit', ['history', article.id], t.dataDir);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(`History of article ${article.id} (revisions 0 to 13)`);
    expect(history.stdout).toContain('Ayu Lestari verified revision 4 (sources checked, quotes attributed)');
    expect(history.stdout.match(/^#\d+/gm)).toHaveLength(14);

    const asOfJson = await runCli('audit', ['as-of', article.id, '6', '--json'], t.dataDir);
    const asOfHttp = await t.as('auditor').get(`/v1/articles/${article.id}/as-of?revision=6`).expect(200);
    expect(JSON.parse(asOfJson.stdout)).toEqual(asOfHttp.body);
    const history6 = await t.as('auditor').get(`/v1/articles/${article.id}/history?from=6&limit=1`).expect(200);
    const byTime = await runCli('audit', ['as-of', article.id, history6.body.items[0].occurredAt as string], t.dataDir);
    expect(byTime.stdout).toMatch(/: revision 6 of 13/);
    expect(byTime.stdout).toContain('Status: published');

    const diff = await runCli('audit', ['diff', article.id, '2', '3'], t.dataDir);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('headline: BPBD Tangsel Siagakan [-12-]{+14+} Pompa Air Jelang Puncak Musim Hujan');
    expect(diff.stdout).toContain('+ Pemerintah Provinsi Banten');

    expect((await runCli('audit', ['as-of', article.id, '99'], t.dataDir)).code).toBe(1);
    expect((await runCli('audit', ['diff', article.id, 'x', '1'], t.dataDir)).code).toBe(2);
  });

  test('one event altered in the SQLite file: integrity names its revision, audit:verify fails, the export does not verify', async () => {
    // The record grows after the head was taken: the earlier head still vouches for what it covered.
    await t.as('editor').post(`/v1/articles/${article.id}/request-changes`).send({ notes: 'Buka kembali untuk pembaruan.' }).expect(200);
    const clean = await exportTo('before-tampering.ndjson');
    const grown = await runCli('verify-export', [clean, '--expect-head', head], t.dataDir);
    expect(grown.stdout).toContain('the expected head is revision 13: unchanged up to there, 1 event(s) added since');
    expect(grown.code).toBe(0);

    const db = new Database(path.join(t.dataDir, EMBEDDED_STORE_FILE));
    try {
      const where = { stream: `article-${article.id}`, revision: 5 };
      const row = db.prepare('SELECT data FROM events WHERE stream_id = @stream AND revision = @revision').get(where) as {
        data: string | Buffer;
      };
      const data = JSON.parse(row.data.toString()) as Record<string, unknown>;
      expect(data.verifiedByName).toBe('Ayu Lestari');
      const changed = db
        .prepare('UPDATE events SET data = @data WHERE stream_id = @stream AND revision = @revision')
        .run({ ...where, data: JSON.stringify({ ...data, verifiedByName: 'Bagus Santoso', verifiedBy: 'editor-bagus' }) });
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }

    const integrity = await t.as('auditor').get(`/v1/articles/${article.id}/integrity`).expect(200);
    expect(integrity.body).toMatchObject({ ok: false, brokenAt: 5, code: 'hash_mismatch', reason: expect.stringContaining('altered') });

    const verified = await runCli('audit-verify', [], t.dataDir);
    expect(verified.stdout).toContain(`BROKEN article-${article.id} at revision 5`);
    expect(verified.code).toBe(1);

    const tampered = await exportTo('after-tampering.ndjson');
    const offline = await runCli('verify-export', [tampered], t.dataDir);
    expect(offline.stdout).toContain(`BROKEN  article-${article.id} at revision 5`);
    expect(offline.stdout).toContain('The export does NOT verify.');
    expect(offline.code).toBe(1);
    expect((await runCli('verify-export', [tampered, '--expect-head', head], t.dataDir)).code).toBe(1);
    // The export taken before still proves what the record was.
    expect((await runCli('verify-export', [clean, '--expect-head', head], t.dataDir)).code).toBe(0);
  });
});
