/**
 * The guest chat event stream at `eventStreamUri` (reference §9): a WebSocket at `/chat/jwt/<jwt>`
 * that pushes `{topicName, version, eventBody, metadata}` frames for messages, typing indicators and
 * member changes of that JWT's conversation, plus the `channel.metadata` heartbeat.
 *
 * The protocol is the `ws` package's; this module decides who may connect and how much a client may
 * make the mock hold:
 * - the JWT in the path must verify and name a live conversation (401 / 404, in the Genesys shape,
 *   before the handshake), at most {@link MAX_SOCKETS_PER_CONVERSATION} streams per conversation (429);
 * - client frames are small (64 KiB) and ignored, except ping (answered with pong) and close;
 * - backpressure: nothing is written to a socket holding more than {@link MAX_BUFFERED_BYTES} unsent
 *   (a client that floods pings or stops reading); such a socket is closed with 1008 (policy
 *   violation), stops being read, and is dropped if the closing handshake does not finish in 2 s;
 * - a conversation evicted past the cap closes its streams with 1000.
 *
 * The first stream of a conversation is what routes it to the agent (reference §9: "not routed until
 * the socket is connected"): `connected` is told of every accepted stream. `drop-stream` faults are
 * carried out here: a stream is closed (or its TCP connection reset) once it has sent `after` frames.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { GuestJwt } from '../auth/guest-jwt.js';
import { answerAndClose, EVENT_STREAM_PREFIX } from '../edge.js';
import { MockError } from '../errors.js';
import type { FaultEngine } from '../faults.js';
import { genesys } from '../profiles/genesys.js';
import { rawError } from '../respond.js';
import type { ConversationStore, EventFrame } from './conversations.js';

const JWT_IN_PATH = /^[A-Za-z0-9_.-]+$/;
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;
export const MAX_SOCKETS_PER_CONVERSATION = 8;
/** Unsent bytes a stream may hold before the mock stops writing to it and closes it with 1008. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Largest client frame (a guest has nothing big to say on this stream). */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** The vendor documents no heartbeat interval; 30 s is the mock's choice. */
export const DEFAULT_HEARTBEAT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 2000;
const POLICY_VIOLATION = 1008;
const NORMAL_CLOSURE = 1000;

function handshakeError(message: string): MockError {
  return new MockError(400, 'bad.request', message, { details: [{ errorCode: 'bad.request', fieldName: 'request' }] });
}

export interface EventStreamOptions {
  /** Interval of the `channel.metadata` heartbeat. @default 30000 */
  heartbeatMs?: number;
  /** The `drop-stream` faults. */
  faults: FaultEngine;
  /** A stream of this conversation was accepted (the chat is routed on the first). */
  connected(conversationId: string): void;
}

/** Per accepted stream: frames sent (for `drop-stream`) and the TCP socket (to reset it). */
interface StreamState {
  conversationId: string;
  sent: number;
  socket: Socket;
}

export class ChatEventStreams {
  readonly #server = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    // Pings are answered below, only while the socket is within its buffer budget.
    autoPong: false,
  });
  readonly #byConversation = new Map<string, Set<WebSocket>>();
  readonly #state = new WeakMap<WebSocket, StreamState>();
  readonly #options: EventStreamOptions;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: EventStreamOptions) {
    const { heartbeatMs } = options;
    if (heartbeatMs !== undefined && !(Number.isFinite(heartbeatMs) && heartbeatMs > 0)) throw new TypeError('eventStreamHeartbeatMs must be a number > 0');
    this.#options = options;
  }

  publish(conversationId: string, event: EventFrame): void {
    const sockets = this.#byConversation.get(conversationId);
    if (!sockets || sockets.size === 0) return;
    const data = JSON.stringify(event);
    for (const ws of sockets) this.#send(ws, data);
  }

  /** Closes the streams of a conversation that no longer exists. */
  end(conversationId: string, reason: string): void {
    for (const ws of this.#byConversation.get(conversationId) ?? []) ws.close(NORMAL_CLOSURE, reason);
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, jwt: GuestJwt, conversations: ConversationStore): void {
    socket.on('error', () => socket.destroy());
    const refuse = (err: MockError) => answerAndClose(socket, rawError(genesys, err));
    const path = (req.url ?? '').split('?')[0] ?? '';
    const token = path.slice(EVENT_STREAM_PREFIX.length);
    if (!path.startsWith(EVENT_STREAM_PREFIX) || !JWT_IN_PATH.test(token)) return refuse(genesys.generic(404));
    // The handshake checks `ws` would make, answered in the vendor's shape rather than ws's plain text.
    if (req.method !== 'GET') return refuse(handshakeError('A WebSocket handshake must be a GET.'));
    if (!WEBSOCKET_KEY.test(req.headers['sec-websocket-key'] ?? '')) return refuse(handshakeError('Missing or invalid Sec-WebSocket-Key header.'));
    const version = req.headers['sec-websocket-version'];
    if (version !== '13' && version !== '8') return refuse(handshakeError('Missing or invalid Sec-WebSocket-Version header (13 expected).'));

    // The signature check is WebCrypto's, so asynchronous; the socket waits (it is not read meanwhile).
    jwt.verify(token).then(
      (claims) => {
        const conversationId = claims.data.conv;
        if (socket.destroyed) return;
        if (!conversations.get(conversationId)) return refuse(new MockError(404, 'not.found', `The requested resource was not found: conversation ${conversationId}`));
        if ((this.#byConversation.get(conversationId)?.size ?? 0) >= MAX_SOCKETS_PER_CONVERSATION) {
          return refuse(new MockError(429, 'too.many.requests', `No more than ${MAX_SOCKETS_PER_CONVERSATION} event streams per conversation.`));
        }
        this.#server.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, conversationId, socket as Socket));
      },
      () => refuse(new MockError(401, 'bad.credentials', 'Invalid login credentials.')),
    );
  }

  closeAll(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const set of this.#byConversation.values()) for (const ws of set) ws.terminate();
    this.#byConversation.clear();
  }

  #accept(ws: WebSocket, conversationId: string, socket: Socket): void {
    let set = this.#byConversation.get(conversationId);
    if (!set) this.#byConversation.set(conversationId, (set = new Set()));
    const sockets = set;
    sockets.add(ws);
    this.#state.set(ws, { conversationId, sent: 0, socket });
    ws.once('close', () => this.#forget(ws));
    ws.on('error', () => ws.terminate());
    ws.on('ping', (data: Buffer) => {
      if (ws.readyState === WebSocket.OPEN && this.#withinBudget(ws)) ws.pong(data);
    });
    // Text and binary frames from the guest are ignored; `ws` has already bounded their size.
    this.#startHeartbeat();
    this.#options.connected(conversationId);
    this.#dropIfFaulted(ws);
  }

  /** No more frames for this stream: it closed, or a fault dropped it. */
  #forget(ws: WebSocket): void {
    const state = this.#state.get(ws);
    const sockets = state && this.#byConversation.get(state.conversationId);
    if (!sockets?.delete(ws)) return;
    if (sockets.size === 0) this.#byConversation.delete(state!.conversationId);
  }

  #send(ws: WebSocket, data: string): void {
    if (ws.readyState !== WebSocket.OPEN || !this.#withinBudget(ws)) return;
    ws.send(data);
    this.#state.get(ws)!.sent++;
    this.#dropIfFaulted(ws);
  }

  /** Carries out a `drop-stream` fault: the frames already written go first, then the close (or a reset). */
  #dropIfFaulted(ws: WebSocket): void {
    const state = this.#state.get(ws)!;
    const drop = this.#options.faults.active ? this.#options.faults.dropStream(state.sent) : undefined;
    if (!drop) return;
    this.#forget(ws);
    if (drop.reset) state.socket.resetAndDestroy();
    else ws.close(drop.code, 'Dropped by a drop-stream fault');
  }

  /** False (and the socket closed with 1008) once the socket holds more unsent bytes than allowed. */
  #withinBudget(ws: WebSocket): boolean {
    if (ws.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
    if (ws.readyState !== WebSocket.OPEN) return false;
    ws.close(POLICY_VIOLATION, 'Too much unread data');
    // Stop reading: a flooding client now meets TCP backpressure instead of growing our buffers. A
    // client that does not read either will never see the close frame: drop it after a grace period.
    ws.pause();
    setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS).unref();
    return false;
  }

  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      const data = JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
      for (const set of this.#byConversation.values()) for (const ws of set) this.#send(ws, data);
    }, this.#options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.#heartbeat.unref();
  }
}
