/**
 * Wakes one sleeping loop early. A notification that comes while nobody waits is kept, so a
 * loop that checks its work and then waits never misses one that arrived in between.
 */
export class WakeSignal {
  private waiter: (() => void) | undefined;
  private notified = false;

  notify(): void {
    const waiter = this.waiter;
    if (waiter === undefined) {
      this.notified = true;
      return;
    }
    this.waiter = undefined;
    waiter();
  }

  /** Resolves on a notification or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.waiter = undefined;
          resolve();
        },
        Math.max(0, ms),
      );
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
