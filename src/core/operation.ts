import type { Validator } from './validate.js';

/** Which credential an operation takes, from its spec security requirement. */
export type AuthKind = 'none' | 'oauth' | 'guest' | 'basic';

/**
 * What a call needs to know of one operation, generated into `generated/<api>/operations.ts` from the
 * spec: nothing about an operation is hand-written. Only what the request pipeline reads is here, so a
 * page ships no more than that; the rest of the spec's facts are {@link OperationFacts}.
 */
export interface OperationDef {
  readonly id: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly auth: AuthKind;
  /** Whether a repeat cannot change the outcome; `{ ifBodyHas }` = only when the body has that field. */
  readonly idempotent: boolean | { readonly ifBodyHas: string };
  readonly pathParams: readonly string[];
  readonly body: 'none' | 'optional' | 'required';
  readonly successBody: boolean;
  readonly validateParams: Validator;
  readonly validateBody: Validator | undefined;
  /** Writes the query string; present only on operations that take query parameters. */
  readonly query?: (query: Record<string, unknown>) => string;
}

/** The spec's other facts of an operation (`operationFacts` of each generated table), for tools and tests. */
export interface OperationFacts {
  /** Alternative scope sets, any one of which is enough. */
  readonly scopes: readonly (readonly string[])[];
  readonly pagination: 'none' | 'page-number' | 'message-cursor';
  readonly deprecated: boolean;
  readonly successStatus: number;
}

/** Whether repeating this exact request is safe (it cannot, for example, text a person twice). */
export function isIdempotent(def: OperationDef, body: unknown): boolean {
  if (typeof def.idempotent === 'boolean') return def.idempotent;
  const field = def.idempotent.ifBodyHas;
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value.length > 0 : value !== undefined && value !== null;
}
