import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Actor, Role } from '../../kernel/identity.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

export const IS_PUBLIC_KEY = 'redaksi:auth:public';
export const ROLES_KEY = 'redaksi:auth:roles';

/**
 * No API key needed (health, docs). In OpenAPI the operation gets `security: [{}]`,
 * which overrides the document-wide bearer requirement.
 */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiSecurity({}));

/**
 * The actor needs at least one of these roles, else 403. For route-level gating of reads;
 * who may do what to an article is the domain's decision.
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The authenticated Actor (set by ApiKeyGuard). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Only reachable on a @Public() route: a programming error, not a client's.
  if (actor === undefined) throw new Error('@CurrentActor() used on a route without an authenticated actor');
  return actor;
});
