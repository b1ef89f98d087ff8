import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the console is mounted; the browser build (vite.config.ts) uses the same base. */
export const CONSOLE_BASE = '/console/';

/**
 * The console runs under a policy that allows nothing inline and nothing from elsewhere:
 * its scripts, styles and images come from this server, and it only talks to this API.
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// The build is a handful of small files; anything far larger is not a console build.
const MAX_FILES = 200;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

export interface ConsoleAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly cacheControl: string;
}

export type ConsoleAnswer =
  | { readonly kind: 'asset'; readonly asset: ConsoleAsset; readonly notModified: boolean }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_built'; readonly directory: string };

/**
 * The built console (`npm run build` writes it to dist/console), read into memory once: a
 * request is a map lookup, never a file-system path built from the URL, so nothing outside
 * the build can be reached. Knows no HTTP framework: the controller writes the answer.
 */
export class ConsoleAssets {
  private constructor(
    readonly directory: string,
    private readonly assets: ReadonlyMap<string, ConsoleAsset> | undefined,
  ) {}

  /** Reads the build in `directory`; a missing build is remembered and answered as such. */
  static load(directory: string): ConsoleAssets {
    if (!existsSync(path.join(directory, 'index.html'))) return new ConsoleAssets(directory, undefined);
    const assets = new Map<string, ConsoleAsset>();
    let total = 0;
    for (const relative of filesUnder(directory)) {
      const contentType = CONTENT_TYPES[path.extname(relative).toLowerCase()];
      if (contentType === undefined) continue;
      const body = readFileSync(path.join(directory, relative));
      total += body.length;
      if (assets.size >= MAX_FILES || total > MAX_TOTAL_BYTES) {
        throw new Error(`${directory} holds more than a console build (${MAX_FILES} files or ${MAX_TOTAL_BYTES} bytes)`);
      }
      const urlPath = relative.split(path.sep).join('/');
      assets.set(urlPath, {
        body,
        contentType,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        // Files under assets/ carry a content hash in their names; everything else (index.html)
        // must be revalidated, so a new build reaches browsers on the next load.
        cacheControl: urlPath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    return new ConsoleAssets(directory, assets);
  }

  get built(): boolean {
    return this.assets !== undefined;
  }

  /** The answer for a request path such as `/console/` or `/console/assets/index-1a2b.js`. */
  answer(urlPath: string, ifNoneMatch: string | undefined): ConsoleAnswer {
    if (this.assets === undefined) return { kind: 'not_built', directory: this.directory };
    const name = assetName(urlPath);
    const asset = name === undefined ? undefined : this.assets.get(name);
    if (asset === undefined) return { kind: 'not_found' };
    const notModified = ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === asset.etag);
    return { kind: 'asset', asset, notModified };
  }
}

/** `/console` and `/console/` are the page; `/console/<file>` a file of the build; the query string is ignored. */
export function assetName(urlPath: string): string | undefined {
  const pathname = urlPath.split(/[?#]/, 1)[0] ?? '';
  if (pathname === CONSOLE_BASE.slice(0, -1) || pathname === CONSOLE_BASE) return 'index.html';
  if (!pathname.startsWith(CONSOLE_BASE)) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(CONSOLE_BASE.length));
  } catch {
    return undefined;
  }
  return name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..') ? undefined : name;
}

/**
 * Where `npm run build` puts the console, seen from this file: dist/audit/console/ when the
 * server runs compiled, src/audit/console/ when tests run the sources.
 */
export function defaultConsoleDirectory(): string {
  const here = import.meta.dirname;
  const compiled = path.resolve(here, '../../console');
  return existsSync(path.join(compiled, 'index.html')) ? compiled : path.resolve(here, '../../../dist/console');
}

function filesUnder(directory: string, prefix = ''): string[] {
  return readdirSync(path.join(directory, prefix)).flatMap((entry) => {
    const relative = path.join(prefix, entry);
    return statSync(path.join(directory, relative)).isDirectory() ? filesUnder(directory, relative) : [relative];
  });
}
