/**
 * `bot-apis/mock/msw`: the mock as MSW request handlers. With msw/node's `setupServer` the clients make
 * real calls to the vendors' own hosts (their default base URLs, every region) and MSW hands each one to
 * the mock's core; requests to other origins fall through to MSW's unhandled-request policy.
 */
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentials, createBotMessageClient, createTextbotsClient, createWebChatClient, NetworkError } from '../../src/index.js';
import { createGuestChatClient } from '../../src/webchat.js';
import { createMockHandlers, type MockHandlers } from '../../src/mock/msw.js';

let mock: MockHandlers;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  mock = await createMockHandlers({ agentReplyDelayMs: 10, routeWithoutEventStream: true });
  // Another handler after the mock's: what the mock does not serve reaches it.
  server = setupServer(...mock.handlers, http.get('https://elsewhere.example.test/ping', () => HttpResponse.json({ pong: true })));
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  server.close();
  await mock.close();
});

describe('MSW handlers from the mock core', () => {
  it('Textbots through client credentials, on another region than the default', async () => {
    const { oauth, textbots: bot } = mock.fixtures;
    const textbots = createTextbotsClient({ region: 'mypurecloud.ie', auth: clientCredentials({ clientId: oauth.clientId, clientSecret: oauth.clientSecret, region: 'mypurecloud.ie' }) });
    const reply = await textbots.postTextbotsBotsExecute({
      body: { botId: bot.botId, integrationId: bot.integrationId, botSessionId: 'msw-1', postTextMessage: { type: 'Text', text: 'is my car ready' } },
    });
    expect(reply.intentName).toBe('CheckServiceStatus');
    expect(mock.requestCount('oauthToken')).toBe(1);
  });

  it('a guest chat against the default host, and the refusals of the rule set', async () => {
    const f = mock.fixtures.webchat;
    const chat = await createGuestChatClient({ retry: false }).startGuestChat({
      organizationId: f.organizationId,
      deploymentId: f.deploymentId,
      routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName },
      memberInfo: { displayName: 'Ada' },
    });
    await chat.send('hello');
    const res = await fetch(`https://api.mypurecloud.com/api/v2/webchat/guest/conversations/${chat.conversationId}/members?pageSize=ten`, { headers: { Authorization: `Bearer ${chat.jwt}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toMatchObject({ code: 'invalid.query.param.value' });
    await chat.leave();
  });

  it('myKaarma at its own host, errors in its envelope', async () => {
    const f = mock.fixtures.botmessage;
    const client = createBotMessageClient({ retry: false, auth: { username: f.username, password: 'wrong' } });
    const refused = await client
      .sendBotMessage({
        params: { path: { departmentUUID: f.departmentUUID, userUUID: f.userUUID } },
        body: { messageAttributes: { body: 'x', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: f.userPhone, senderName: 'bot' } },
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401, code: 'WRONG_CREDENTIAL' });
  });

  it('a drop fault is MSW network error; another origin reaches the next handler', async () => {
    const admin = createWebChatClient({ retry: false, auth: { accessToken: mock.fixtures.oauth.accessToken } });
    mock.faults.set([{ operationId: 'getWebchatDeployments', kind: 'drop', times: 1 }]);
    try {
      await expect(admin.getWebchatDeployments()).rejects.toBeInstanceOf(NetworkError);
      expect((await admin.getWebchatDeployments()).entities?.length).toBeGreaterThan(0);
    } finally {
      mock.faults.clear();
    }
    expect(await (await fetch('https://elsewhere.example.test/ping')).json()).toEqual({ pong: true });
  });
});
