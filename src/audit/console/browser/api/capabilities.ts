import type { ApiClient } from './client.js';

/** Parts of the API that not every server has; the console shows a feature only when its endpoint exists. */
export interface Capabilities {
  /** `GET /v1/desk/search?q=`: staff search over the desk. */
  readonly deskSearch: boolean;
}

export const NO_CAPABILITIES: Capabilities = { deskSearch: false };

/** Read from the server's own OpenAPI description; a server without one offers nothing extra. */
export async function probeCapabilities(api: ApiClient): Promise<Capabilities> {
  try {
    const document = await api.json<{ paths?: Record<string, { get?: unknown }> }>('/docs-json');
    const has = (path: string) => document.paths?.[path]?.get !== undefined;
    return { deskSearch: has('/v1/desk/search') };
  } catch {
    return NO_CAPABILITIES;
  }
}
