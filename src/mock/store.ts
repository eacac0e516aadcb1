/**
 * A Map that never holds more than `cap` entries: inserting past the cap evicts the oldest insertion.
 * Every piece of per-client state in the mock lives in one of these, so a long-running mock (or a
 * hostile client) cannot grow memory without bound.
 */
export class BoundedMap<K, V> {
  readonly #map = new Map<K, V>();

  constructor(
    readonly cap: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`cap must be a positive integer, got ${cap}`);
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  set(key: K, value: V): this {
    if (!this.#map.has(key) && this.#map.size >= this.cap) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) {
        const evicted = this.#map.get(oldest.value) as V;
        this.#map.delete(oldest.value);
        this.onEvict?.(oldest.value, evicted);
      }
    }
    this.#map.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  values(): IterableIterator<V> {
    return this.#map.values();
  }

  clear(): void {
    this.#map.clear();
  }
}
