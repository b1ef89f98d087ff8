import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../../../kernel/identity.js';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import type { CommandEnvelope } from '../command-envelope.js';
import { commandIdFor } from '../../../kernel/ids.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,19})"?$/;

interface CommandRequest extends Request {
  actor?: Actor;
  correlationId?: string;
}

/**
 * The command's envelope, read from the request: the authenticated actor, the correlation id
 * the logging middleware assigned, Idempotency-Key and If-Match. Malformed headers are a 400,
 * never ignored: a client that asked for a guarantee must get it or be told.
 */
export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandEnvelope => {
  const request = context.switchToHttp().getRequest<CommandRequest>();
  const actor = request.actor;
  if (actor === undefined) throw new Error('CommandContext used on a route without authentication');
  const idempotencyKey = header(request, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  const commandId = commandIdFor(actor.id, idempotencyKey);
  const correlationId = request.correlationId ?? randomUUID();
  return {
    actor,
    commandId,
    correlationId,
    causationId: correlationId,
    requestHash: requestHash(request),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    ...ifMatch(request),
  };
});

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function ifMatch(request: Request): { expectedRevision?: bigint } {
  const value = header(request, 'if-match')?.trim();
  if (value === undefined || value === '*') return {};
  const match = IF_MATCH.exec(value);
  if (match?.[1] === undefined) {
    throw new BadRequestException('If-Match must be an ETag this API returned, e.g. "3"');
  }
  return { expectedRevision: BigInt(match[1]) };
}

/** Same key + different request = refused; the hash covers what the request asks for. */
function requestHash(request: Request): string {
  const body: unknown = request.body;
  const canonicalBody = body === undefined ? '' : canonicalJson(body);
  return createHash('sha256').update(`${request.method}\n${request.path}\n${canonicalBody}`).digest('base64url');
}
