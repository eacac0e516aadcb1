import { describe, expect, it, vi } from 'vitest';
import { inspect } from 'node:util';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  clientCredentials,
  createBotMessageClient,
  createTextbotsClient,
  createWebChatClient,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type RequestLogEntry,
} from '../../src/index.js';
import { fakeFetch, json } from '../helpers/fake-fetch.js';

const BASE = 'http://127.0.0.1:9';
const TOKEN = 'tok-secret-0123456789';
const executeBody = { botId: 'bot-1', integrationId: 'int-1', botSessionId: '6f1c0d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', postTextMessage: { type: 'Text' as const, text: 'hi' } };
const sendBody = {
  messageAttributes: { body: 'Reminder', type: 'OUTGOING' as const, protocol: 'TEXT' as const },
  messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Assistant' },
};
const path = { departmentUUID: 'dept-1', userUUID: 'user-1' };

describe('request building', () => {
  it('sends method, URL, JSON body and the OAuth bearer', async () => {
    const { fetch, calls } = fakeFetch([json(200, { botState: 'MoreData' })]);
    const textbots = createTextbotsClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN } });
    const reply = await textbots.postTextbotsBotsExecute({ body: executeBody });
    expect(reply.botState).toBe('MoreData');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.url).toBe(`${BASE}/api/v2/textbots/bots/execute`);
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(calls[0]!.body!)).toEqual(executeBody);
  });

  it('uses the region host by default', async () => {
    const { fetch, calls } = fakeFetch([json(200, { botState: 'Complete' })]);
    await createTextbotsClient({ region: 'mypurecloud.ie', fetch, auth: { accessToken: TOKEN } }).postTextbotsBotsExecute({ body: executeBody });
    expect(calls[0]!.url).toBe('https://api.mypurecloud.ie/api/v2/textbots/bots/execute');
    expect(() => createTextbotsClient({ region: 'example.com' as never })).toThrow(/unknown Genesys region/);
  });

  it('creating a guest conversation sends no Authorization at all; guest calls send the JWT', async () => {
    const created = { id: 'conv-1', jwt: 'guest.jwt.value', eventStreamUri: 'wss://x/chat/jwt/guest.jwt.value', member: { id: 'mem-1', role: 'CUSTOMER' } };
    const { fetch, calls } = fakeFetch([json(200, created), json(200, { id: 'm1', body: 'hi', bodyType: 'standard', timestamp: '2025-01-01T00:00:00.000Z', conversation: { id: 'conv-1' }, sender: { id: 'mem-1', role: 'CUSTOMER' } })]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN } });
    const chat = await webchat.startGuestChat({ organizationId: 'org', deploymentId: 'dep', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
    expect(calls[0]!.headers.has('authorization')).toBe(false);
    await chat.send('hi');
    expect(calls[1]!.headers.get('authorization')).toBe('Bearer guest.jwt.value');
    expect(calls[1]!.url).toBe(`${BASE}/api/v2/webchat/guest/conversations/conv-1/members/mem-1/messages`);
    expect(inspect(chat)).not.toContain('guest.jwt.value');
    expect(JSON.stringify(chat)).not.toContain('guest.jwt.value');
  });

  it('myKaarma: Basic auth and the production base URL by default', async () => {
    const { fetch, calls } = fakeFetch([json(200, { requestUuid: 'r1', status: 'SUCCESS', messageUuid: 'm1', errors: [], warnings: [] })]);
    const bot = createBotMessageClient({ fetch, auth: { username: 'svc', password: 'pässword' } });
    const res = await bot.sendBotMessage({ params: { path }, body: sendBody });
    expect(res.messageUuid).toBe('m1');
    expect(calls[0]!.url).toBe('https://api.mykaarma.com/communications/department/dept-1/user/user-1/botmessage/send');
    const decoded = Buffer.from(calls[0]!.headers.get('authorization')!.replace('Basic ', ''), 'base64').toString('utf8');
    expect(decoded).toBe('svc:pässword');
  });

  it('percent-encodes path parameters and refuses dot segments, separators and control characters', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { role: 'CUSTOMER' }));
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { guestJwt: 'j' } });
    await webchat.getWebchatGuestConversationMember({ params: { path: { conversationId: 'c 1', memberId: 'a?b#c%d' } } });
    expect(calls[0]!.url).toBe(`${BASE}/api/v2/webchat/guest/conversations/c%201/members/a%3Fb%23c%25d`);
    // A server decodes %2F and %5C back into separators (Tomcat refuses them outright), so no id may hold one.
    for (const id of ['..', '.', '%2e%2E', 'a/b', 'a\\b', 'a\u0000b', 'a\tb']) {
      await expect(webchat.getWebchatGuestConversationMember({ params: { path: { conversationId: id, memberId: 'm' } } })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(calls).toHaveLength(1);
  });
});

describe('validation before sending', () => {
  it('refuses a JSON body labelled with another media type and sends nothing; JSON with parameters or +json passes', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { requireDeployment: true }));
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: 't' } });
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const error = await webchat.putWebchatSettings({ body: { requireDeployment: true }, headers: { 'content-type': type } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([{ path: 'headers.content-type', message: 'must be a JSON media type (application/json)' }]);
    }
    expect(calls).toHaveLength(0);
    for (const type of ['application/json; charset=utf-8', 'Application/Vnd.Genesys+JSON']) {
      await webchat.putWebchatSettings({ body: { requireDeployment: true }, headers: { 'Content-Type': type } });
    }
    expect(calls.map((c) => c.headers.get('content-type'))).toEqual(['application/json; charset=utf-8', 'Application/Vnd.Genesys+JSON']);
    // Without a body nothing is labelled: the header is the caller's business.
    await webchat.getWebchatSettings({ headers: { 'Content-Type': 'text/plain' } });
    expect(calls).toHaveLength(3);
  });

  it('lists every failing field and sends nothing', async () => {
    const { fetch, calls } = fakeFetch([json(200, {})]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { guestJwt: 'j' } });
    const error = await webchat
      .getWebchatGuestConversationMessages({ params: { path: { conversationId: 'c' }, query: { maxResults: 500, sortOrder: 'sideways' as never } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['params.query.maxResults', 'params.query.sortOrder']));
    expect(calls).toHaveLength(0);
  });

  it('refuses a send that is not OUTGOING + TEXT, a missing sender name and an empty path id', async () => {
    const { fetch, calls } = fakeFetch([json(200, {})]);
    const bot = createBotMessageClient({ fetch, auth: { username: 'u', password: 'p' } });
    const error = (await bot
      .sendBotMessage({ params: { path: { departmentUUID: '', userUUID: 'u' } }, body: { messageAttributes: { body: 'x', type: 'DRAFT', protocol: 'EMAIL' }, messageSendingAttributes: { recipientCommunicationValue: '+1' } } as never })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['params.path.departmentUUID', 'body.messageAttributes.type', 'body.messageAttributes.protocol', 'body.messageSendingAttributes.senderName']));
    expect(calls).toHaveLength(0);
  });

  it('refuses CR/LF in header values even with validation off', async () => {
    const { fetch, calls } = fakeFetch([json(200, { botState: 'Complete' })]);
    const textbots = createTextbotsClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, validate: false });
    await expect(textbots.postTextbotsBotsExecute({ body: executeBody, headers: { 'X-Trace': 'a\r\nX-Evil: 1' } })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toHaveLength(0);
  });

  it('validate: false sends what it is given', async () => {
    const { fetch, calls } = fakeFetch([json(200, { botState: 'Complete' })]);
    const textbots = createTextbotsClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, validate: false });
    await textbots.postTextbotsBotsExecute({ body: { botId: 'x' } as never });
    expect(calls).toHaveLength(1);
  });

  it("validate: 'strict' checks responses too", async () => {
    const { fetch } = fakeFetch([json(200, { botState: 'Sleeping' })]);
    const textbots = createTextbotsClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, validate: 'strict' });
    const error = await textbots.postTextbotsBotsExecute({ body: executeBody }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).kind).toBe('response');
  });
});

describe('errors', () => {
  it('maps statuses to classes with vendor code, correlation id and a readable message', async () => {
    const body = { message: 'The requested resource was not found.', code: 'not.found', status: 404, contextId: 'ctx-1' };
    const { fetch } = fakeFetch([json(404, body, { 'ININ-Correlation-Id': 'corr-1' })]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN } });
    const error = (await webchat.getWebchatDeployment({ params: { path: { deploymentId: 'd1' } } }).catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.code).toBe('not.found');
    expect(error.correlationId).toBe('corr-1');
    expect(error.message).toBe(`404 not.found: GET ${BASE}/api/v2/webchat/deployments/d1 (The requested resource was not found.)`);
    expect(error.body).toEqual(body);
  });

  it('a myKaarma FAILURE is an error even with 200, with requestUuid as correlation id', async () => {
    const { fetch } = fakeFetch([json(200, { requestUuid: 'req-9', status: 'FAILURE', errors: [{ errorCode: 'TWILIO_SENDING_FAILURE', errorDescription: 'carrier said no' }] })]);
    const bot = createBotMessageClient({ fetch, auth: { username: 'u', password: 'p' } });
    const error = (await bot.sendBotMessage({ params: { path }, body: sendBody }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('TWILIO_SENDING_FAILURE');
    expect(error.correlationId).toBe('req-9');
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [500, ServerError],
    [503, ServerError],
    [429, RateLimitError],
  ])('%i → %o', async (status, cls) => {
    const { fetch } = fakeFetch([json(status, { code: 'x' }, { 'Retry-After': '999' })]);
    const textbots = createTextbotsClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, retry: false });
    await expect(textbots.postTextbotsBotsExecute({ body: executeBody })).rejects.toBeInstanceOf(cls);
  });

  it('no error, log line or toString contains a credential', async () => {
    const logs: RequestLogEntry[] = [];
    const { fetch } = fakeFetch([json(401, { code: 'bad.credentials', message: `token ${TOKEN} refused` }, { 'www-authenticate': 'Bearer' })]);
    const textbots = createTextbotsClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, logger: (e) => logs.push(e), logBodies: true });
    const error = (await textbots.postTextbotsBotsExecute({ body: executeBody }).catch((e: unknown) => e)) as ApiError;
    const outputs = [error.message, String(error), inspect(error, { depth: 5 }), JSON.stringify(logs)];
    for (const text of outputs) expect(text).not.toContain(TOKEN);
    expect(logs[0]).toMatchObject({ operationId: 'postTextbotsBotsExecute', method: 'POST', status: 401, attempt: 1 });
  });
});

describe('retries', () => {
  it('retries 429 honouring Retry-After, for any operation', async () => {
    const { fetch, calls } = fakeFetch([json(429, { code: 'too.many.requests.retry.after' }, { 'Retry-After': '0' }), json(200, { requestUuid: 'r', status: 'SUCCESS', messageUuid: 'm' })]);
    const bot = createBotMessageClient({ fetch, auth: { username: 'u', password: 'p' } });
    await expect(bot.sendBotMessage({ params: { path }, body: sendBody })).resolves.toMatchObject({ messageUuid: 'm' });
    expect(calls).toHaveLength(2);
  });

  it('never retries sendBotMessage on 503 or a network failure: a repeat would text twice', async () => {
    const a = fakeFetch([json(503, { errors: [] }), json(200, {})]);
    await expect(createBotMessageClient({ fetch: a.fetch, auth: { username: 'u', password: 'p' } }).sendBotMessage({ params: { path }, body: sendBody })).rejects.toBeInstanceOf(ServerError);
    expect(a.calls).toHaveLength(1);
    const b = fakeFetch([new TypeError('socket hang up'), json(200, {})]);
    await expect(createBotMessageClient({ fetch: b.fetch, auth: { username: 'u', password: 'p' } }).sendBotMessage({ params: { path }, body: sendBody })).rejects.toBeInstanceOf(NetworkError);
    expect(b.calls).toHaveLength(1);
  });

  it('saveBotMessage is retried on 503 only when it carries a uuid', async () => {
    const save = { messageAttributes: { body: 'OFF', type: 'INCOMING' as const, protocol: 'TEXT' as const }, messageSendingAttributes: { recipientCommunicationValue: '1', senderCommunicationValue: '2' }, messageDeliveryAttributes: {} };
    const a = fakeFetch([json(503, {}), json(200, { status: 'SUCCESS' })]);
    const client = createBotMessageClient({ fetch: a.fetch, auth: { username: 'u', password: 'p' }, retry: { baseDelayMs: 1 } });
    await expect(client.saveBotMessage({ params: { path }, body: save })).rejects.toBeInstanceOf(ServerError);
    expect(a.calls).toHaveLength(1);
    const b = fakeFetch([json(503, {}), json(200, { status: 'SUCCESS' })]);
    const client2 = createBotMessageClient({ fetch: b.fetch, auth: { username: 'u', password: 'p' }, retry: { baseDelayMs: 1 } });
    await expect(client2.saveBotMessage({ params: { path }, body: { ...save, uuid: 'abc' } })).resolves.toMatchObject({ status: 'SUCCESS' });
    expect(b.calls).toHaveLength(2);
  });

  it('GETs are retried on 502/503/504 and network errors, up to maxRetries', async () => {
    const { fetch, calls } = fakeFetch([json(502, {}), new TypeError('reset'), json(504, {}), json(200, { entities: [] })]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, retry: { maxRetries: 3, baseDelayMs: 1 } });
    await expect(webchat.getWebchatDeployments()).resolves.toEqual({ entities: [] });
    expect(calls).toHaveLength(4);
    const again = fakeFetch([json(503, {})]);
    const strict = createWebChatClient({ baseUrl: BASE, fetch: again.fetch, auth: { accessToken: TOKEN }, retry: { maxRetries: 1, baseDelayMs: 1 } });
    await expect(strict.getWebchatDeployments()).rejects.toBeInstanceOf(ServerError);
    expect(again.calls).toHaveLength(2);
  });

  it('a Retry-After over the cap is not waited out', async () => {
    const { fetch, calls } = fakeFetch([json(429, {}, { 'Retry-After': '3600' })]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN } });
    const error = (await webchat.getWebchatSettings().catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(calls).toHaveLength(1);
  });
});

describe('timeouts and abort', () => {
  it('a slow attempt throws TimeoutError; each retry gets a fresh budget', async () => {
    let n = 0;
    const fetch = (async (_url: string, init: RequestInit) => {
      n++;
      await new Promise((resolve, reject) => {
        const t = setTimeout(resolve, n === 1 ? 200 : 5);
        init.signal?.addEventListener('abort', () => { clearTimeout(t); reject(init.signal!.reason); });
      });
      return json(200, { entities: [] });
    }) as unknown as typeof globalThis.fetch;
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, timeout: 50, retry: { baseDelayMs: 1 } });
    await expect(webchat.getWebchatDeployments()).resolves.toEqual({ entities: [] });
    expect(n).toBe(2);
    const noRetry = createWebChatClient({ baseUrl: BASE, fetch: (async (_u: string, init: RequestInit) => { await new Promise((_r, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason))); return json(200, {}); }) as never, auth: { accessToken: TOKEN }, timeout: 30, retry: false });
    await expect(noRetry.getWebchatDeployments()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('an abort during a retry wait rejects with the abort reason at once', async () => {
    const { fetch, calls } = fakeFetch([json(503, {})]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN }, retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    const controller = new AbortController();
    const started = Date.now();
    const pending = webchat.getWebchatDeployments({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 30);
    await expect(pending).rejects.toThrow('user left');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(calls.length).toBeLessThanOrEqual(1);
  });
});

describe('OAuth client credentials', () => {
  it('caches the token, shares one in-flight request, and refreshes once on 401', async () => {
    let issued = 0;
    const tokenCalls: string[] = [];
    const api = fakeFetch((req) => {
      if (req.url.endsWith('/oauth/token')) {
        tokenCalls.push(req.headers.get('authorization')!);
        issued++;
        return json(200, { access_token: `token-${issued}`, token_type: 'bearer', expires_in: 3600 });
      }
      if (req.headers.get('authorization') === 'Bearer token-1' && tokenCalls.length === 1 && req.url.includes('settings')) return json(401, { code: 'credentials.expired' });
      return json(200, { entities: [], requireDeployment: true });
    });
    const auth = clientCredentials({ clientId: 'id', clientSecret: 'secret', loginUrl: BASE, fetch: api.fetch });
    const webchat = createWebChatClient({ baseUrl: BASE, fetch: api.fetch, auth });
    await Promise.all([webchat.getWebchatDeployments(), webchat.getWebchatDeployments(), webchat.getWebchatDeployments()]);
    expect(tokenCalls).toHaveLength(1);
    expect(Buffer.from(tokenCalls[0]!.slice(6), 'base64').toString()).toBe('id:secret');
    await expect(webchat.getWebchatSettings()).resolves.toMatchObject({ requireDeployment: true });
    expect(tokenCalls).toHaveLength(2);
    const settingsCalls = api.calls.filter((c) => c.url.includes('settings'));
    expect(settingsCalls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('a token\'s life runs on the monotonic clock: wall-clock steps neither expire nor extend it', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    try {
      let issued = 0;
      const api = fakeFetch((req) => {
        if (req.url.endsWith('/oauth/token')) return json(200, { access_token: `token-${++issued}`, token_type: 'bearer', expires_in: 3600 });
        return json(200, { entities: [] });
      });
      const auth = clientCredentials({ clientId: 'id', clientSecret: 'secret', loginUrl: BASE, fetch: api.fetch });
      const webchat = createWebChatClient({ baseUrl: BASE, fetch: api.fetch, auth, timeout: 5_000 });
      await webchat.getWebchatDeployments();
      vi.setSystemTime(Date.now() + 2 * 3600_000); // the wall clock jumps two hours ahead: the token still has its hour
      await webchat.getWebchatDeployments();
      vi.setSystemTime(Date.now() - 4 * 3600_000); // and back
      await webchat.getWebchatDeployments();
      expect(issued).toBe(1);
      const apiCalls = api.calls.filter((c) => !c.url.endsWith('/oauth/token'));
      expect(apiCalls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-1']);
      await vi.advanceTimersByTimeAsync(3600_000); // an hour on the monotonic clock: now the token is renewed
      await webchat.getWebchatDeployments();
      expect(issued).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a second 401 is thrown, not looped', async () => {
    const getAccessToken = vi.fn(async () => 'always-bad');
    const { fetch, calls } = fakeFetch([json(401, { code: 'bad.credentials' })]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { getAccessToken } });
    await expect(webchat.getWebchatSettings()).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls).toHaveLength(2);
    expect(getAccessToken).toHaveBeenCalledTimes(2);
  });
});

describe('raw', () => {
  it('is openapi-fetch as is, with auth applied', async () => {
    const { fetch, calls } = fakeFetch([json(404, { code: 'not.found' })]);
    const webchat = createWebChatClient({ baseUrl: BASE, fetch, auth: { accessToken: TOKEN } });
    const { data, error, response } = await webchat.raw.GET('/api/v2/webchat/deployments/{deploymentId}', { params: { path: { deploymentId: 'x' } } });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ code: 'not.found' });
    expect(response.status).toBe(404);
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });
});
