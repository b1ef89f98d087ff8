import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { type FSWatcher, watch } from 'chokidar';
import type { ApiKeyStore } from './api-key-store.js';
import { keyFingerprint } from './api-key-token.js';
import { type ApiKeyEntry, entrySha256 } from './api-keys.js';
import { type ApiKeysLogger, readApiKeysFile } from './api-keys-file.js';

export interface ApiKeysWatcherLogger extends ApiKeysLogger {
  error(details: object, message: string): void;
}

export type ReloadOutcome =
  | { readonly kind: 'reloaded'; readonly keys: number; readonly changedPrincipals: readonly string[] }
  | { readonly kind: 'kept'; readonly keys: number; readonly reason: string };

/** Editors save a file in several writes; one reload after they settle reads the finished file. */
export const DEFAULT_DEBOUNCE_MS = 250;

/**
 * Keeps a running server's keys in step with the keys file: every change (the keys command, an
 * editor, a config-management tool) is read again after a short quiet spell and validated like
 * at start. A file that is missing or invalid changes nothing: the server keeps its last good
 * keys and says why in the log, so a typo cannot lock the newsroom out.
 */
export class ApiKeysWatcher implements OnModuleInit, OnModuleDestroy {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<unknown> = Promise.resolve();
  private current: readonly ApiKeyEntry[];
  private readonly reloadListeners = new Set<(outcome: ReloadOutcome) => void>();

  constructor(
    private readonly file: string,
    private readonly store: ApiKeyStore,
    initial: readonly ApiKeyEntry[],
    private readonly logger: ApiKeysWatcherLogger,
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {
    this.current = initial;
  }

  onModuleInit(): Promise<void> {
    return this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  async start(): Promise<void> {
    if (this.watcher !== undefined) return;
    const watcher = watch(this.file, { ignoreInitial: true, persistent: true });
    watcher.on('add', () => this.schedule());
    watcher.on('change', () => this.schedule());
    watcher.on('unlink', () =>
      this.logger.warn(
        { apiKeysFile: this.file, keys: this.store.size },
        'The API keys file was removed; the server keeps the keys it has until the file is back',
      ),
    );
    watcher.on('error', (error) =>
      this.logger.error({ apiKeysFile: this.file, err: error }, 'Watching the API keys file failed; changes may not be picked up'),
    );
    this.watcher = watcher;
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.watcher?.close();
    this.watcher = undefined;
    await this.reloading;
  }

  /** Called after every reload attempt; for tests and diagnostics. */
  onReload(listener: (outcome: ReloadOutcome) => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  /** Reads the file now (after any reload in progress). */
  reload(): Promise<ReloadOutcome> {
    const next = this.reloading.then(() => this.reloadOnce());
    this.reloading = next.catch(() => undefined);
    return next;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, this.debounceMs);
  }

  private async reloadOnce(): Promise<ReloadOutcome> {
    let outcome: ReloadOutcome;
    try {
      const keys = await readApiKeysFile(this.file, this.logger);
      const changedPrincipals = changed(this.current, keys);
      this.store.replace(keys);
      this.current = keys;
      outcome = { kind: 'reloaded', keys: keys.length, changedPrincipals };
      this.logger.info({ apiKeysFile: this.file, keys: keys.length, changedPrincipals }, 'Reloaded the API keys file');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcome = { kind: 'kept', keys: this.store.size, reason };
      this.logger.error(
        { apiKeysFile: this.file, keys: this.store.size, reason },
        'The API keys file is not valid; the server keeps its last good keys',
      );
    }
    for (const listener of this.reloadListeners) listener(outcome);
    return outcome;
  }
}

/** Principals whose keys were added, removed or replaced, by fingerprint; never a token. */
function changed(before: readonly ApiKeyEntry[], after: readonly ApiKeyEntry[]): string[] {
  const keysOf = (entries: readonly ApiKeyEntry[]) => {
    const byPrincipal = new Map<string, string[]>();
    for (const entry of entries) {
      const list = byPrincipal.get(entry.principalId) ?? [];
      list.push(`${keyFingerprint(entrySha256(entry))}:${entry.roles.join(',')}:${entry.displayName}`);
      byPrincipal.set(entry.principalId, list);
    }
    return byPrincipal;
  };
  const old = keysOf(before);
  const now = keysOf(after);
  const principals = new Set([...old.keys(), ...now.keys()]);
  return [...principals].filter((id) => (old.get(id) ?? []).sort().join('|') !== (now.get(id) ?? []).sort().join('|')).sort();
}
