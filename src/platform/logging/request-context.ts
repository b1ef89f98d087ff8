import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestStore {
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<RequestStore>();

/**
 * The request being handled, reachable from any code running on its behalf (handlers,
 * repositories, log lines) without threading the request object through every call.
 */
export const RequestContext = {
  run<T>(store: RequestStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestStore | undefined {
    return storage.getStore();
  },
  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};
