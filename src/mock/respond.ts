/**
 * Writing responses: CORS (so a page on another origin can call the mock, including the preflight
 * for `Authorization` and `Content-Type`), the vendor's id header, and the error shapes.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { genesysErrorBody, MockError, mykaarmaErrorBody, oauthErrorBody, type Vendor } from './errors.js';

const EXPOSED = 'ININ-Correlation-Id, Retry-After, X-Request-Uuid, WWW-Authenticate';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, ININ-Correlation-Id, X-Request-Uuid';

export interface ResponseIds {
  vendor: Vendor;
  correlationId: string;
  requestUuid: string;
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  // Echoing the origin (rather than `*`) also serves pages that fetch with credentials: 'include'.
  const origin = req.headers.origin;
  return origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' }
    : { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED };
}

export function sendPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    ...corsHeaders(req),
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': requested ? `${ALLOWED_HEADERS}, ${requested}` : ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
}

function idHeaders(ids: ResponseIds): Record<string, string> {
  if (ids.vendor === 'genesys') return { 'ININ-Correlation-Id': ids.correlationId, 'Cache-Control': 'no-cache, no-store, must-revalidate' };
  if (ids.vendor === 'mykaarma') return { 'X-Request-Uuid': ids.requestUuid };
  return { 'ININ-Correlation-Id': ids.correlationId, 'Cache-Control': 'no-store', Pragma: 'no-cache' };
}

export function sendJson(req: IncomingMessage, res: ServerResponse, ids: ResponseIds, status: number, body: unknown, extra?: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...corsHeaders(req), ...idHeaders(ids), ...extra };
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  headers['Content-Type'] = 'application/json; charset=UTF-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(text);
}

function errorBody(ids: ResponseIds, err: MockError): Record<string, unknown> {
  return ids.vendor === 'genesys'
    ? genesysErrorBody(err, ids.correlationId)
    : ids.vendor === 'mykaarma'
      ? mykaarmaErrorBody(err, ids.requestUuid)
      : oauthErrorBody(err);
}

export function sendError(req: IncomingMessage, res: ServerResponse, ids: ResponseIds, err: MockError, extra?: Record<string, string>): void {
  sendJson(req, res, ids, err.status, errorBody(ids, err), { ...err.extra.headers, ...extra });
}

/**
 * A complete HTTP/1.1 error response as bytes, in the vendor's shape, for the places where no
 * ServerResponse exists (malformed requests, refused WebSocket handshakes, CONNECT). Always
 * `Connection: close`: the connection is not reused after one of these.
 */
export function rawError(vendor: Vendor, err: MockError): Buffer {
  const ids: ResponseIds = { vendor, correlationId: randomUUID(), requestUuid: randomUUID() };
  const text = JSON.stringify(errorBody(ids, err));
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': EXPOSED,
    ...idHeaders(ids),
    ...err.extra.headers,
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(text)),
    Connection: 'close',
  };
  const head = [`HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? 'Error'}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${text}`, 'utf8');
}
