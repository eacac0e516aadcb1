/**
 * HTTP over a raw `net` socket, for input no HTTP client would send: the bytes go out exactly as
 * written and the answer is parsed by hand (status, headers, Content-Length or chunked body, 1xx
 * answers apart), so the tests see what the mock really put on the wire, and whether it closed.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json?: any;
}

export interface Exchange {
  /** Final (non-1xx) responses, in order. */
  responses: RawResponse[];
  /** 1xx responses (100 Continue). */
  informational: number[];
  /** The mock closed (or reset) the connection before `waitMs` ran out. */
  closed: boolean;
  /** A socket error on the client side (EPIPE, ECONNRESET), if any. */
  error?: string;
  /** Bytes left over that do not form a complete response. */
  rest: Buffer;
}

export interface ExchangeOptions {
  /** Resolve once this many final responses have arrived. @default 1 */
  responses?: number;
  /** Give up waiting (not a failure: `closed` is false then). @default 3000 */
  waitMs?: number;
  /** Do not read until everything has been written (a client that sends its whole body first). */
  readAfterWrite?: boolean;
}

export type Writer = string | Buffer | Array<string | Buffer> | ((socket: Socket) => Promise<void>);

/** Parses as many complete responses as `buf` holds. */
export function parseResponses(buf: Buffer, closed: boolean): { responses: RawResponse[]; informational: number[]; rest: Buffer } {
  const responses: RawResponse[] = [];
  const informational: number[] = [];
  let rest = buf;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
    if (!Number.isFinite(status)) break;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    let offset = end + 4;
    if (status < 200) {
      informational.push(status);
      rest = rest.subarray(offset);
      continue;
    }
    let body: Buffer;
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (rest.length < offset + length) break;
      body = rest.subarray(offset, offset + length);
      offset += length;
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      let complete = false;
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', offset);
        if (lineEnd < 0) break;
        const size = parseInt(rest.subarray(offset, lineEnd).toString('latin1'), 16);
        if (rest.length < lineEnd + 2 + size + 2) break;
        parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        offset = lineEnd + 2 + size + 2;
        if (size === 0) {
          complete = true;
          break;
        }
      }
      if (!complete) break;
      body = Buffer.concat(parts);
    } else if (status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else {
      if (!closed) break;
      body = rest.subarray(offset);
      offset = rest.length;
    }
    let json: unknown;
    if (/json/.test(headers['content-type'] ?? '') && body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
    }
    responses.push({ status, headers, body, json });
    rest = rest.subarray(offset);
  }
  return { responses, informational, rest };
}

/** Opens a connection, writes, and collects what comes back (see {@link ExchangeOptions}). */
export function exchange(port: number, write: Writer, options: ExchangeOptions = {}): Promise<Exchange> {
  const wanted = options.responses ?? 1;
  const waitMs = options.waitMs ?? 3000;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let closed = false;
    let error: string | undefined;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const parsed = parseResponses(received, closed);
      socket.destroy();
      resolve({ ...parsed, closed, ...(error ? { error } : {}) });
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (wanted > 0 && parseResponses(received, false).responses.length >= wanted) finish();
    };
    const startReading = () => {
      socket.on('data', onData);
      timer = setTimeout(finish, waitMs);
    };
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => {
      closed = true;
      // Whatever was read before the close still counts.
      finish();
    });
    socket.once('connect', async () => {
      if (!options.readAfterWrite) startReading();
      try {
        if (typeof write === 'function') await write(socket);
        else for (const part of Array.isArray(write) ? write : [write]) await writeAll(socket, part);
      } catch (e) {
        error ??= (e as NodeJS.ErrnoException).code ?? String(e);
      }
      if (options.readAfterWrite && !done) startReading();
    });
  });
}

/** Writes and waits until the data has left (or the socket failed). */
export function writeAll(socket: Socket, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(Object.assign(new Error('socket destroyed'), { code: 'EDESTROYED' }));
    socket.write(data, (err) => (err ? reject(err) : resolve()));
  });
}

/** Writes `total` bytes of `fill` in chunks, honouring backpressure. */
export async function writeBytes(socket: Socket, total: number, fill = 0x20, chunkSize = 256 * 1024): Promise<void> {
  const chunk = Buffer.alloc(chunkSize, fill);
  for (let sent = 0; sent < total; sent += chunkSize) {
    await writeAll(socket, sent + chunkSize <= total ? chunk : chunk.subarray(0, total - sent));
  }
}
