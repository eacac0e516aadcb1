/**
 * Fault injection for reliability tests. Pure bookkeeping: `decide()` says what should happen to one
 * request, the pipeline does it (wait, answer 429/5xx, or destroy the socket); `dropStream()` says when
 * an event stream is to be dropped, the stream does it (a close frame, or a TCP reset).
 */
import type { FaultRule } from './types.js';

/** The event stream's operation, as the AsyncAPI document names it: the only target of `drop-stream`. */
export const EVENT_STREAM_OPERATION = 'receiveGuestChatEvents';
/** The close code of a dropped stream when the rule names none: 1001, going away (a server restart). */
const DEFAULT_DROP_CLOSE_CODE = 1001;

/** How to drop an event stream: a close frame with this code, or a TCP reset (`code` undefined). */
export type StreamDrop = { reset: false; code: number } | { reset: true };

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

const KINDS = new Set(['rate-limit', 'status', 'latency', 'drop', 'drop-stream']);

/** Close codes a server may put in a close frame (RFC 6455 §7.4; 1004–1006 and 1015 are never sent). */
function isSendableCloseCode(code: number): boolean {
  return Number.isInteger(code) && ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999));
}

function checkRule(rule: FaultRule, index: number): void {
  const where = `faults[${index}]`;
  if (!rule || typeof rule.operationId !== 'string' || rule.operationId === '') throw new TypeError(`${where}.operationId must be a non-empty string`);
  if (!KINDS.has(rule.kind)) throw new TypeError(`${where}.kind must be one of rate-limit, status, latency, drop, drop-stream`);
  for (const key of ['after', 'retryAfterSeconds', 'times', 'ms'] as const) {
    const v = rule[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new TypeError(`${where}.${key} must be a number >= 0`);
  }
  if (rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)) {
    throw new TypeError(`${where}.status must be an HTTP error status (400-599)`);
  }
  checkStreamRule(rule, where);
}

/** `drop-stream` acts on the event stream only, and the event stream takes no other kind. */
function checkStreamRule(rule: FaultRule, where: string): void {
  const stream = rule.kind === 'drop-stream';
  if (stream && rule.operationId !== EVENT_STREAM_OPERATION && rule.operationId !== '*') {
    throw new TypeError(`${where}: drop-stream applies to the event stream, operationId ${EVENT_STREAM_OPERATION} (or *)`);
  }
  if (!stream && rule.operationId === EVENT_STREAM_OPERATION) throw new TypeError(`${where}: ${EVENT_STREAM_OPERATION} (the event stream) takes only drop-stream faults`);
  if (!stream && (rule.closeCode !== undefined || rule.reset !== undefined)) throw new TypeError(`${where}: closeCode and reset belong to drop-stream faults`);
  if (rule.closeCode !== undefined && !isSendableCloseCode(rule.closeCode)) {
    throw new TypeError(`${where}.closeCode must be a close code a server may send (1000-1003, 1007-1014, 3000-4999)`);
  }
  if (rule.reset !== undefined && typeof rule.reset !== 'boolean') throw new TypeError(`${where}.reset must be a boolean`);
  if (rule.reset && rule.closeCode !== undefined) throw new TypeError(`${where}: a reset sends no close frame, so it takes no closeCode`);
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
        case 'drop-stream':
          break; // streams ask dropStream()
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

  /**
   * Asked by an event stream when it was accepted (`framesSent` 0) and after each frame it sent: a drop
   * once the stream has carried the rule's `after` frames, for `times` streams.
   */
  dropStream(framesSent: number): StreamDrop | undefined {
    for (const state of this.#states) {
      const { rule } = state;
      if (rule.kind !== 'drop-stream') continue;
      if (rule.times !== undefined && state.hits >= rule.times) continue;
      if (framesSent < (rule.after ?? 0)) continue;
      state.hits++;
      return rule.reset ? { reset: true } : { reset: false, code: rule.closeCode ?? DEFAULT_DROP_CLOSE_CODE };
    }
    return undefined;
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
