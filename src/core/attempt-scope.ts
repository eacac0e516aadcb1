/**
 * One attempt's budget: its deadline and the caller's abort. The transport gets the remaining time
 * as a number and keeps its own timer; a signal (with its AbortController) is made only when
 * something else has to wait inside the budget (a shared token request), so a plain call allocates none.
 */
export class AttemptScope {
  readonly #deadline: number;
  readonly #caller: AbortSignal | undefined;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onAbort: (() => void) | undefined;
  #timedOut = false;

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    // The monotonic clock: a wall-clock step changes no budget.
    this.#deadline = timeoutMs > 0 ? performance.now() + timeoutMs : 0;
    this.#caller = caller;
  }

  /** Whether the budget ran out while something waited on {@link signal}. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** Milliseconds left (at least 1), or 0 when the attempt has no timeout. */
  remainingMs(): number {
    return this.#deadline === 0 ? 0 : Math.max(1, Math.ceil(this.#deadline - performance.now()));
  }

  /** Aborts on the caller's abort or at the deadline; undefined when neither can happen. */
  get signal(): AbortSignal | undefined {
    if (this.#controller) return this.#controller.signal;
    if (this.#deadline === 0 && !this.#caller) return undefined;
    const controller = (this.#controller = new AbortController());
    if (this.#deadline !== 0) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        controller.abort();
      }, this.remainingMs());
    }
    if (this.#caller) {
      const caller = this.#caller;
      this.#onAbort = () => controller.abort(caller.reason);
      caller.addEventListener('abort', this.#onAbort, { once: true });
    }
    return controller.signal;
  }

  close(): void {
    clearTimeout(this.#timer);
    if (this.#onAbort) this.#caller?.removeEventListener('abort', this.#onAbort);
  }
}
