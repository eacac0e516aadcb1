/**
 * A push/pull queue behind an async iterator: a producer (socket callbacks) pushes, one consumer
 * (`for await`) pulls. Items pushed while nobody waits are kept in order; `end` lets the consumer
 * drain what is left, `fail` delivers the error after it.
 */
export class AsyncQueue<T> {
  #items: T[] = [];
  #waiter: { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void } | undefined;
  #ended = false;
  #failure: { error: unknown } | undefined;

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    if (this.#waiter) {
      const waiter = this.#waiter;
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
    } else this.#items.push(item);
  }

  /** No more items; the consumer still gets those already queued. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#settleWaiter();
  }

  /** Ends with an error, thrown to the consumer after the queued items. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#failure = { error };
    this.end();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift()!, done: false });
    if (this.#ended) return this.#failure ? Promise.reject(this.#failure.error) : Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
  }

  #settleWaiter(): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#waiter = undefined;
    if (this.#failure) waiter.reject(this.#failure.error);
    else waiter.resolve({ value: undefined, done: true });
  }
}
