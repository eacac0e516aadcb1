/**
 * The clients against a hostile server on loopback (issue: no hang, no leaked secret): a login host
 * that never answers or resets, answers cut short, HTML error pages, endless 429s, a 20,000-level
 * error body, and every credential echoed back wherever a response can carry it. Each case runs over
 * the platform fetch and over the Node transport.
 */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  BotApisError,
  clientCredentials,
  createBotMessageClient,
  createTextbotsClient,
  createWebChatClient,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type RequestLogEntry,
} from '../../src/index.js';
import { nodeFetch } from '../../src/node/fetch.js';
import { deepJson, sendJson, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';

const CLIENT_ID = 'client-id-4f1e';
const CLIENT_SECRET = 'client-secret-9b2d7c51';
const ISSUED_TOKEN = 'issued-token-a8c3e07f55';
const PASSWORD = 'mk-password-71c2e9';
const executeBody = { botId: 'bot-1', integrationId: 'int-1', botSessionId: '6f1c0d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', postTextMessage: { type: 'Text' as const, text: 'hi' } };
const sendBody = {
  messageAttributes: { body: 'Reminder', type: 'OUTGOING' as const, protocol: 'TEXT' as const },
  messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Assistant' },
};
const botPath = { departmentUUID: 'dept-1', userUUID: 'user-1' };
const fast = { baseDelayMs: 1, maxDelayMs: 2 };

let api: ScriptedServer;
let login: ScriptedServer;
beforeAll(async () => {
  api = await startScriptedServer((_req, res) => sendJson(res, 200, {}));
  login = await startScriptedServer((_req, res) => sendJson(res, 200, { access_token: ISSUED_TOKEN, expires_in: 3600 }));
});
afterAll(async () => {
  await api.close();
  await login.close();
});
afterEach(() => {
  login.setScript((_req, res) => sendJson(res, 200, { access_token: ISSUED_TOKEN, expires_in: 3600 }));
  api.seen.length = 0;
  login.seen.length = 0;
  api.abandoned = 0;
  login.abandoned = 0;
});

/** Every way an error can be printed. */
function printed(error: unknown): string {
  return [String(error), (error as Error).message, JSON.stringify(error), inspect(error, { depth: 6 }), (error as Error).stack].join('\n');
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.each([
  ['platform fetch', (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)],
  ['nodeFetch', nodeFetch],
] as const)('over %s', (_name, transport) => {
  const credentials = (loginUrl = login.url) => clientCredentials({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, loginUrl });
  const textbots = (opts: Parameters<typeof createTextbotsClient>[0] = {}) => createTextbotsClient({ baseUrl: api.url, fetch: transport, auth: credentials(), ...opts });

  describe('the login host', () => {
    it('never answering: every waiting call times out, and the abandoned token request is cancelled', async () => {
      login.setScript(() => undefined);
      const client = textbots({ timeout: 150, retry: false });
      const started = Date.now();
      const errors = await Promise.all([1, 2, 3].map(() => caught(client.postTextbotsBotsExecute({ body: executeBody }))));
      expect(Date.now() - started).toBeLessThan(2000);
      for (const error of errors) expect(error).toBeInstanceOf(TimeoutError);
      expect(login.seen).toHaveLength(1); // one shared token request
      expect(api.seen).toHaveLength(0);
      await until(() => login.abandoned === 1);
    });

    it("one caller's abort ends only its own wait; the others get the shared token", async () => {
      login.setScript((_req, res) => void setTimeout(() => sendJson(res, 200, { access_token: ISSUED_TOKEN, expires_in: 3600 }), 200));
      api.setScript((_req, res) => sendJson(res, 200, { botState: 'MoreData' }));
      const client = textbots({ retry: false });
      const controller = new AbortController();
      const reason = new Error('user left');
      const aborted = caught(client.postTextbotsBotsExecute({ body: executeBody, signal: controller.signal }));
      const kept = client.postTextbotsBotsExecute({ body: executeBody });
      setTimeout(() => controller.abort(reason), 30);
      expect(await aborted).toBe(reason);
      expect((await kept).botState).toBe('MoreData');
      expect(login.seen).toHaveLength(1);
      expect(login.abandoned).toBe(0);
      expect(api.seen).toHaveLength(1);
      expect(api.seen[0]!.headers.authorization).toBe(`Bearer ${ISSUED_TOKEN}`);
    });

    it('a reset is a NetworkError, retried like any safe failure (nothing of the call was sent)', async () => {
      login.setScript((_req, res, index) => (index === 0 ? res.socket?.destroy() : sendJson(res, 200, { access_token: ISSUED_TOKEN, expires_in: 3600 })));
      api.setScript((_req, res) => sendJson(res, 200, { botState: 'Complete' }));
      expect((await textbots({ retry: fast }).postTextbotsBotsExecute({ body: executeBody })).botState).toBe('Complete');
      expect(login.seen).toHaveLength(2);

      login.setScript((_req, res) => res.socket?.destroy());
      const error = await caught(textbots({ retry: false }).postTextbotsBotsExecute({ body: executeBody }));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toBeInstanceOf(BotApisError);
    });

    it('a refused connection is a NetworkError, not a bare TypeError', async () => {
      const client = textbots({ auth: credentials(`http://127.0.0.1:${await closedPort()}`), retry: false });
      const error = await caught(client.postTextbotsBotsExecute({ body: executeBody }));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).url).toMatch(/\/oauth\/token$/);
    });

    it("goes through the client's transport", async () => {
      const urls: string[] = [];
      const spy = (input: RequestInfo | URL, init?: RequestInit) => (urls.push(String(input)), transport(input, init));
      api.setScript((_req, res) => sendJson(res, 200, { botState: 'Complete' }));
      await textbots({ fetch: spy as typeof fetch }).postTextbotsBotsExecute({ body: executeBody });
      expect(urls).toEqual([`${login.url}/oauth/token`, `${api.url}/api/v2/textbots/bots/execute`]);
    });

    it('a login host echoing the client secret and the Basic value: neither is printed', async () => {
      login.setScript((req, res) =>
        sendJson(res, 401, { error: 'invalid_client', error_description: `bad ${CLIENT_SECRET} / ${req.headers.authorization}` }, { 'x-echo': String(req.headers.authorization) }),
      );
      const error = await caught(textbots({ retry: false }).postTextbotsBotsExecute({ body: executeBody }));
      expect(error).toBeInstanceOf(AuthenticationError);
      const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
      expect(printed(error)).not.toContain(CLIENT_SECRET);
      expect(printed(error)).not.toContain(basic);
      expect(printed(error)).toContain('[redacted]');
    });
  });

  describe('a hostile API server', () => {
    const botmessage = () => createBotMessageClient({ baseUrl: api.url, fetch: transport, auth: { username: 'svc', password: PASSWORD }, retry: fast });
    const cases = [
      ['resets before the headers', (res: import('node:http').ServerResponse) => res.socket?.destroy()],
      ['resets after the headers', (res: import('node:http').ServerResponse) => (res.writeHead(200, { 'content-type': 'application/json', 'content-length': '50' }), res.flushHeaders(), setTimeout(() => res.socket?.destroy(), 5))],
      ['cuts the body short', (res: import('node:http').ServerResponse) => (res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' }), res.write('{"messageUuid":'), setTimeout(() => res.socket?.destroy(), 5))],
    ] as const;
    for (const [what, misbehave] of cases) {
      it(`${what}: NetworkError, and sendBotMessage is sent exactly once`, async () => {
        api.setScript((_req, res) => void misbehave(res));
        const error = await caught(botmessage().sendBotMessage({ params: { path: botPath }, body: sendBody }));
        expect(error).toBeInstanceOf(NetworkError);
        expect(api.seen).toHaveLength(1);
      });
    }

    it('an HTML 502 page: ServerError with the text as body, retried only when safe', async () => {
      api.setScript((_req, res) => (res.writeHead(502, { 'content-type': 'text/html' }), res.end('<html><body>Bad Gateway</body></html>')));
      const error = await caught(botmessage().sendBotMessage({ params: { path: botPath }, body: sendBody }));
      expect(error).toBeInstanceOf(ServerError);
      expect((error as ApiError).body).toContain('Bad Gateway');
      expect(api.seen).toHaveLength(1);
      const webchat = createWebChatClient({ baseUrl: api.url, fetch: transport, auth: { accessToken: 'static-token-1234' }, retry: { ...fast, maxRetries: 2 } });
      expect(await caught(webchat.getWebchatDeployments())).toBeInstanceOf(ServerError);
      expect(api.seen).toHaveLength(4);
    });

    it('endless 429: RateLimitError after maxRetries, retryAfterMs never negative', async () => {
      api.setScript((_req, res) => sendJson(res, 429, { status: 429, code: 'too.many.requests.retry.after', message: 'slow down' }, { 'retry-after': '-5' }));
      const error = await caught(textbots({ auth: { accessToken: 'static-token-1234' }, retry: { ...fast, maxRetries: 3 } }).postTextbotsBotsExecute({ body: executeBody }));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(0);
      expect(api.seen).toHaveLength(4);
    });

    it('Retry-After as an HTTP date is read by RateLimitError as by the retry timing', async () => {
      const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
      api.setScript((_req, res) => sendJson(res, 429, { code: 'too.many.requests' }, { 'retry-after': inTwoMinutes }));
      const error = (await caught(textbots({ auth: { accessToken: 'static-token-1234' } }).postTextbotsBotsExecute({ body: executeBody }))) as RateLimitError;
      expect(error.retryAfterMs).toBeGreaterThan(100_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
      expect(api.seen).toHaveLength(1); // over the 60 s cap: not waited out
    });

    it('a redirect: the Node transport returns it as an ApiError; the platform fetch follows it without the Authorization header across origins', async () => {
      const other = await startScriptedServer((_req, res) => sendJson(res, 200, { botState: 'Complete' }));
      try {
        api.setScript((_req, res) => (res.writeHead(307, { location: `${other.url}/api/v2/textbots/bots/execute` }), res.end()));
        const client = textbots({ auth: { accessToken: 'static-token-1234' }, retry: false });
        if (transport === nodeFetch) {
          const error = await caught(client.postTextbotsBotsExecute({ body: executeBody }));
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).status).toBe(307);
          expect(other.seen).toHaveLength(0);
        } else {
          expect((await client.postTextbotsBotsExecute({ body: executeBody })).botState).toBe('Complete');
          expect(other.seen).toHaveLength(1);
          expect(other.seen[0]!.headers.authorization).toBeUndefined();
        }
      } finally {
        await other.close();
      }
    });

    it("a 200 that is not JSON resolves to its text; validate: 'strict' refuses it", async () => {
      api.setScript((_req, res) => (res.writeHead(200, { 'content-type': 'text/plain' }), res.end('OK')));
      const client = (validate: boolean | 'strict') => textbots({ auth: { accessToken: 'static-token-1234' }, validate });
      expect(await client(true).postTextbotsBotsExecute({ body: executeBody })).toBe('OK');
      expect(await caught(client('strict').postTextbotsBotsExecute({ body: executeBody }))).toMatchObject({ name: 'ValidationError', kind: 'response' });
    });

    it('headers, then silence: TimeoutError', async () => {
      api.setScript((_req, res) => (res.writeHead(200, { 'content-type': 'application/json', 'content-length': '20' }), res.flushHeaders()));
      const error = await caught(textbots({ auth: { accessToken: 'static-token-1234' }, timeout: 100, retry: false }).postTextbotsBotsExecute({ body: executeBody }));
      expect(error).toBeInstanceOf(TimeoutError);
    });

    it('a 20,000-level error body gives the typed error, printable', async () => {
      api.setScript((_req, res) => (res.writeHead(400, { 'content-type': 'application/json' }), res.end(deepJson(20_000))));
      const error = await caught(textbots({ auth: { accessToken: 'static-token-1234' } }).postTextbotsBotsExecute({ body: executeBody }));
      expect(error).toBeInstanceOf(BadRequestError);
      expect(() => printed(error)).not.toThrow();
      expect(JSON.stringify(error)).toContain('[too deep]');
    });
  });

  describe('credentials echoed back', () => {
    it('a fetched token echoed in the body, a header, the correlation id and the message is printed nowhere', async () => {
      api.setScript((req, res) => {
        const auth = String(req.headers.authorization);
        const token = auth.slice('Bearer '.length);
        sendJson(res, 400, { code: 'bad.request', message: `you sent ${auth}`, details: [{ fieldName: token }], contextId: token }, { 'x-echo': token, 'inin-correlation-id': `c-${token}` });
      });
      const logs: RequestLogEntry[] = [];
      const error = await caught(textbots({ logger: (e) => logs.push(e), logBodies: true }).postTextbotsBotsExecute({ body: executeBody }));
      expect(error).toBeInstanceOf(BadRequestError);
      expect(printed(error)).not.toContain(ISSUED_TOKEN);
      expect(JSON.stringify(logs)).not.toContain(ISSUED_TOKEN);
      expect((error as ApiError).headers['x-echo']).toBe('[redacted]');
    });

    it('the Basic value and the password echoed back are printed nowhere', async () => {
      api.setScript((req, res) => sendJson(res, 400, { status: 'FAILURE', errors: [{ errorCode: 'INVALID', errorDescription: `${req.headers.authorization} ${PASSWORD}` }] }, { 'x-echo': String(req.headers.authorization) }));
      const client = createBotMessageClient({ baseUrl: api.url, fetch: transport, auth: { username: 'svc', password: PASSWORD } });
      const error = await caught(client.sendBotMessage({ params: { path: botPath }, body: sendBody }));
      const basic = Buffer.from(`svc:${PASSWORD}`).toString('base64');
      expect(printed(error)).not.toContain(basic);
      expect(printed(error)).not.toContain(PASSWORD);
    });

    it('logBodies: the new guest chat JWT and the event stream URL holding it are not logged; a later echo is scrubbed', async () => {
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJjb252In0.c2lnbmF0dXJlLXZhbHVl';
      api.setScript((req, res) => {
        if (req.method === 'POST' && req.url === '/api/v2/webchat/guest/conversations') {
          return sendJson(res, 200, { id: 'conv-1', jwt, eventStreamUri: `wss://streaming.mypurecloud.com/chat/jwt/${jwt}`, member: { id: 'mem-1', role: 'CUSTOMER' } });
        }
        sendJson(res, 404, { code: 'not.found', message: `no chat for ${req.headers.authorization}` });
      });
      const logs: RequestLogEntry[] = [];
      const webchat = createWebChatClient({ baseUrl: api.url, fetch: transport, logger: (e) => logs.push(e), logBodies: true, retry: false });
      const chat = await webchat.startGuestChat({ organizationId: 'org', deploymentId: 'dep', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
      const error = await caught(chat.send('hi'));
      expect(error).toBeInstanceOf(ApiError);
      expect(JSON.stringify(logs)).not.toContain(jwt);
      expect(JSON.stringify(logs)).toContain('/chat/jwt/[redacted]');
      expect(printed(error)).not.toContain(jwt);
    });
  });
});
