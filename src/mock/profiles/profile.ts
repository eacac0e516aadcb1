/**
 * A vendor dialect: everything that differs between the services the mock imitates, in one place per
 * vendor. The shared pipeline asks the profile of the request's API for every answer it writes, so it
 * holds no vendor names of its own. Adding a fourth API means one profile (or reusing one), one
 * handler folder and one spec.
 */
import type { ValidationIssue } from '../../core/errors.js';
import type { OperationDef } from '../../core/operation.js';
import type { MockError } from '../errors.js';

/** A dialect's name (`Profile.name`), as the per-API table in apis.ts refers to it. */
export type ProfileName = string;

/** The request a refusal is about, for wording that quotes the value a client sent. */
export interface RefusedRequest {
  body: unknown;
  query: URLSearchParams;
}

export interface Profile {
  readonly name: ProfileName;
  /** Headers that tie a response to the request's id (`ININ-Correlation-Id`, `X-Request-Uuid`, …). */
  idHeaders(requestId: string): Record<string, string>;
  /** The vendor's error body for `err`, quoting the request id where the vendor does. */
  errorBody(err: MockError, requestId: string): Record<string, unknown>;
  /** The vendor's generic error for a status; `param` fills the placeholder of its message (a limit, seconds). */
  generic(status: number, param?: string | number, extra?: MockError['extra']): MockError;
  /** A 400 with a message of the mock's own (a missing Host, a body that nests too deep). */
  badRequest(message: string, fieldName?: string): MockError;
  /** A required body that is absent or empty. */
  bodyMissing(): MockError;
  /** A body that is not JSON; `reason` is the parser's. */
  malformedJson(reason: string): MockError;
  /** Bytes that are not HTTP; `reason` is Node's parser's. */
  malformedHttp(reason: string): MockError;
  /** A path parameter whose decoded value could change the path (`..`, `/`, control characters). */
  badPathParam(def: OperationDef, name: string, value: string): MockError;
  /** The vendor's 400 for a request the rule set refused (`issues` as the client words them). */
  invalidRequest(def: OperationDef, issues: readonly ValidationIssue[], request: RefusedRequest): MockError;
}

/** A profile's generic table entry: code and message (`%s` is filled by `param`). */
export type GenericTable = Readonly<Record<number, readonly [code: string, message: string]>>;

/** The entry for `status` (or the family's fallback) with its placeholder filled. */
export function fromTable(table: GenericTable, status: number, param: string | number | undefined): [code: string, message: string] {
  const [code, message] = table[status] ?? table[status >= 500 ? 500 : 400] ?? ['error', 'Error'];
  return [code, param === undefined ? message.replace(' %s', '') : message.replace('%s', String(param))];
}
