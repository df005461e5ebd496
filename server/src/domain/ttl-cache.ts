/** Values kept for a while, then recomputed: for answers that may be a little stale. */
export class TtlCache<T> {
  readonly #entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  /** The cached value for `key`, or `compute()`'s, kept for the TTL. Failures are not kept. */
  get(key: string, now: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    const value = compute();
    this.#entries.set(key, { value, expires: now + this.ttlMs });
    value.catch(() => this.#entries.delete(key));
    return value;
  }
}
