import type { Client, FetchOptions, FetchResponse, Middleware } from 'openapi-fetch';
import { authorizationFor } from './auth.js';
import type { OperationDef } from './operation.js';
import type { CallOptions, ResolvedCommon } from './options.js';
import { callOperation, type ClientContext } from './request.js';
import { lazyRawClient } from './raw-client.js';
import type { Validator } from './validate.js';
import type { BasicAuth, GenesysAuth } from './auth.js';

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/**
 * The one argument of every method: openapi-fetch's `params` (`path`, `query`, `header`) and `body` for
 * the operation, and the per-call options `signal`, `timeout`, `retry` and `headers` as fields of the same
 * object (there is no second argument). Each per-call option overrides the client's option of that name.
 *
 * @example
 * const controller = new AbortController();
 * const reply = await textbots.postTextbotsBotsExecute({
 *   body: { botId: 'ServiceScheduler', integrationId: '5f0c2b1e-7d4a-4c3b-9a8e-2e6f1d0b7c94', botSessionId: crypto.randomUUID(), postTextMessage: { type: 'Text', text: 'Hi' } },
 *   timeout: 5_000,
 *   retry: { maxRetries: 0 },
 *   signal: controller.signal,
 *   headers: { 'X-Request-Source': 'docs' },
 * });
 */
export type MethodInit<Op> = Omit<FetchOptions<Op>, Exclude<keyof FetchOptions<Op>, 'params' | 'body'>> & CallOptions;

type Data<Op extends Record<string | number, unknown>> = Extract<FetchResponse<Op, object, 'application/json'>, { error?: never }>['data'];
/** What a method resolves to: the success body, or undefined for a 204. */
export type MethodResult<Op> = Op extends Record<string | number, unknown> ? ([Exclude<Data<Op>, undefined>] extends [never] ? undefined : Exclude<Data<Op>, undefined>) : never;

export type OperationMethod<Op> = [RequiredKeys<MethodInit<Op>>] extends [never]
  ? (init?: MethodInit<Op>) => Promise<MethodResult<Op>>
  : (init: MethodInit<Op>) => Promise<MethodResult<Op>>;

/** One typed method per operationId, from a generated `OperationRoutes` interface. */
export type OperationMethods<Routes> = { [K in keyof Routes]: Routes[K] extends { op: infer Op } ? OperationMethod<Op> : never };

export interface ApiClientParts<Paths extends object> {
  /** The underlying openapi-fetch client, as is: `{ data, error, response }`, throws only on network failure. Auth is applied for you. */
  raw: Client<Paths>;
}

/** Sets the operation's credentials on `raw` requests that do not carry their own. */
function authMiddleware(ops: readonly OperationDef[], auth: GenesysAuth & Partial<BasicAuth> | undefined, fetchImpl: typeof fetch): Middleware {
  const byRoute = new Map(ops.map((op) => [`${op.method} ${op.path}`, op]));
  return {
    async onRequest({ request, schemaPath }) {
      const op = byRoute.get(`${request.method} ${schemaPath}`);
      if (!op || request.headers.has('Authorization')) return undefined;
      const value = await authorizationFor(op.auth, auth, { forceRefresh: false, signal: request.signal, fetch: fetchImpl });
      if (value) request.headers.set('Authorization', value);
      return request;
    },
  };
}

/**
 * Builds a client from generated operation definitions: `raw` (openapi-fetch as is) plus one method per
 * operation running the request pipeline of request.ts.
 */
export function createApiClient<Paths extends object, Routes>(
  ops: readonly OperationDef[],
  options: ResolvedCommon<GenesysAuth & Partial<BasicAuth>>,
  loadResponseValidators: () => Promise<Record<string, Validator | undefined>>,
): ApiClientParts<Paths> & OperationMethods<Routes> {
  const client = createMethods<Routes>(ops, options, loadResponseValidators) as Record<string, unknown>;
  // openapi-fetch is loaded on raw's first call: a page using only the methods does not ship it, and in
  // Node its createClient (which reads the platform's Request, loading undici) costs no start-up.
  client.raw = lazyRawClient<Paths>({ baseUrl: options.baseUrl, fetch: options.fetch, headers: options.headers }, [authMiddleware(ops, options.auth, options.fetch)]);
  return client as ApiClientParts<Paths> & OperationMethods<Routes>;
}

/** The methods alone, without `raw` (and so without openapi-fetch's client in a browser bundle). */
export function createMethods<Routes>(
  ops: readonly OperationDef[],
  options: ResolvedCommon<GenesysAuth & Partial<BasicAuth>>,
  loadResponseValidators: () => Promise<Record<string, Validator | undefined>>,
): OperationMethods<Routes> {
  const ctx: ClientContext = { ...options, loadResponseValidators };
  const client: Record<string, unknown> = {};
  for (const def of ops) {
    client[def.id] = (init?: Parameters<typeof callOperation>[2]) => callOperation(ctx, def, init);
  }
  return client as OperationMethods<Routes>;
}
