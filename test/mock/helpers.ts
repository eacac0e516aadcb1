/**
 * Test helpers for the mock server: plain fetch over a real socket, and a check of every response
 * against the bundled spec (status declared, body valid for that status, vendor id headers) with a
 * validator instance of the test's own.
 */
import { expect } from 'vitest';
import { startMockServer, type MockOptions, type MockServer } from '../../src/mock/index.js';
import { OPERATIONS as SERVED } from '../../src/mock/apis.js';
import { ResponseOracle, type ApiName } from './response-oracle.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Statuses the mock may send although the spec does not declare them: the myKaarma spec only
 * declares 200/400/401/500, and no Genesys spec declares 502. Bodies still get checked against the
 * vendor's error schema.
 */
export const UNDECLARED_ALLOWED: Record<ApiName, number[]> = {
  textbots: [502],
  webchat: [502],
  botmessage: [404, 413, 415, 429, 502, 503, 504],
};

/** One operation as the tests address it, read from the mock's table of served operations. */
export interface TestOperation {
  api: ApiName;
  /** The profile that answers it. */
  vendor: 'genesys' | 'mykaarma' | 'oauth';
  operationId: string;
  method: string;
  specPath: string;
  servedPath: string;
  auth: 'none' | 'oauth' | 'guest' | 'basic';
  hasBody: boolean;
}

export const OPERATIONS: TestOperation[] = SERVED.map(({ api, def, path }) => ({
  api: api.name,
  vendor: api.profile.name as TestOperation['vendor'],
  operationId: def.id,
  method: def.method,
  specPath: def.path,
  servedPath: path,
  auth: def.auth,
  hasBody: def.body !== 'none',
}));

const oracles = new Map<ApiName, ResponseOracle>();
async function validatorFor(api: ApiName): Promise<ResponseOracle> {
  let v = oracles.get(api);
  if (!v) oracles.set(api, (v = new ResponseOracle(api)));
  return v;
}

export function operation(operationId: string): TestOperation {
  const op = OPERATIONS.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Bearer token, or false for none. */
  token?: string | false;
  basic?: [username: string, password: string];
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Every operation a test file saw answer 2xx, for the coverage assertions. */
export const succeeded = new Set<string>();

export function urlFor(mock: MockServer, op: TestOperation, params: Record<string, string> = {}, query: CallOptions['query'] = {}): string {
  const path = op.servedPath.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return `${mock.url}${path}${qs ? `?${qs}` : ''}`;
}

/** Calls one operation and asserts its response is what the spec allows. */
export async function call(mock: MockServer, operationId: string, options: CallOptions = {}): Promise<CallResult> {
  const op = operation(operationId);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.basic) headers.Authorization = `Basic ${Buffer.from(options.basic.join(':')).toString('base64')}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const payload = typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
  const res = await fetch(urlFor(mock, op, options.params, options.query), { method: op.method, headers, body: payload });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  await expectValidResponse(op, res.status, res.headers, parsed);
  if (res.status < 300) succeeded.add(operationId);
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function expectValidResponse(op: TestOperation, status: number, headers: Headers, body: unknown): Promise<void> {
  const validator = await validatorFor(op.api);
  let issues = validator.validateResponse(op.operationId, status, body);
  if (issues === null) {
    expect(UNDECLARED_ALLOWED[op.api], `${op.operationId} answered undeclared status ${status}`).toContain(status);
    // Undeclared statuses still carry the vendor's error shape: check against the 500 (Genesys) / 400 (myKaarma) schema.
    issues = validator.validateResponse(op.operationId, op.vendor === 'genesys' ? 500 : 400, body);
  }
  expect(issues, `${op.operationId} ${status} response ${JSON.stringify(body)?.slice(0, 300)}`).toEqual([]);
  if (op.vendor === 'genesys') {
    const id = headers.get('inin-correlation-id');
    expect(id).toMatch(UUID);
    if (status >= 400) expect((body as { contextId?: string }).contextId).toBe(id);
    if (status === 429) expect(headers.get('retry-after')).toMatch(/^\d+$/);
  } else {
    expect(headers.get('x-request-uuid')).toMatch(UUID);
    if (status !== 401 && body !== undefined) expect((body as { requestUuid?: string }).requestUuid).toBe(headers.get('x-request-uuid'));
  }
}

export function start(options: MockOptions = {}): Promise<MockServer> {
  return startMockServer({ port: 0, agentReplyDelayMs: 20, ...options });
}

/** Polls until `check` returns a value (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 15));
  }
}

export function errorCode(result: CallResult): string | undefined {
  const b = result.body as { code?: string; errors?: Array<{ errorCode?: string }> } | undefined;
  return b?.code ?? b?.errors?.[0]?.errorCode;
}

/**
 * Asserts an error answer is in the vendor's shape, for answers that belong to no operation (malformed
 * HTTP, refused WebSocket handshakes, the connection edge): Genesys `ErrorBody` with `status` and a
 * `contextId` equal to the ININ-Correlation-Id header; the myKaarma envelope with the X-Request-Uuid.
 */
export async function expectErrorShape(vendor: 'genesys' | 'mykaarma', status: number, headers: Record<string, string>, body: any): Promise<void> {
  const [operationId, schemaStatus] = vendor === 'genesys' ? ['getWebchatSettings', 500] : ['sendBotMessage', 400];
  const validator = await validatorFor(operation(operationId).api);
  expect(validator.validateResponse(operationId, schemaStatus, body), JSON.stringify(body)).toEqual([]);
  if (vendor === 'genesys') {
    expect(body.status).toBe(status);
    expect(headers['inin-correlation-id']).toMatch(UUID);
    expect(body.contextId).toBe(headers['inin-correlation-id']);
  } else {
    expect(headers['x-request-uuid']).toMatch(UUID);
    // 401 bodies carry `errors` only, as the vendor's plain Response class does.
    if (status !== 401) expect(body.requestUuid).toBe(headers['x-request-uuid']);
  }
}
