/**
 * One rule set: every row of agreement-cases.ts goes (a) through the client method and (b) as plain HTTP
 * to the mock over a socket, and both give the same verdict.
 * - refused: the client throws a ValidationError naming the row's field before anything is sent (the mock
 *   counts no request), and the mock answers 400 (415 for a media type) in the vendor's shape naming the
 *   same field;
 * - accepted: the client's call succeeds against the mock, and so does the raw request (or both get the
 *   row's status, a 404 for an id that passes the rules but does not exist).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ValidationError } from '../../src/core/errors.js';
import { createBotMessageClient } from '../../src/botmessage.js';
import { createTextbotsClient } from '../../src/textbots.js';
import { createWebChatClient } from '../../src/webchat.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { AGREEMENT_CASES, type AgreementCase } from './agreement-cases.js';
import { closeAgent, definition, exchange, fixturesFor, namesField, OPERATIONS, resolve, serverField, vendorShapeProblem, wireHeaders, wireTarget, type Fixtures } from './agreement-harness.js';

let mock: MockServer;

beforeAll(async () => {
  // Guest chats get the simulated agent without an event-stream socket (the media-request fixtures need one).
  mock = await startMockServer({ port: 0, agentReplyDelayMs: 5, routeWithoutEventStream: true, limits: { conversations: 10_000 } });
});

afterAll(async () => {
  closeAgent();
  await mock.close();
});

type Method = (init: Record<string, unknown>) => Promise<unknown>;

function clientMethod(row: AgreementCase, fx: Fixtures): Method {
  const f = mock.fixtures;
  const common = { retry: false as const, timeout: 5000 };
  const client: unknown =
    row.api === 'textbots'
      ? createTextbotsClient({ ...common, baseUrl: mock.urls.genesys, auth: { accessToken: f.oauth.accessToken } })
      : row.api === 'webchat'
        ? createWebChatClient({ ...common, baseUrl: mock.urls.genesys, auth: { accessToken: f.oauth.accessToken, guestJwt: fx.jwt ?? 'no-guest-jwt' } })
        : createBotMessageClient({ ...common, baseUrl: mock.urls.mykaarma, auth: { username: f.botmessage.username, password: f.botmessage.password } });
  const method = (client as Record<string, Method>)[row.operationId];
  if (typeof method !== 'function') throw new Error(`the ${row.api} client has no method ${row.operationId}`);
  return method.bind(client);
}

/** (a) The row through the client method. */
async function viaClient(row: AgreementCase): Promise<void> {
  const fx = await fixturesFor(mock, row);
  try {
    const init: Record<string, unknown> = { params: { path: resolve(row.path, fx.values), query: resolve(row.query, fx.values) } };
    if (row.body !== undefined) init.body = resolve(row.body, fx.values);
    if (row.contentType) init.headers = { 'Content-Type': row.contentType };
    const before = mock.requestCount();
    const outcome = await clientMethod(row, fx)(init).then(() => 'sent', (e: unknown) => e);
    if (row.verdict === 'refuse') {
      expect(outcome, 'client: refused with a ValidationError').toBeInstanceOf(ValidationError);
      expect((outcome as ValidationError).issues.map((i) => i.path), 'client: the field').toContain(row.field);
      expect(mock.requestCount(), 'client: nothing was sent').toBe(before);
    } else {
      if (row.status !== undefined) {
        expect(outcome, 'client: accepted, answered with the row status').toBeInstanceOf(ApiError);
        expect((outcome as ApiError).status).toBe(row.status);
      } else {
        expect(outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : outcome, 'client: accepted and succeeded').toBe('sent');
      }
      expect(mock.requestCount(), 'client: one request reached the mock').toBe(before + 1);
    }
  } finally {
    for (const undo of fx.cleanup) await undo();
  }
}

/** (b) The row as plain HTTP to the mock. */
async function viaSocket(row: AgreementCase): Promise<void> {
  const fx = await fixturesFor(mock, row);
  try {
    const body = row.body === undefined ? undefined : JSON.stringify(resolve(row.body, fx.values));
    const answer = await exchange(mock, definition(row).method, wireTarget(mock, row, fx.values), wireHeaders(mock, row, fx.jwt), body);
    const said = `mock: ${answer.status} ${JSON.stringify(answer.json)?.slice(0, 400)}`;
    if (row.verdict === 'refuse') {
      expect(answer.status, said).toBe(row.status ?? 400);
      expect(vendorShapeProblem(row.api, answer), said).toBeUndefined();
      if (answer.status === 400) expect(namesField(row.api, answer.json, row.field!), `${said} names ${row.field}`).toBe(true);
    } else if (row.status !== undefined) {
      expect(answer.status, said).toBe(row.status);
    } else {
      expect(answer.status >= 200 && answer.status < 300, said).toBe(true);
    }
  } finally {
    for (const undo of fx.cleanup) await undo();
  }
}

describe('the agreement table', () => {
  it('has at least 200 rows with unique names, and both verdicts for every operation of the three APIs', () => {
    expect(AGREEMENT_CASES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(AGREEMENT_CASES.map((r) => r.name)).size).toBe(AGREEMENT_CASES.length);
    const all = Object.entries(OPERATIONS).flatMap(([api, ops]) => Object.keys(ops).map((id) => `${api}.${id}`));
    expect(all).toHaveLength(22);
    for (const id of all) {
      const rows = AGREEMENT_CASES.filter((r) => `${r.api}.${r.operationId}` === id);
      expect(rows.some((r) => r.verdict === 'accept' && r.status === undefined), `${id} has a row that succeeds`).toBe(true);
      expect(rows.some((r) => r.verdict === 'refuse'), `${id} has a refused row`).toBe(true);
    }
    for (const row of AGREEMENT_CASES) if (row.verdict === 'refuse') expect(row.field, row.name).toBeTruthy();
  });
});

describe('the client and the mock give the same verdict', () => {
  it.each(AGREEMENT_CASES.map((row) => [`${row.verdict} ${row.name}`, row] as const))('%s', async (_name, row) => {
    await viaClient(row);
    await viaSocket(row);
  });
});

/**
 * Beyond the table: fast-check draws query strings for the two paged operations (values at and past
 * their bounds, fractions, words, empty values, repeats, unknown names) and each is sent both ways.
 * Strings that read as numbers or booleans are left out of the draw for typed parameters, and string
 * parameters get strings only: on the wire `5` is 5 and `after=0` is the string '0', while the client
 * would be handed the string '5' or the number 0 (refused for its type), which is no disagreement.
 */
describe('fuzzed queries: the client and the mock agree on the verdict and on the fields', () => {
  const value = fc.oneof(
    fc.constantFrom<unknown>(0, 1, 2, 25, 100, 101, -1, 2147483647, 2147483648, 3000000000, 1.5, true, false, '', 'ten', '0x10', 'ascending', 'descending', 'up', 'ASCENDING'),
    fc.integer({ min: -5, max: 200 }),
    fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).map(([a, b]) => [a, b]),
  );
  // A string parameter's value on the wire is the string whatever it reads as: the client is handed strings
  // only. The cursors must name a message of the chat (an unknown one is the mock's 400 of state, not of rules).
  const text = fc.constantFrom('', '$messageId');
  const STRING_PARAMS = new Set(['after', 'before']);
  const queries = (names: string[]) =>
    fc
      .array(fc.constantFrom(...names, 'page', 'pagesize', 'limit').chain((name) => fc.tuple(fc.constant(name), STRING_PARAMS.has(name) ? text : value)), { maxLength: 3 })
      .map((pairs) => Object.fromEntries(pairs) as Record<string, unknown>);

  it.each([
    ['getWebchatGuestConversationMembers', ['pageSize', 'pageNumber', 'excludeDisconnectedMembers']],
    ['getWebchatGuestConversationMessages', ['maxResults', 'sortOrder', 'after', 'before']],
  ] as const)('%s', async (operationId, names) => {
    const row: AgreementCase = { name: 'fuzz', api: 'webchat', operationId, path: { conversationId: '$conversationId' }, query: { after: '$messageId' }, verdict: 'accept' };
    const fx = await fixturesFor(mock, row);
    const call = clientMethod(row, fx);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(queries([...names]).map((q) => resolve(q, fx.values)), async (query) => {
        const sent = { ...row, query };
        const before = mock.requestCount();
        const client = await call({ params: { path: resolve(row.path, fx.values), query } }).then(() => undefined, (e: unknown) => e);
        const clientFields = client instanceof ValidationError ? [...new Set(client.issues.map((i) => serverField(i.path)))].sort() : undefined;
        if (client !== undefined && !(client instanceof ValidationError)) throw client;
        if (clientFields) expect(mock.requestCount(), 'client: nothing was sent').toBe(before);
        const answer = await exchange(mock, 'GET', wireTarget(mock, sent, fx.values), wireHeaders(mock, sent, fx.jwt));
        const mockFields = answer.status === 400 ? [...new Set((answer.json.details as Array<{ fieldName: string }>).map((d) => d.fieldName))].sort() : undefined;
        expect({ query, status: answer.status === 400 ? 400 : answer.status < 300 ? 'ok' : answer.status, fields: mockFields }).toEqual({ query, status: clientFields ? 400 : 'ok', fields: clientFields });
        if (clientFields) refused++;
      }),
      { numRuns: 120 },
    );
    // Both verdicts were drawn.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(120);
  });
});
