import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemException } from './problem.js';

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/;

export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType !== undefined && JSON_MEDIA_TYPE.test(mediaType);
}

function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
  );
}

/**
 * The API speaks JSON only. Without this a form or text body would be skipped by the JSON
 * parser and reach validation as an empty object, and the client would be told about
 * missing fields instead of the wrong media type.
 */
export function requireJsonBody(req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void): void {
  if (!hasBody(req) || isJsonMediaType(req.headers['content-type'])) {
    next();
    return;
  }
  next(
    new ProblemException({
      status: 415,
      type: 'unsupported-media-type',
      title: 'Unsupported Media Type',
      detail: 'Send the request body as application/json.',
    }),
  );
}
