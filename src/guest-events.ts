/**
 * The guest chat event stream (the websocket at `eventStreamUri`) as an async iterator of typed frames.
 * Each time a socket opens (the first time too) it fetches, through the messages API, what was said
 * before (`after` the last message it saw, from the start the first time), so a message sent before the
 * socket was open is not lost, and yields each message once, in order. It survives a dropped socket:
 * it reconnects with bounded backoff. A server that accepts sockets and drops them before any frame
 * counts as failing, so it cannot make the stream reconnect forever.
 */
import { AsyncQueue } from './core/async-queue.js';
import type { Rule, Validator } from './core/rules.js';
import { frameClassifier, messageFrame, type EventFrame, type MessageLike } from './guest-event-frames.js';

/**
 * An event handler checked bivariantly (as a method would be), so that a socket whose handlers take a
 * richer event type (the DOM's `CloseEvent`, `ws`'s `WebSocket.CloseEvent`) still fits.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the WebSocket interface the stream uses; the platform `WebSocket` and `ws` both fit, uncast. */
export interface WebSocketLike {
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code?: number }> | null;
  onerror: Handler<unknown> | null;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface EventsOptions {
  /** Ends the stream (the iterator returns) and closes the socket. */
  signal?: AbortSignal;
  /** Yield the `channel.metadata` heartbeat frames too. @default false */
  heartbeats?: boolean;
  /** Frames of a kind this version does not know: yielded as `{ kind: 'unknown' }` or skipped. @default 'yield' */
  unknownFrames?: 'yield' | 'skip';
  /** How long one connection may take to open. @default 10000 */
  connectTimeoutMs?: number;
  /**
   * Reconnects after a dropped socket (`false`: none). `maxAttempts` bounds the failures in a row: a
   * socket that does not open, or closes before it delivered a frame, is one; a frame resets the count.
   * @default { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 5000 }
   */
  reconnect?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number } | false;
}


/**
 * What this lazily loaded module needs from the code that loads it. Handed in rather than imported, so
 * that the module shares nothing with the entry chunk (a shared module would become a third chunk).
 */
export interface StreamKit {
  /** The error thrown when the socket cannot be opened or reopened. */
  streamError(message: string): Error;
  /** Binds a frame rule to the rule checker. */
  validator(rule: Rule): Validator;
  /** Wait before reconnect number `failures` (0-based), within `[0, min(max, base·2^failures)]`. */
  reconnectDelay(failures: number, baseDelayMs: number, maxDelayMs: number): number;
}

/** What the stream needs from its chat. */
export interface EventSource {
  kit: StreamKit;
  url: string | undefined;
  conversationId: string;
  memberId: string;
  WebSocket: WebSocketConstructor | undefined;
  /** Messages after the given id (from the first when undefined), ascending. */
  messagesAfter(after: string | undefined, signal: AbortSignal): AsyncIterable<MessageLike>;
  /** Called when the stream ends, whatever the reason. */
  onEnd(stop: () => void): () => void;
}

/** A frame's `eventBody.timestamp` in ms, when it has a valid one. */
function timestampOf(frame: EventFrame): number | undefined {
  if (frame.kind === 'unknown' || frame.kind === 'heartbeat') return undefined;
  const at = Date.parse(frame.eventBody.timestamp);
  return Number.isNaN(at) ? undefined : at;
}

/** Message ids remembered for de-duplication. */
const SEEN_IDS = 10_000;

export function guestEvents(source: EventSource, options: EventsOptions = {}): AsyncGenerator<EventFrame, void, undefined> {
  const stream = new GuestEventStream(source, options);
  return stream.iterate();
}

class GuestEventStream {
  readonly #queue = new AsyncQueue<EventFrame>();
  readonly #seen = new Set<string>();
  readonly #source: EventSource;
  readonly #options: EventsOptions;
  readonly #internal = new AbortController();
  readonly #classify: (value: unknown) => EventFrame;
  #socket: WebSocketLike | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastMessageId: string | undefined;
  /** Connections in a row that failed to open or closed before their first frame. */
  #failures = 0;
  #everOpened = false;
  /** Frames that arrive while missed messages are fetched; released after them, in order. */
  #held: EventFrame[] | undefined;
  /** The catch-ups in flight, one after the other (each starts after the last message the previous saw). */
  #catchUps: Promise<void> = Promise.resolve();
  #pendingCatchUps = 0;
  #stopListening: () => void = () => {};

  constructor(source: EventSource, options: EventsOptions) {
    this.#source = source;
    this.#options = options;
    this.#classify = frameClassifier(source.kit.validator);
  }

  async *iterate(): AsyncGenerator<EventFrame, void, undefined> {
    const { signal } = this.#options;
    if (signal?.aborted) return;
    if (!this.#source.url) throw this.#source.kit.streamError('this chat has no eventStreamUri');
    if (!this.#source.WebSocket) throw this.#source.kit.streamError('no WebSocket implementation: pass `webSocket` to the client (the platform WebSocket, or `ws` under Node)');
    const stop = () => this.#close();
    signal?.addEventListener('abort', stop, { once: true });
    this.#stopListening = this.#source.onEnd(stop);
    try {
      this.#connect();
      for (;;) {
        const next = await this.#queue.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      this.#close();
    }
  }

  #connect(): void {
    const socket = new this.#source.WebSocket!(this.#source.url!);
    this.#socket = socket;
    let delivered = false;
    this.#timer = setTimeout(() => socket.close(), this.#options.connectTimeoutMs ?? 10_000);
    socket.onopen = () => {
      clearTimeout(this.#timer);
      this.#everOpened = true;
      this.#catchUp();
    };
    socket.onmessage = (event) => {
      if (!delivered) {
        delivered = true;
        this.#failures = 0;
      }
      this.#receive(event.data);
    };
    socket.onerror = () => undefined; // a close always follows; it decides
    socket.onclose = () => {
      clearTimeout(this.#timer);
      if (this.#socket !== socket || this.#queue.ended) return;
      this.#socket = undefined;
      if (!delivered) this.#failures++;
      this.#reconnectOrFail();
    };
  }

  #reconnectOrFail(): void {
    const policy = this.#options.reconnect === false ? undefined : this.#options.reconnect ?? {};
    const maxAttempts = policy?.maxAttempts ?? 5;
    if (!policy || this.#failures > maxAttempts) {
      this.#queue.fail(this.#source.kit.streamError(this.#everOpened ? 'the event stream closed and could not be reopened' : 'the event stream could not be opened'));
      return;
    }
    this.#timer = setTimeout(() => this.#connect(), this.#source.kit.reconnectDelay(this.#failures, policy.baseDelayMs ?? 250, policy.maxDelayMs ?? 5000));
  }

  /**
   * After a socket opened: what was said before (while no socket was open), merged with the frames
   * that arrived meanwhile. Catch-ups run one after the other; the held frames go out with the last.
   */
  #catchUp(): void {
    this.#held ??= [];
    this.#pendingCatchUps++;
    this.#catchUps = this.#catchUps.then(async () => {
      const fetched: EventFrame[] = [];
      try {
        for await (const message of this.#source.messagesAfter(this.#lastMessageId, this.#internal.signal)) {
          fetched.push(messageFrame(this.#source.conversationId, message));
        }
      } catch (error) {
        if (!this.#internal.signal.aborted) this.#queue.fail(error);
        return;
      } finally {
        this.#pendingCatchUps--;
      }
      if (this.#pendingCatchUps > 0 || !this.#held) {
        for (const frame of fetched) this.#deliver(frame);
        return;
      }
      const held = this.#held;
      this.#held = undefined;
      this.#merge(fetched, held);
    });
  }

  /**
   * Fetched messages that also came live are taken from the socket, in its order. The others (said
   * before the socket opened, or whose frame has not arrived yet) go before the first held frame with a
   * later timestamp: the agent's member-join message after the ALERTING and CONNECTED frames of the
   * same moment, not before them.
   */
  #merge(fetched: EventFrame[], held: EventFrame[]): void {
    const live = new Set(held.map((frame) => (frame.kind === 'message' ? frame.eventBody.id : undefined)));
    const missed = fetched.filter((frame) => frame.kind === 'message' && !live.has(frame.eventBody.id));
    let next = 0;
    for (const frame of held) {
      const at = timestampOf(frame);
      if (at !== undefined) while (next < missed.length && timestampOf(missed[next]!)! < at) this.#deliver(missed[next++]!);
      this.#deliver(frame);
    }
    while (next < missed.length) this.#deliver(missed[next++]!);
  }

  #receive(data: unknown): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return; // not JSON: never the iterator's end
    }
    const frame = this.#classify(parsed);
    if (frame.kind === 'heartbeat' && !this.#options.heartbeats) return;
    if (frame.kind === 'unknown' && this.#options.unknownFrames === 'skip') return;
    if (this.#held) this.#held.push(frame);
    else this.#deliver(frame);
  }

  #deliver(frame: EventFrame): void {
    if (frame.kind === 'message') {
      const id = frame.eventBody.id;
      if (this.#seen.has(id)) return;
      this.#remember(id);
      this.#lastMessageId = id;
    }
    this.#queue.push(frame);
    if (frame.kind === 'member-change' && frame.eventBody.member.id === this.#source.memberId && frame.eventBody.member.state === 'DISCONNECTED') this.#close();
  }

  #remember(id: string): void {
    this.#seen.add(id);
    if (this.#seen.size > SEEN_IDS) this.#seen.delete(this.#seen.values().next().value!);
  }

  #close(): void {
    if (this.#queue.ended) return;
    this.#queue.end();
    clearTimeout(this.#timer);
    this.#internal.abort();
    this.#stopListening();
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket) socket.close(1000, 'done');
  }
}
