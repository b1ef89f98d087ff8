/** A small seeded generator (mulberry32): the same seed gives the same corpus and queries on every run. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(from: number, to: number): number {
    return from + Math.floor(this.next() * (to - from + 1));
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }

  weighted<T extends { readonly weight: number }>(values: readonly T[]): T {
    let at = this.next() * values.reduce((sum, value) => sum + value.weight, 0);
    for (const value of values) {
      at -= value.weight;
      if (at < 0) return value;
    }
    return values.at(-1)!;
  }
}
