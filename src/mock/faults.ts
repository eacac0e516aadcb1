/**
 * Fault injection for reliability tests. Pure bookkeeping: `decide()` says what should happen to one
 * request; the pipeline does it (wait, answer 429/5xx, or destroy the socket).
 */
import type { FaultRule } from './types.js';

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'rate-limit'; delayMs: number; retryAfterSeconds: number }
  | { kind: 'status'; delayMs: number; status: number; retryAfterSeconds: number }
  | { kind: 'drop'; delayMs: number };

interface RuleState {
  rule: FaultRule;
  /** Requests this rule has acted on (for `times`). */
  hits: number;
  /** rate-limit: requests let through in the current window. */
  windowCount: number;
  /** rate-limit: 429s until this time (ms since epoch); 0 when not blocked. */
  blockedUntil: number;
}

const KINDS = new Set(['rate-limit', 'status', 'latency', 'drop']);

function checkRule(rule: FaultRule, index: number): void {
  const where = `faults[${index}]`;
  if (!rule || typeof rule.operationId !== 'string' || rule.operationId === '') throw new TypeError(`${where}.operationId must be a non-empty string`);
  if (!KINDS.has(rule.kind)) throw new TypeError(`${where}.kind must be one of rate-limit, status, latency, drop`);
  for (const key of ['after', 'retryAfterSeconds', 'times', 'ms'] as const) {
    const v = rule[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new TypeError(`${where}.${key} must be a number >= 0`);
  }
  if (rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)) {
    throw new TypeError(`${where}.status must be an HTTP error status (400-599)`);
  }
}

export class FaultEngine {
  #states: RuleState[] = [];

  constructor(rules: FaultRule[] = []) {
    this.set(rules);
  }

  set(rules: FaultRule[]): void {
    rules.forEach(checkRule);
    this.#states = rules.map((rule) => ({ rule: { ...rule }, hits: 0, windowCount: 0, blockedUntil: 0 }));
  }

  clear(): void {
    this.#states = [];
  }

  get active(): boolean {
    return this.#states.length > 0;
  }

  decide(operationId: string, now = Date.now()): FaultDecision {
    let delayMs = 0;
    for (const state of this.#states) {
      const { rule } = state;
      if (rule.operationId !== '*' && rule.operationId !== operationId) continue;
      if (rule.times !== undefined && state.hits >= rule.times) continue;
      switch (rule.kind) {
        case 'latency':
          state.hits++;
          delayMs += rule.ms ?? 0;
          break;
        case 'drop':
          state.hits++;
          return { kind: 'drop', delayMs };
        case 'status': {
          state.hits++;
          return { kind: 'status', delayMs, status: rule.status ?? 503, retryAfterSeconds: rule.retryAfterSeconds ?? 1 };
        }
        case 'rate-limit': {
          const decision = this.#rateLimit(state, now);
          if (decision !== undefined) return { kind: 'rate-limit', delayMs, retryAfterSeconds: decision };
          break;
        }
      }
    }
    return { kind: 'none', delayMs };
  }

  /** Retry-After seconds when the request is refused, undefined when it may pass. */
  #rateLimit(state: RuleState, now: number): number | undefined {
    const retryAfter = state.rule.retryAfterSeconds ?? 1;
    if (state.blockedUntil > 0) {
      if (now < state.blockedUntil) {
        state.hits++;
        return Math.ceil((state.blockedUntil - now) / 1000);
      }
      // The block is over: a fresh window, as a real fixed-window limiter would open.
      state.blockedUntil = 0;
      state.windowCount = 0;
    }
    state.windowCount++;
    if (state.windowCount <= (state.rule.after ?? 0)) return undefined;
    state.hits++;
    state.blockedUntil = retryAfter > 0 ? now + retryAfter * 1000 : 0;
    if (retryAfter === 0) state.windowCount = 0;
    return retryAfter;
  }
}
