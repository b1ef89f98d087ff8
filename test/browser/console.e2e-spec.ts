import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { sampleArticleContent } from '../../src/articles/model/testing/sample-article.js';
import { verifyExport } from '../../src/audit/export/verify-export.js';
import { EMBEDDED_STORE_FILE } from '../../src/platform/event-store/event-store.module.js';
import { VERIFY_BODY } from '../support/article-fixtures.js';
import { type AuditedArticle, driveAuditedArticle } from '../support/audited-article.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type InPage, launchChromium, recordPolicyViolations, seriousAccessibilityViolations } from './chromium.js';

/**
 * Issue 20: the auditor's console driven in real headless Chromium against the real app on a
 * temporary embedded store: sign in, find a long Indonesian article, read its timeline with a
 * denial in it, diff two revisions, read it as of a revision, verify its chain, and see a
 * tampered copy of the store reported. One browser for the file; a few pages.
 *
 * With REDAKSI_CONSOLE_SCREENSHOTS=<dir> it also saves the screenshots docs/ shows.
 */
const SCREENSHOTS = process.env.REDAKSI_CONSOLE_SCREENSHOTS;
const JAKARTA = 'Asia/Jakarta';

async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** The visible page, or just one part of it (e.g. the rendered article). */
async function screenshot(target: Page | Locator, name: string): Promise<void> {
  if (SCREENSHOTS === undefined) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('Token bearer').fill(token);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Cari artikel' }).waitFor();
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

describe('the auditor’s console in a real browser', () => {
  let t: TestApp;
  let article: AuditedArticle;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let violations: () => Promise<string[]>;
  let slug: string;

  beforeAll(async () => {
    t = await startTestApp({ scheduler: { enabled: false } });
    article = await driveAuditedArticle(t);
    slug = article.states[6]!.live!.slug;
    // The writer's byline carries the desk's "Verified Writer" badge.
    await t
      .as('writer')
      .put('/v1/contributors/writer-dimas/profile')
      .send({ displayName: 'Dimas Prasetyo', bio: 'Warga Pondok Aren yang menulis tentang banjir.', publicContact: '@dimasprasetyo' })
      .expect(201);
    await t.as('editor').post('/v1/contributors/writer-dimas/verify').expect(200);
    // A refused attempt on this article, recorded in the denial log: another writer's edit.
    t.clock.advance(60_000);
    await t.as('writer2').put(`/v1/articles/${article.id}/content`).send(sampleArticleContent).expect(403);
    // And one on another article, which this article's timeline must not show.
    await t.as('writer').post(`/v1/articles/${article.relatedId}/verify`).send(VERIFY_BODY).expect(403);
    baseUrl = await listen(t);
    browser = await launchChromium();
    context = await browser.newContext({
      timezoneId: JAKARTA,
      locale: 'id-ID',
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true,
    });
    // A step that cannot happen fails in seconds with what was awaited, not at the test's timeout.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    violations = await recordPolicyViolations(page);
  }, 60_000);

  afterEach(async () => {
    // What the page showed when a step failed, for the person reading the failure.
    await page?.screenshot({ path: path.join(tmpdir(), 'redaksi-console-last.png'), fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('serves the console under a strict Content-Security-Policy, without a token', async () => {
    const response = await fetch(`${baseUrl}/console/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect((await fetch(`${baseUrl}/console/assets/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/console/..%2Fmain.js`)).status).toBe(404);
  });

  test('refuses a wrong token in words, then signs in and lists recent articles', async () => {
    await page.goto(`${baseUrl}/console/`);
    await page.getByLabel('Token bearer').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Token tidak diterima');
    expect(await page.evaluate(() => (globalThis as unknown as InPage).sessionStorage.length)).toBe(0);

    await signIn(page, baseUrl, t.tokens.auditor);
    expect(page.url()).not.toContain(t.tokens.auditor);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).document.cookie)).toBe('');
    await page
      .getByRole('link', { name: sampleArticleContent.headline.replace('12', '14') })
      .first()
      .waitFor();
    await expectAccessible(page);
  });

  test('finds the article by its slug and reads its timeline, the denial marked, every hash verified', async () => {
    await page.getByLabel('ID artikel, slug, atau kata kunci').fill(slug);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByRole('heading', { name: 'Linimasa' }).waitFor();
    expect(page.url()).toContain(`#/article/${article.id}`);

    const events = page.locator('.timeline-list > li.event:not(.denial)');
    await expect(events.count()).resolves.toBe(14);
    // Newest first: the withdrawal, then the denial that came after it.
    const rows = page.locator('.timeline-list > li');
    await expect(rows.first().textContent()).resolves.toContain('Ditolak');
    await expect(rows.first().textContent()).resolves.toContain('Sari Wulandari mencoba ReviseArticle dan ditolak (not_owner)');
    await expect(rows.nth(1).textContent()).resolves.toContain(`Ayu Lestari menarik /${slug}`);
    await expect(page.locator('li.denial').count()).resolves.toBe(1);

    const verify = page.locator('li[data-revision="5"]');
    await expect(verify.textContent()).resolves.toContain('Ayu Lestari memverifikasi revisi 4 (sumber diperiksa, kutipan diatribusikan)');
    await expect(verify.textContent()).resolves.toContain('Ayu Lestari (editor)');
    await expect(page.locator('li[data-revision="3"] .event-summary').textContent()).resolves.toBe(
      'Dimas Prasetyo merevisi judul, isi, dan sumber',
    );
    await expect(page.locator('.chain-badge-verified').count()).resolves.toBe(14);

    // When: in the viewer's zone (WIB, UTC+7) and in UTC.
    const history = await t.as('auditor').get(`/v1/articles/${article.id}/history?from=5&limit=1`).expect(200);
    const occurredAt = history.body.items[0].occurredAt as string;
    const when = await verify.locator('time').getAttribute('datetime');
    expect(when).toBe(occurredAt);
    await expect(verify.locator('.instant').textContent()).resolves.toContain('WIB');
    await expect(verify.locator('.utc').textContent()).resolves.toContain(occurredAt.replace('T', ' ').replace('Z', ''));
    await expect(verify.textContent()).resolves.toContain(history.body.items[0].correlationId as string);

    await screenshot(page, 'console-timeline');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('li[data-revision="5"] .event-summary').textContent()).resolves.toBe(
      'Ayu Lestari verified revision 4 (sources checked, quotes attributed)',
    );
    await page.getByRole('button', { name: 'Oldest first' }).click();
    await expect(page.locator('.timeline-list > li').first().getAttribute('data-revision')).resolves.toBe('0');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  });

  test('diffs two revisions chosen on the timeline, word by word, side by side', async () => {
    await page.getByLabel('Bandingkan dari rev. 2').check();
    await page.getByLabel('ke rev. 3').check();
    await page.getByRole('button', { name: /Tampilkan perbandingan/ }).click();
    await page.getByRole('heading', { name: 'Perbedaan antara revisi 2 dan revisi 3' }).waitFor();
    expect(page.url()).toContain(`#/article/${article.id}/diff/2/3`);

    const headline = page.locator('tr', { has: page.locator('th', { hasText: 'Judul' }) }).first();
    await expect(headline.locator('.diff-before del').textContent()).resolves.toContain('12');
    await expect(headline.locator('.diff-after ins').textContent()).resolves.toContain('14');
    await expect(headline.locator('.diff-after').textContent()).resolves.toContain('Pompa Air Jelang Puncak Musim Hujan');
    const changedParagraph = page.locator('tr.diff-changed', { hasText: 'Paragraf, blok 3' });
    await expect(changedParagraph.locator('.diff-after ins').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('Pemprov Banten')]),
    );
    await expect(page.locator('tr.diff-unchanged', { hasText: 'Kutipan, blok 4' }).textContent()).resolves.toContain('Rina Maharani');
    const sources = page.locator('tr', { has: page.locator('th', { hasText: 'Sumber' }) });
    await expect(sources.locator('.diff-after ins').textContent()).resolves.toContain('Pemerintah Provinsi Banten');

    await screenshot(page.locator('section.diff'), 'console-diff');
    await expectAccessible(page);

    // The live copy: the correction (10 → 11) changed the public dek.
    await page.getByLabel('Bandingkan revisi').selectOption('10');
    await page.getByLabel('dengan revisi').selectOption('11');
    await page.getByRole('button', { name: 'Bandingkan', exact: true }).click();
    await page.getByRole('heading', { name: 'Perbedaan antara revisi 10 dan revisi 11' }).waitFor();
    const liveTable = page.locator('table', { has: page.locator('caption', { hasText: 'Salinan tayang' }) });
    await expect(liveTable.locator('.diff-after ins').textContent()).resolves.toContain('Pompa tambahan berasal dari Pemprov Banten');
  });

  test('shows the article as of a revision like the live page, and as of an instant', async () => {
    await page.goto(`${baseUrl}/console/#/article/${article.id}`);
    await page.locator('li[data-revision="11"]').getByRole('link', { name: 'Lihat per revisi ini' }).click();
    await page.getByRole('heading', { name: 'Artikel per revisi 11' }).waitFor();
    const live = page.locator('article.live-page');
    await expect(live.locator('.live-headline').textContent()).resolves.toBe(
      'BPBD Tangsel Siagakan 14 Pompa Air Jelang Puncak Musim Hujan',
    );
    await expect(live.locator('.live-dek').textContent()).resolves.toContain('Pompa tambahan berasal dari Pemprov Banten.');
    await expect(live.locator('.live-dateline').textContent()).resolves.toContain('Tangerang Selatan, IDN Times');
    await expect(live.locator('.live-byline').textContent()).resolves.toContain('Oleh Dimas Prasetyo ✓ Penulis Terverifikasi');
    await expect(live.locator('.live-quote figcaption').textContent()).resolves.toBe(
      '— Rina Maharani, Juru bicara BPBD Kota Tangerang Selatan',
    );
    // "Baca Juga" after block 2 (afterBlock 1), with the related article's headline.
    const bacaJuga = live.locator('.live-block').nth(1).locator('aside.baca-juga');
    await expect(bacaJuga.textContent()).resolves.toContain('Banjir Rendam Ratusan Rumah di Pondok Aren');
    await expect(live.locator('.live-corrections').textContent()).resolves.toContain(
      'Versi sebelumnya tidak menyebut asal pompa tambahan.',
    );
    await expect(live.locator('.live-editor').textContent()).resolves.toBe('Editor: Ayu Lestari');

    await screenshot(page.locator('section.as-of'), 'console-as-of');
    await expectAccessible(page);

    // Revision 2 by the instant it occurred, typed in the viewer's own zone.
    const history = await t.as('auditor').get(`/v1/articles/${article.id}/history?from=2&limit=1`).expect(200);
    // The form takes whole seconds: the next whole second after the event is still before revision 3.
    const occurredAt = Math.ceil(Date.parse(history.body.items[0].occurredAt as string) / 1000) * 1000;
    const wallClock = new Date(occurredAt + 7 * 3_600_000).toISOString().slice(0, 19);
    await page.getByLabel(/Atau sebuah waktu/).fill(wallClock);
    await page
      .locator('form', { has: page.getByLabel(/Atau sebuah waktu/) })
      .getByRole('button', { name: 'Tampilkan' })
      .click();
    await page.getByRole('heading', { name: 'Artikel per revisi 2' }).waitFor();
    await expect(page.locator('.as-of-intro').textContent()).resolves.toContain('Status saat itu: draf');
    await expect(page.locator('article.live-page .live-headline').textContent()).resolves.toBe(sampleArticleContent.headline);
  });

  test('verifies the chain on the server and in the browser, and downloads an export that verifies offline', async () => {
    await page.getByRole('link', { name: 'Integritas' }).click();
    await page.getByRole('button', { name: 'Verifikasi rantai' }).click();
    const checks = page.locator('.integrity-results');
    await expect(checks.locator('.check-ok').count()).resolves.toBe(2);
    await expect(checks.textContent()).resolves.toContain('Utuh: 14 peristiwa');
    const head = await page.getByLabel('Kepala rantai').inputValue();
    const integrity = await t.as('auditor').get(`/v1/articles/${article.id}/integrity`).expect(200);
    expect(head).toBe(integrity.body.head);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh riwayat (NDJSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`article-${article.id}-history.ndjson`);
    const file = await download.path();
    const verified = verifyExport(await readFile(file, 'utf8'));
    expect(verified.ok).toBe(true);
    expect(verified.streams[0]?.report).toEqual({ ok: true, events: 14, head });
    await expectAccessible(page);
    expect(await violations()).toEqual([]);
  });

  test('says in words what a role may not see, and when the server cannot be reached', async () => {
    const other = await context.newPage();
    try {
      // An editor reads the history, but denials are for auditors only.
      await signIn(other, baseUrl, t.tokens.editor);
      await other.goto(`${baseUrl}/console/#/article/${article.id}`);
      await other.getByRole('heading', { name: 'Linimasa' }).waitFor();
      await expect(other.locator('.timeline').textContent()).resolves.toContain('hanya ditampilkan untuk auditor');
      await expect(other.locator('li.denial').count()).resolves.toBe(0);

      // A writer may not read histories at all.
      await other.getByRole('button', { name: 'Keluar' }).click();
      await signIn(other, baseUrl, t.tokens.writer);
      await other.goto(`${baseUrl}/console/#/article/${article.id}/diff/2/3`);
      await expect(other.getByRole('alert').textContent()).resolves.toContain('Riwayat artikel untuk auditor, editor, dan admin');

      // The network fails under an auditor: the page says so and offers to try again.
      await other.getByRole('button', { name: 'Keluar' }).click();
      await signIn(other, baseUrl, t.tokens.auditor);
      await other.route('**/v1/articles/**', (route) => route.abort('connectionrefused'));
      await other.goto(`${baseUrl}/console/#/article/${article.id}`);
      await expect(other.getByRole('alert').textContent()).resolves.toContain('Server tidak dapat dihubungi');
      await other.unroute('**/v1/articles/**');
      await other.getByRole('button', { name: 'Coba lagi' }).click();
      await other.getByRole('heading', { name: 'Linimasa' }).waitFor();
    } finally {
      await other.close();
    }
  });

  test('reports the break in a tampered copy of the store, at the altered revision', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'redaksi-tampered-'));
    let tampered: TestApp | undefined;
    try {
      const source = new Database(path.join(t.dataDir, EMBEDDED_STORE_FILE), { readonly: true });
      await source.backup(path.join(copy, EMBEDDED_STORE_FILE));
      source.close();
      const db = new Database(path.join(copy, EMBEDDED_STORE_FILE));
      const where = { stream: `article-${article.id}`, revision: 5 };
      const row = db.prepare('SELECT data FROM events WHERE stream_id = @stream AND revision = @revision').get(where) as {
        data: string | Buffer;
      };
      const data = JSON.parse(row.data.toString()) as Record<string, unknown>;
      db.prepare('UPDATE events SET data = @data WHERE stream_id = @stream AND revision = @revision').run({
        ...where,
        data: JSON.stringify({ ...data, verifiedByName: 'Bagus Santoso', verifiedBy: 'editor-bagus' }),
      });
      db.close();

      tampered = await startTestApp({ dataDir: copy, scheduler: { enabled: false } });
      const tamperedUrl = await listen(tampered);
      const second = await context.newPage();
      const secondViolations = await recordPolicyViolations(second);
      await signIn(second, tamperedUrl, tampered.tokens.auditor);
      await second.goto(`${tamperedUrl}/console/#/article/${article.id}`);
      await second.getByRole('heading', { name: 'Linimasa' }).waitFor();

      await expect(second.locator('li[data-revision="5"] .chain-badge').textContent()).resolves.toContain('rantai putus di sini');
      await expect(second.locator('li[data-revision="6"] .chain-badge').textContent()).resolves.toContain('tidak dapat diverifikasi');
      await expect(second.locator('li[data-revision="4"] .chain-badge').textContent()).resolves.toContain('hash terverifikasi');

      await second.getByRole('link', { name: 'Integritas' }).click();
      const checks = second.locator('.integrity-results');
      await expect(checks.locator('.check-broken').count()).resolves.toBe(2);
      await expect(checks.textContent()).resolves.toContain('PUTUS di revisi 5: peristiwa tidak lagi cocok dengan hash-nya');
      await expectAccessible(second);
      expect(await secondViolations()).toEqual([]);
      await second.close();

      // The original store still verifies.
      const original = await t.as('auditor').get(`/v1/articles/${article.id}/integrity`).expect(200);
      expect(original.body.ok).toBe(true);
    } finally {
      await tampered?.close();
      await rm(copy, { recursive: true, force: true });
    }
  }, 90_000);
});
