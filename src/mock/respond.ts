/**
 * A complete HTTP/1.1 error response as bytes, in a profile's shape, for the places where no
 * ServerResponse exists (malformed requests, refused WebSocket handshakes, CONNECT). Always
 * `Connection: close`: the connection is not reused after one of these.
 */
import { STATUS_CODES } from 'node:http';
import type { MockError } from './errors.js';
import type { Profile } from './profiles/profile.js';
import { detachedError } from './response.js';

export function rawError(profile: Profile, err: MockError): Buffer {
  const { headers, text } = detachedError(profile, err);
  const all = { ...headers, 'Content-Length': String(Buffer.byteLength(text)), Connection: 'close' };
  const head = [`HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? 'Error'}`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${text}`, 'utf8');
}
