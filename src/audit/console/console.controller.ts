import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Public } from '../../platform/auth/index.js';
import { Refusal } from '../../kernel/refusal.js';
import { CONSOLE_SECURITY_HEADERS, ConsoleAssets } from './console-assets.js';

/**
 * Serves the auditor's console at /console/. The page itself needs no token: it asks for one
 * and sends it to the API in the Authorization header. Everything framework-specific about
 * serving it is in this file (the request's URL and If-None-Match in, status, headers and
 * bytes out), so a change of HTTP adapter touches only these few lines.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  constructor(@Inject(ConsoleAssets) private readonly assets: ConsoleAssets) {}

  @Get(['console', 'console/*path'])
  serve(@Req() request: IncomingMessage, @Res() response: ServerResponse): void {
    const answer = this.assets.answer(request.url ?? '', header(request, 'if-none-match'));
    switch (answer.kind) {
      case 'not_built':
        throw new Refusal('unavailable', 'console_not_built', 'This server has no console build; run `npm run build` and restart it.', {
          title: 'The console is not built',
        });
      case 'not_found':
        throw new Refusal('not_found', 'not_found', 'The console has no such file.', { title: 'Not found' });
      case 'asset': {
        const { asset, notModified } = answer;
        response.writeHead(notModified ? 304 : 200, {
          ...CONSOLE_SECURITY_HEADERS,
          'Content-Type': asset.contentType,
          'Cache-Control': asset.cacheControl,
          ETag: asset.etag,
          ...(notModified ? {} : { 'Content-Length': String(asset.body.length) }),
        });
        response.end(notModified || request.method === 'HEAD' ? undefined : asset.body);
      }
    }
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
