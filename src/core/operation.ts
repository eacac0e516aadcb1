import type { Validator } from './validate.js';

/** Which credential an operation takes, from its spec security requirement. */
export type AuthKind = 'none' | 'oauth' | 'guest' | 'basic';

/**
 * Runtime description of one operation, generated into `generated/<api>/operations.ts` from the spec.
 * The clients read everything they need here: nothing about an operation is hand-written.
 */
export interface OperationDef {
  readonly id: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly auth: AuthKind;
  /** Alternative scope sets, any one of which is enough. */
  readonly scopes: readonly (readonly string[])[];
  /** Whether a repeat cannot change the outcome; `{ ifBodyHas }` = only when the body has that field. */
  readonly idempotent: boolean | { readonly ifBodyHas: string };
  readonly pagination: 'none' | 'page-number' | 'message-cursor';
  readonly deprecated: boolean;
  readonly pathParams: readonly string[];
  readonly body: 'none' | 'optional' | 'required';
  readonly successStatus: number;
  readonly successBody: boolean;
  readonly validateParams: Validator;
  readonly validateBody: Validator | undefined;
}

/** Whether repeating this exact request is safe (it cannot, for example, text a person twice). */
export function isIdempotent(def: OperationDef, body: unknown): boolean {
  if (typeof def.idempotent === 'boolean') return def.idempotent;
  const field = def.idempotent.ifBodyHas;
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value.length > 0 : value !== undefined && value !== null;
}
