/**
 * The node:http side of a request: an `IncomingMessage` as a `MockExchange` (no WHATWG objects on the
 * hot path), body reading with the size cap, and the bounded drain of refused bodies.
 */
import type { IncomingMessage } from 'node:http';
import { BodyTooLarge } from './body.js';
import type { MockExchange } from './exchange.js';

/**
 * After refusing an oversized body the mock keeps reading (and discarding) it, so the client can finish
 * sending and read the 413 instead of meeting a reset: up to this many bytes per request. Past it, the
 * mock half-closes the connection and drops it after {@link LINGER_MS}.
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024;
/** How long a connection whose body went past {@link DRAIN_LIMIT} may keep sending before it is dropped. */
export const LINGER_MS = 2000;

export function nodeExchange(req: IncomingMessage): MockExchange {
  const length = req.headers['content-length'];
  return {
    method: req.method ?? 'GET',
    target: req.url ?? '/',
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    hasBody: (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined,
    readBody: (limit) => readBody(req, limit),
    hostMissing: req.headers.host === undefined && req.httpVersion === '1.1',
  };
}

function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > limit;
}

/** Reads the whole body; rejects with BodyTooLarge past `limit` (and drains the rest in the background). */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    if (declaredTooLarge(req, limit)) {
      drain(req);
      reject(new BodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        drain(req, size);
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/**
 * Discards the rest of a refused body so the connection stays usable (the 413 is answered keep-alive and
 * the next request on the connection parses cleanly). Idempotent. Past DRAIN_LIMIT the mock stops
 * waiting: it half-closes (the answer already sent stays readable) and drops the connection after
 * LINGER_MS, or sooner if the client closes its side.
 */
export function drain(req: IncomingMessage, already = 0): void {
  const marked = req as IncomingMessage & { drainingBody?: true };
  if (marked.drainingBody) return;
  marked.drainingBody = true;
  let drained = already;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT && !req.socket.writableEnded) lingerAndClose(req);
  });
  req.resume();
}

function lingerAndClose(req: IncomingMessage): void {
  // The 413 was written when the body was refused, long before DRAIN_LIMIT bytes came in; end() sends
  // it (and the FIN) ahead of anything else.
  const socket = req.socket;
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
