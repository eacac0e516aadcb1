/**
 * What a handler receives and returns. Handlers are synchronous and pure with respect to HTTP: they
 * read a validated request, change the in-memory state and return a Reply, or throw a MockError.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { GuestClaims } from './auth/guest-jwt.js';
import type { OperationMeta } from './spec.js';

export interface HandlerRequest {
  op: OperationMeta;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** Query parameters, validated and typed (numbers, booleans) by the spec. */
  query: Record<string, unknown>;
  /** The parsed, validated JSON body (undefined when there is none). */
  body: unknown;
  headers: IncomingHttpHeaders;
  correlationId: string;
  requestUuid: string;
  /** Guest operations: the verified JWT claims. */
  guest?: GuestClaims;
  now: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: HandlerRequest) => Reply;

export type Handlers = Record<string, Handler>;

/** Small helper so handlers read `param(req, 'conversationId')` without non-null assertions. */
export function param(req: HandlerRequest, name: string): string {
  return req.params[name] ?? '';
}
