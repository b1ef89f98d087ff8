import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assetName, CONSOLE_SECURITY_HEADERS, ConsoleAssets } from './console-assets.js';

describe('the console’s built files', () => {
  let build: string;
  beforeAll(async () => {
    build = await mkdtemp(path.join(tmpdir(), 'redaksi-console-build-'));
    await mkdir(path.join(build, 'assets'));
    await writeFile(path.join(build, 'index.html'), '<!doctype html><title>Konsol</title>');
    await writeFile(path.join(build, 'assets', 'index-abc123.js'), 'export {};');
    await writeFile(path.join(build, 'notes.exe'), 'not served');
  });
  afterAll(() => rm(build, { recursive: true, force: true }));

  it('answers the page and its hashed files, with revalidation for the page and a long cache for the rest', () => {
    const assets = ConsoleAssets.load(build);
    const page = assets.answer('/console/?from=bookmark', undefined);
    expect(page).toMatchObject({
      kind: 'asset',
      notModified: false,
      asset: { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' },
    });
    expect(assets.answer('/console', undefined)).toEqual(page);
    const script = assets.answer('/console/assets/index-abc123.js', undefined);
    expect(script).toMatchObject({
      kind: 'asset',
      asset: { contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' },
    });
    if (script.kind !== 'asset') throw new Error('no script');
    expect(assets.answer('/console/assets/index-abc123.js', `"other", ${script.asset.etag}`)).toMatchObject({
      kind: 'asset',
      notModified: true,
    });
  });

  it('never reaches outside the build, nor files of types it does not serve', () => {
    const assets = ConsoleAssets.load(build);
    for (const url of [
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/assets/../../x',
      '/console//index.html',
      '/console/notes.exe',
      '/consolex',
      '/console/%E0%A4%A',
    ]) {
      expect(assets.answer(url, undefined)).toEqual({ kind: 'not_found' });
    }
    expect(assetName('/console/assets/a%20b.js')).toBe('assets/a b.js');
  });

  it('says so when there is no build', () => {
    const missing = path.join(build, 'nowhere');
    const assets = ConsoleAssets.load(missing);
    expect(assets.built).toBe(false);
    expect(assets.answer('/console/', undefined)).toEqual({ kind: 'not_built', directory: missing });
  });

  it('allows nothing inline and nothing from elsewhere', () => {
    const policy = CONSOLE_SECURITY_HEADERS['Content-Security-Policy']!;
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
      ]),
    );
    expect(policy).not.toMatch(/unsafe|\*|data:|https?:/);
  });
});
