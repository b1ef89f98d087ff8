import type { ApiKeysWatcher, ReloadOutcome } from '../api-keys-watcher.js';

/**
 * The watcher's next reload attempt that matches. Register it before changing the file. A file
 * system may report one write twice, so match on what the change is expected to do: a late
 * duplicate must not stand for the next change. Bounded, so a change that is never picked up
 * fails the test instead of hanging it.
 */
export function nextReload(
  watcher: ApiKeysWatcher,
  matches: (outcome: ReloadOutcome) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<ReloadOutcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the API keys file was not reloaded as expected within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = watcher.onReload((outcome) => {
      if (!matches(outcome)) return;
      clearTimeout(timer);
      stop();
      resolve(outcome);
    });
  });
}
