import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  ApiError,
  clientCredentials,
  createBotMessageClient,
  createTextbotsClient,
  createWebChatClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type GuestChat,
  type RequestLogEntry,
} from '../../src/index.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { nodeFetch } from '../../src/node/fetch.js';

// The clients against the embedded mock server, over a real socket on 127.0.0.1.
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, agentReplyDelayMs: 10 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.faults.clear();
  mock.resetCounts();
});

const f = () => mock.fixtures;

/**
 * Opens the chat's event stream, which is what routes a chat to an agent, and returns once the agent is
 * CONNECTED (the stream is closed then; the chat stays routed).
 */
async function agentJoined(chat: GuestChat): Promise<void> {
  for await (const event of chat.events({ signal: AbortSignal.timeout(5000) })) {
    if (event.kind === 'member-change' && event.eventBody.member.id !== chat.memberId && event.eventBody.member.state === 'CONNECTED') return;
  }
  throw new Error('the event stream ended before an agent joined');
}

// Every test runs twice: over the platform fetch (browsers, any runtime) and over the Node transport.
describe.each([
  ['platform fetch', (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)],
  ['nodeFetch', nodeFetch],
] as const)('over %s', (_name, transport) => {
const textbotsClient = (opts: Parameters<typeof createTextbotsClient>[0] = {}) => createTextbotsClient({ baseUrl: mock.urls.genesys, auth: { accessToken: f().oauth.accessToken }, fetch: transport, ...opts });
const webchatClient = (opts: Parameters<typeof createWebChatClient>[0] = {}) => createWebChatClient({ baseUrl: mock.urls.genesys, auth: { accessToken: f().oauth.accessToken }, fetch: transport, webSocket: WebSocket, ...opts });
const botClient = (opts: Parameters<typeof createBotMessageClient>[0] = {}) => createBotMessageClient({ baseUrl: mock.urls.mykaarma, auth: { username: f().botmessage.username, password: f().botmessage.password }, fetch: transport, ...opts });
const bmPath = () => ({ departmentUUID: f().botmessage.departmentUUID, userUUID: f().botmessage.userUUID });
const sendBody = () => ({
  messageAttributes: { body: 'Your Out-of-Office is still on.', type: 'OUTGOING' as const, protocol: 'TEXT' as const },
  messageSendingAttributes: { recipientCommunicationValue: f().botmessage.userPhone, senderName: 'Assistant' },
});
const saveBody = () => ({
  messageAttributes: { body: 'OFF', type: 'INCOMING' as const, protocol: 'TEXT' as const },
  messageSendingAttributes: { recipientCommunicationValue: '+14155550100', senderCommunicationValue: f().botmessage.userPhone },
  messageDeliveryAttributes: { sentTimestamp: '2025-03-28T11:34:43.226Z', receivedTimestamp: '2025-03-28T11:34:44.018Z', deliveryStatus: '1' },
});

describe('every operation through its method', () => {
  it('Textbots: postTextbotsBotsExecute runs a conversation to Complete', async () => {
    const textbots = textbotsClient({ validate: 'strict' });
    const body = { botId: f().textbots.botId, integrationId: f().textbots.integrationId, botSessionId: randomUUID(), languageCode: 'en-us', botCorrelationId: 'corr-42' };
    const first = await textbots.postTextbotsBotsExecute({ body: { ...body, postTextMessage: { type: 'Text', text: 'I want to book a service appointment' } } });
    expect(first).toMatchObject({ botState: 'MoreData', botCorrelationId: 'corr-42' });
    await textbots.postTextbotsBotsExecute({ body: { ...body, postTextMessage: { type: 'Text', text: 'tomorrow' } } });
    const last = await textbots.postTextbotsBotsExecute({ body: { ...body, postTextMessage: { type: 'Text', text: 'at 10am' } } });
    expect(last.botState).toBe('Complete');
    expect(mock.requestCount('postTextbotsBotsExecute')).toBe(3);
  });

  it('WebChat: the 8 deployment and settings operations', async () => {
    const webchat = webchatClient({ validate: 'strict' });
    const before = await webchat.getWebchatDeployments();
    const created = await webchat.postWebchatDeployments({ body: { name: 'Integration test', allowedDomains: ['www.example-dealer.com'] } });
    expect(created.id).toBeTruthy();
    const id = { deploymentId: created.id! };
    expect((await webchat.getWebchatDeployment({ params: { path: id } })).name).toBe('Integration test');
    expect((await webchat.putWebchatDeployment({ params: { path: id }, body: { name: 'Renamed', disabled: true } })).name).toBe('Renamed');
    expect((await webchat.getWebchatDeployments()).entities?.length).toBe((before.entities?.length ?? 0) + 1);
    await expect(webchat.deleteWebchatDeployment({ params: { path: id } })).resolves.toBeUndefined();
    await expect(webchat.getWebchatDeployment({ params: { path: id } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await webchat.putWebchatSettings({ body: { requireDeployment: true } })).toMatchObject({ requireDeployment: true });
    expect(await webchat.getWebchatSettings()).toMatchObject({ requireDeployment: true });
    await expect(webchat.deleteWebchatSettings()).resolves.toBeUndefined();
  });

  it('WebChat: the 11 guest operations', async () => {
    const webchat = webchatClient({ validate: 'strict' });
    const chat = await webchat.startGuestChat({ organizationId: f().webchat.organizationId, deploymentId: f().webchat.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f().webchat.queueName }, memberInfo: { displayName: 'Ada' } });
    const guest = createWebChatClient({ baseUrl: mock.urls.genesys, auth: { guestJwt: chat.jwt }, validate: 'strict', fetch: transport });
    const conv = { conversationId: chat.conversationId };
    await agentJoined(chat);
    const member = await guest.getWebchatGuestConversationMember({ params: { path: { ...conv, memberId: chat.memberId } } });
    expect(member.role).toBe('CUSTOMER');
    expect((await chat.typing()).sender.id).toBe(chat.memberId);
    const sent = await guest.postWebchatGuestConversationMemberMessages({ params: { path: { ...conv, memberId: chat.memberId } }, body: { body: 'Can we do a screen share?' } });
    expect((await guest.getWebchatGuestConversationMessage({ params: { path: { ...conv, messageId: sent.id! } } })).body).toBe('Can we do a screen share?');
    let agentAnswered = false;
    for (let i = 0; i < 50 && !agentAnswered; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const page = await guest.getWebchatGuestConversationMessages({ params: { path: conv, query: { sortOrder: 'descending', maxResults: 10 } } });
      agentAnswered = (page.entities ?? []).some((m) => m.sender.role === 'AGENT' && m.bodyType === 'standard');
    }
    expect(agentAnswered).toBe(true);
    const members = await guest.getWebchatGuestConversationMembers({ params: { path: conv, query: { pageSize: 25, pageNumber: 1 } } });
    expect(members.entities?.map((m) => m.role).sort()).toEqual(['AGENT', 'CUSTOMER']);
    const requests = await guest.getWebchatGuestConversationMediarequests({ params: { path: conv } });
    expect(requests.entities?.length).toBeGreaterThanOrEqual(1);
    const request = requests.entities![0]!;
    expect((await guest.getWebchatGuestConversationMediarequest({ params: { path: { ...conv, mediaRequestId: request.id! } } })).state).toBe('PENDING');
    const answered = await guest.patchWebchatGuestConversationMediarequest({ params: { path: { ...conv, mediaRequestId: request.id! } }, body: { types: request.types, state: 'DECLINED' } });
    expect(answered.state).toBe('DECLINED');
    await expect(guest.deleteWebchatGuestConversationMember({ params: { path: { ...conv, memberId: chat.memberId } } })).resolves.toBeUndefined();
  });

  it('GuestChat follows message cursors and member pages', async () => {
    const chat = await webchatClient().startGuestChat({ organizationId: f().webchat.organizationId, deploymentId: f().webchat.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f().webchat.queueName }, memberInfo: { displayName: 'Bo' } });
    await agentJoined(chat);
    for (let i = 1; i <= 7; i++) await chat.send(`message ${i}`);
    const mine: string[] = [];
    for await (const m of chat.messages({ pageSize: 3 })) if (m.sender.role === 'CUSTOMER') mine.push(m.body);
    expect(mine).toEqual(['message 1', 'message 2', 'message 3', 'message 4', 'message 5', 'message 6', 'message 7']);
    const newestFirst: string[] = [];
    for await (const m of chat.messages({ pageSize: 2, sortOrder: 'descending' })) if (m.sender.role === 'CUSTOMER') newestFirst.push(m.body);
    expect(newestFirst).toEqual([...mine].reverse());
    const roles: string[] = [];
    for await (const m of chat.members({ pageSize: 1 })) roles.push(m.role);
    expect(roles.sort()).toEqual(['AGENT', 'CUSTOMER']);
    await chat.leave();
  });

  it('myKaarma: send, save, then update in place', async () => {
    const bot = botClient({ validate: 'strict' });
    const sent = await bot.sendBotMessage({ params: { path: bmPath() }, body: sendBody() });
    expect(sent.status).toBe('SUCCESS');
    const saved = await bot.saveBotMessage({ params: { path: bmPath() }, body: saveBody() });
    const updated = await bot.saveBotMessage({ params: { path: bmPath() }, body: { ...saveBody(), uuid: saved.messageUuid! } });
    expect(updated.messageUuid).toBe(saved.messageUuid);
    const unknown = (await bot.saveBotMessage({ params: { path: bmPath() }, body: { ...saveBody(), uuid: 'no-such-message' } }).catch((e: unknown) => e)) as ApiError;
    expect(unknown.status).toBe(400);
    expect(unknown.code).toBe('INVALID_MESSAGE_UUID');
    expect(unknown.correlationId).toBeTruthy();
  });
});

describe('auth', () => {
  it('client credentials: one token for many calls, and a refresh after the token expires', async () => {
    const short = await startMockServer({ port: 0, tokenTtlSeconds: 0.3 });
    try {
      const auth = clientCredentials({ clientId: short.fixtures.oauth.clientId, clientSecret: short.fixtures.oauth.clientSecret, loginUrl: short.urls.login, refreshMarginMs: 0, fetch: transport });
      const webchat = createWebChatClient({ baseUrl: short.urls.genesys, auth, fetch: transport });
      await Promise.all(Array.from({ length: 5 }, () => webchat.getWebchatDeployments()));
      expect(short.requestCount('oauthToken')).toBe(1);
      await new Promise((r) => setTimeout(r, 600));
      await webchat.getWebchatDeployments();
      expect(short.requestCount('oauthToken')).toBe(2);
    } finally {
      await short.close();
    }
  });

  it('a token the server no longer accepts is refreshed once and the call resent', async () => {
    let calls = 0;
    const webchat = webchatClient({ auth: { getAccessToken: ({ forceRefresh }) => { calls++; return forceRefresh ? f().oauth.accessToken : 'revoked-token'; } } });
    await expect(webchat.getWebchatSettings()).resolves.toBeDefined();
    expect(calls).toBe(2);
    expect(mock.requestCount('getWebchatSettings')).toBe(2);
  });

  it('the readonly scope may read deployments but not write them', async () => {
    const webchat = webchatClient({ auth: { accessToken: f().oauth.readonlyAccessToken } });
    await expect(webchat.getWebchatDeployments()).resolves.toBeDefined();
    await expect(webchat.postWebchatDeployments({ body: { name: 'x' } })).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});

describe('reliability', () => {
  it('429 with Retry-After is waited out and retried', async () => {
    mock.faults.set([{ operationId: 'getWebchatDeployments', kind: 'rate-limit', after: 0, retryAfterSeconds: 1, times: 1 }]);
    const started = Date.now();
    await expect(webchatClient().getWebchatDeployments()).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(mock.requestCount('getWebchatDeployments')).toBe(2);
  });

  it('503 on sendBotMessage is not retried: the server counts one request', async () => {
    mock.faults.set([{ operationId: 'sendBotMessage', kind: 'status', status: 503 }]);
    await expect(botClient({ retry: { maxRetries: 5, baseDelayMs: 1 } }).sendBotMessage({ params: { path: bmPath() }, body: sendBody() })).rejects.toBeInstanceOf(ServerError);
    expect(mock.requestCount('sendBotMessage')).toBe(1);
  });

  it('a dropped connection on sendBotMessage is not retried either', async () => {
    mock.faults.set([{ operationId: 'sendBotMessage', kind: 'drop' }]);
    await expect(botClient({ retry: { maxRetries: 5, baseDelayMs: 1 } }).sendBotMessage({ params: { path: bmPath() }, body: sendBody() })).rejects.toThrow(/network error/);
    expect(mock.requestCount('sendBotMessage')).toBe(1);
  });

  it('503 on a GET is retried until it succeeds', async () => {
    mock.faults.set([{ operationId: 'getWebchatSettings', kind: 'status', status: 503, times: 2 }]);
    await expect(webchatClient({ retry: { baseDelayMs: 1 } }).getWebchatSettings()).resolves.toBeDefined();
    expect(mock.requestCount('getWebchatSettings')).toBe(3);
  });

  it('a slow answer times out', async () => {
    mock.faults.set([{ operationId: 'getWebchatDeployments', kind: 'latency', ms: 500 }]);
    await expect(webchatClient({ timeout: 100, retry: false }).getWebchatDeployments()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('an abort during a retry wait ends the call at once', async () => {
    mock.faults.set([{ operationId: 'getWebchatDeployments', kind: 'rate-limit', after: 0, retryAfterSeconds: 30 }]);
    const controller = new AbortController();
    const started = Date.now();
    const pending = webchatClient().getWebchatDeployments({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('navigated away')), 100);
    await expect(pending).rejects.toThrow('navigated away');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a Retry-After beyond the cap surfaces as RateLimitError', async () => {
    mock.faults.set([{ operationId: 'getWebchatDeployments', kind: 'rate-limit', after: 0, retryAfterSeconds: 120 }]);
    const error = (await webchatClient().getWebchatDeployments().catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe('too.many.requests.retry.after');
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('invalid input is refused before sending: the server counts zero requests', async () => {
    const error = (await botClient()
      .sendBotMessage({ params: { path: bmPath() }, body: { ...sendBody(), messageAttributes: { body: 'x', type: 'DRAFT', protocol: 'TEXT' } } as never })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]!.path).toBe('body.messageAttributes.type');
    expect(mock.requestCount()).toBe(0);
  });

  it('no secret in any error or log output', async () => {
    const logs: RequestLogEntry[] = [];
    const password = f().botmessage.password;
    const bot = createBotMessageClient({ baseUrl: mock.urls.mykaarma, auth: { username: f().botmessage.username, password }, logger: (e) => logs.push(e), logBodies: true, fetch: transport });
    mock.faults.set([{ operationId: 'sendBotMessage', kind: 'status', status: 500 }]);
    const e1 = await bot.sendBotMessage({ params: { path: bmPath() }, body: sendBody() }).catch((e: unknown) => e);
    const wrong = createBotMessageClient({ baseUrl: mock.urls.mykaarma, auth: { username: f().botmessage.username, password: 'wrong-password-123' }, logger: (e) => logs.push(e), fetch: transport });
    const e2 = await wrong.saveBotMessage({ params: { path: bmPath() }, body: saveBody() }).catch((e: unknown) => e);
    const token = f().oauth.accessToken;
    const webchat = webchatClient({ logger: (e) => logs.push(e), logBodies: true });
    const e3 = await webchat.getWebchatDeployment({ params: { path: { deploymentId: 'missing' } } }).catch((e: unknown) => e);
    const text = [e1, e2, e3].map((e) => `${String(e)}\n${inspect(e, { depth: 10 })}\n${JSON.stringify(e)}`).join('\n') + JSON.stringify(logs);
    for (const secret of [password, 'wrong-password-123', token, Buffer.from(`${f().botmessage.username}:${password}`).toString('base64')]) expect(text).not.toContain(secret);
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(logs.every((l) => typeof l.durationMs === 'number' && l.attempt >= 1)).toBe(true);
    expect(logs.some((l) => l.correlationId)).toBe(true);
  });
});
});
