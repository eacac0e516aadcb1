/**
 * Request bodies: a size cap (413), the media type (415), a nesting-depth cap and JSON parsing (400),
 * so malformed or hostile input is refused before it reaches validation, a handler or the state.
 */
import type { IncomingMessage } from 'node:http';

/**
 * After refusing an oversized body the mock keeps reading (and discarding) it, so the client can finish
 * sending and read the 413 instead of meeting a reset: up to this many bytes per request. Past it, the
 * mock half-closes the connection and drops it after {@link LINGER_MS}.
 */
export const DRAIN_LIMIT = 64 * 1024 * 1024;
/** How long a connection whose body went past {@link DRAIN_LIMIT} may keep sending before it is dropped. */
export const LINGER_MS = 2000;

/**
 * The deepest nesting of arrays and objects accepted in a JSON body (the top-level value is level 1).
 * The vendors' own models nest fewer than 10 levels; anything deeper is refused with a 400 before it
 * is parsed, so no request can store a value that cannot be rendered back (V8's JSON.stringify
 * overflows its stack at a few thousand levels).
 */
export const MAX_JSON_DEPTH = 64;

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > limit;
}

/** The media type without parameters, lower case ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isJson(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Whether JSON text nests arrays and objects deeper than `limit`. A single pass over the bytes (no
 * parse, no recursion); brackets inside strings do not count. UTF-8 continuation bytes are never
 * ASCII, so scanning bytes is exact. Malformed text is left for JSON.parse to refuse.
 */
export function nestsDeeperThan(raw: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (inString) {
      if (b === 0x5c) i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > limit) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}

/** Reads the whole body; rejects with BodyTooLarge past `limit` (and drains the rest in the background). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
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
