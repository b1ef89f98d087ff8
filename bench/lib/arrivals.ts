/** What arrived for each key (an article id), and a way to wait, bounded, for what has not yet. */
export class Arrivals<T> {
  private readonly arrived = new Map<string, T>();
  private readonly waiters = new Map<string, () => void>();

  record(key: string, value: T): void {
    this.arrived.set(key, value);
    this.waiters.get(key)?.();
  }

  /** What arrived for the key, waiting up to `timeoutMs` for it; undefined if nothing came. */
  async waitFor(key: string, timeoutMs: number): Promise<T | undefined> {
    if (!this.arrived.has(key)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.waiters.set(key, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters.delete(key);
    }
    return this.arrived.get(key);
  }
}
