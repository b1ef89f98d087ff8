import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import type { Actor, Role } from '../../kernel/identity.js';
import { ApiKeyStore } from './api-key-store.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators.js';

// RFC 6750 §2.1: the scheme is case-insensitive, the token a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const CHALLENGE = 'Bearer realm="redaksi"';

/**
 * Global guard: every route needs `Authorization: Bearer <token>` unless it is @Public();
 * @Roles() narrows a route to some roles.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // Only HTTP carries credentials; deny any other transport rather than wave it through.
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const actor = this.authenticate(request, http.getResponse<ServerResponse>());
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets);
    if (roles !== undefined && !roles.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException(`This endpoint requires one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }

  private authenticate(request: AuthenticatedRequest, response: ServerResponse): Actor {
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') {
      response.setHeader('WWW-Authenticate', CHALLENGE);
      throw new UnauthorizedException('Send an API key as "Authorization: Bearer <token>".');
    }
    const token = BEARER.exec(header.trim())?.[1];
    const actor = token === undefined ? undefined : this.keys.authenticate(token);
    if (actor === undefined) {
      response.setHeader('WWW-Authenticate', `${CHALLENGE}, error="invalid_token"`);
      throw new UnauthorizedException(
        token === undefined ? 'The Authorization header must be "Bearer <token>".' : 'The API key is not valid.',
      );
    }
    return actor;
  }
}
