/**
 * The connection edge: what happens to bytes that never become a pipeline request.
 *
 * - Malformed HTTP (Node's `clientError`): answered in the vendor's error shape, chosen from the request
 *   line when it can be read (Genesys `ErrorBody` otherwise): 400, 431 for oversized headers, 408 for a
 *   request that did not arrive in time, 413 for oversized chunk extensions. The answer is followed by a
 *   short lingering close, so a client still writing reads it instead of a reset.
 * - `Upgrade` requests: only a WebSocket upgrade on the event-stream path (`/chat/jwt/…`) is one. Any
 *   other (`Upgrade: h2c` from `curl --http2`, a WebSocket upgrade of an API path) goes back to the
 *   HTTP parser without its Upgrade header and is answered by the API routes like any request.
 * - `CONNECT`: the mock is no proxy; 404 in the Genesys shape.
 */
import { maxHeaderSize as defaultMaxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { profileOfPath } from './apis.js';
import type { MockError } from './errors.js';
import type { Profile } from './profiles/profile.js';
import { rawError } from './respond.js';

/** How long a connection that sent malformed HTTP may keep sending (discarded) after the answer. */
const LINGER_MS = 1000;

/** The event-stream path prefix (`eventStreamUri` is `ws://host/chat/jwt/<jwt>`). */
export const EVENT_STREAM_PREFIX = '/chat/jwt/';

/** True for a WebSocket upgrade of the event-stream path; every other Upgrade is an ordinary request. */
export function isEventStreamUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && (req.url ?? '').startsWith(EVENT_STREAM_PREFIX);
}

/** The profile a raw request is for, read from its request line (the root API's when it cannot be read). */
function profileOfRaw(raw: Buffer | undefined): Profile {
  const line = /^[!-~]+ +(\S+)/.exec(raw?.subarray(0, 2048).toString('latin1') ?? '');
  const target = line?.[1]?.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') ?? '/';
  return profileOfPath(target.split('?')[0] ?? '/');
}

function clientErrorStatus(code: string | undefined): number {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

function clientErrorBody(profile: Profile, status: number, err: NodeJS.ErrnoException, maxHeaderBytes: number): MockError {
  if (status === 431) return profile.generic(431, maxHeaderBytes);
  if (status === 408 || status === 413) return profile.generic(status, status === 413 ? 'chunk extensions' : undefined);
  // Node's parser names the fault (`Invalid method encountered`, `Invalid header value char`, …).
  return profile.malformedHttp((err as { reason?: string }).reason ?? err.message);
}

/** Answers on a raw socket and closes it gracefully: FIN after the answer, reads discarded, dropped after `lingerMs`. */
export function answerAndClose(socket: Duplex, bytes: Buffer, lingerMs = LINGER_MS): void {
  socket.end(bytes);
  socket.resume();
  setTimeout(() => socket.destroy(), lingerMs).unref();
}

export interface Edge {
  /** Call from the `request` listener, so a malformed request knows what else is in flight on its socket. */
  track(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Installs `clientError`, `connect` and the non-WebSocket half of `upgrade` on `server`.
 * `onEventStream` receives the upgrades {@link isEventStreamUpgrade} accepts.
 */
export function installEdge(server: Server, onEventStream: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): Edge {
  const inFlight = new WeakMap<object, Set<{ req: IncomingMessage; res: ServerResponse }>>();
  const answered = new WeakSet<object>();
  /**
   * A raw answer is safe unless another request on the socket is owed its answer first: one that
   * arrived complete (pipelined before the bad bytes) or whose answer has started. The request whose
   * own body is malformed is still incomplete; the raw answer is its answer (its handler's, if any,
   * then meets a closed socket).
   */
  const unsafe = (socket: object) => [...(inFlight.get(socket) ?? [])].some(({ req, res }) => req.complete || res.headersSent);

  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // After a parse error the parser reports again for every later chunk: answer once.
    if (answered.has(socket)) return;
    answered.add(socket);
    // A pipelined request still waiting for its answer would get ours instead: cut the connection.
    if (err.code === 'ECONNRESET' || !socket.writable || unsafe(socket)) {
      socket.destroy();
      return;
    }
    const status = clientErrorStatus(err.code);
    const profile = profileOfRaw(err.rawPacket);
    answerAndClose(socket, rawError(profile, clientErrorBody(profile, status, err, (server as { maxHeaderSize?: number }).maxHeaderSize ?? defaultMaxHeaderSize)));
  });

  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const profile = profileOfPath('/');
    answerAndClose(socket, rawError(profile, profile.generic(404)));
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isEventStreamUpgrade(req)) onEventStream(req, socket, head);
    else asOrdinaryRequest(server, req, socket, head);
  });

  return {
    track(req, res) {
      let set = inFlight.get(req.socket);
      if (!set) inFlight.set(req.socket, (set = new Set()));
      const entry = { req, res };
      set.add(entry);
      res.once('close', () => set.delete(entry));
    },
  };
}

/**
 * Hands an Upgrade request back to the HTTP server as if it had arrived without `Upgrade`: Node has
 * already detached the socket from its parser, so the request's head is written back in front of the
 * bytes that followed it (its body, or pipelined requests) and the socket re-enters as a new connection.
 * Keep-alive then works as for any request.
 */
function asOrdinaryRequest(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    const lower = name.toLowerCase();
    if (lower === 'upgrade') continue;
    if (lower === 'connection') {
      const tokens = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '' && t.toLowerCase() !== 'upgrade');
      if (tokens.length > 0) lines.push(`${name}: ${tokens.join(', ')}`);
      continue;
    }
    lines.push(`${name}: ${value}`);
  }
  // Header values reach JS as latin1 strings; latin1 writes the same bytes back.
  socket.unshift(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head]));
  server.emit('connection', socket);
}
