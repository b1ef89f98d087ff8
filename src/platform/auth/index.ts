export { ApiKeyGuard } from './api-key.guard.js';
export { ApiKeyStore } from './api-key-store.js';
export { type ApiKeyEntry, ApiKeysError, parseApiKeys } from './api-keys.js';
export { type ApiKeysLogger, loadOrCreateApiKeys } from './api-keys-file.js';
export { AuthModule, type AuthModuleOptions } from './auth.module.js';
export type { AuthenticatedRequest } from './authenticated-request.js';
export { CurrentActor, IS_PUBLIC_KEY, Public, Roles, ROLES_KEY } from './decorators.js';
