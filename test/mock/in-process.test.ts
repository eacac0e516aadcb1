/**
 * The mock without a socket: `createMock().fetch` as the `fetch` of each client (their default base
 * URLs, no port), the same refusals as over a socket, faults, and the core's independence from Node
 * (a browser bundle of it imports no `node:` module).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, clientCredentials, createBotMessageClient, createTextbotsClient, createWebChatClient, NetworkError, ValidationError } from '../../src/index.js';
import { createGuestChatClient } from '../../src/webchat.js';
import { createMock, type InProcessMock } from '../../src/mock/index.js';

let mock: InProcessMock;
beforeAll(async () => {
  mock = await createMock({ agentReplyDelayMs: 10, routeWithoutEventStream: true });
});
afterAll(() => mock.close());

const guestChat = () => {
  const f = mock.fixtures.webchat;
  return createGuestChatClient({ fetch: mock.fetch, retry: false }).startGuestChat({
    organizationId: f.organizationId,
    deploymentId: f.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName },
    memberInfo: { displayName: 'Ada' },
  });
};

describe('createMock().fetch as the fetch of each client', () => {
  it('Textbots, with client credentials from the login host (also answered in process)', async () => {
    const { oauth, textbots: bot } = mock.fixtures;
    const textbots = createTextbotsClient({ fetch: mock.fetch, auth: clientCredentials({ clientId: oauth.clientId, clientSecret: oauth.clientSecret, fetch: mock.fetch }) });
    const reply = await textbots.postTextbotsBotsExecute({
      body: { botId: bot.botId, integrationId: bot.integrationId, botSessionId: 's-1', postTextMessage: { type: 'Text', text: 'I want to book a service appointment' } },
    });
    expect(reply).toMatchObject({ botState: 'MoreData', intentName: 'BookServiceAppointment' });
    expect(mock.requestCount('oauthToken')).toBe(1);
  });

  it('WebChat admin: reads the seeded deployment; a readonly token may not write (403 in the Genesys shape)', async () => {
    const admin = createWebChatClient({ fetch: mock.fetch, auth: { accessToken: mock.fixtures.oauth.accessToken } });
    const deployment = await admin.getWebchatDeployment({ params: { path: { deploymentId: mock.fixtures.webchat.deploymentId } } });
    expect(deployment.id).toBe(mock.fixtures.webchat.deploymentId);
    const readonly = createWebChatClient({ fetch: mock.fetch, retry: false, auth: { accessToken: mock.fixtures.oauth.readonlyAccessToken } });
    const refused = await readonly.putWebchatSettings({ body: { requireDeployment: true } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'app.not.authorized.for.scope' });
  });

  it('a guest chat: create, send, the agent answers, history, leave', async () => {
    const chat = await guestChat();
    const sent = await chat.send('Is my car ready?');
    let answered = false;
    for (let i = 0; i < 100 && !answered; i++) {
      const messages: Array<{ sender?: { role?: string }; bodyType?: string }> = [];
      for await (const m of chat.messages()) messages.push(m);
      answered = messages.some((m) => m.sender?.role === 'AGENT' && m.bodyType === 'standard');
      if (!answered) await new Promise((r) => setTimeout(r, 20));
    }
    expect(sent.body).toBe('Is my car ready?');
    expect(answered).toBe(true);
    await chat.leave();
  });

  it('myKaarma: send answers SUCCESS with the request id of the X-Request-Uuid header', async () => {
    const f = mock.fixtures.botmessage;
    const client = createBotMessageClient({ fetch: mock.fetch, auth: { username: f.username, password: f.password } });
    const reply = await client.sendBotMessage({
      params: { path: { departmentUUID: f.departmentUUID, userUUID: f.userUUID } },
      body: { messageAttributes: { body: 'Your car is ready', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: f.userPhone, senderName: 'Service bot' } },
    });
    expect(reply).toMatchObject({ status: 'SUCCESS' });
  });
});

describe('one rule set', () => {
  it('pageNumber=3000000000: the client refuses it before sending, the mock answers 400 for the same field', async () => {
    const chat = await guestChat();
    const client = createWebChatClient({ fetch: mock.fetch, auth: { guestJwt: chat.jwt } });
    const params = { path: { conversationId: chat.conversationId }, query: { pageNumber: 3_000_000_000 } };
    await expect(client.getWebchatGuestConversationMembers({ params })).rejects.toBeInstanceOf(ValidationError);
    const res = await mock.fetch(`https://api.mypurecloud.com/api/v2/webchat/guest/conversations/${chat.conversationId}/members?pageNumber=3000000000`, { headers: { Authorization: `Bearer ${chat.jwt}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid.query.param.value', details: [{ fieldName: 'pageNumber' }] });
  });

  it('an undeclared query parameter is refused by both', async () => {
    const token = mock.fixtures.oauth.accessToken;
    const res = await mock.fetch('https://api.mypurecloud.com/api/v2/webchat/settings?verbose=true', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid.query.param.value', details: [{ fieldName: 'verbose' }] });
    const client = createWebChatClient({ fetch: mock.fetch, auth: { accessToken: token } });
    await expect(client.raw.GET('/api/v2/webchat/settings', { params: { query: { verbose: true } as never } })).resolves.toMatchObject({ response: { status: 400 } });
  });
});

describe('faults through mock.fetch', () => {
  it('a drop is a network failure, a 503 is answered in the vendor shape', async () => {
    const f = mock.fixtures.oauth;
    const client = createWebChatClient({ fetch: mock.fetch, retry: false, auth: { accessToken: f.accessToken } });
    mock.faults.set([{ operationId: 'getWebchatSettings', kind: 'drop', times: 1 }, { operationId: 'getWebchatSettings', kind: 'status', status: 503, times: 1 }]);
    try {
      await expect(client.getWebchatSettings()).rejects.toBeInstanceOf(NetworkError);
      await expect(client.getWebchatSettings()).rejects.toMatchObject({ status: 503, code: 'service.unavailable' });
      await expect(client.getWebchatSettings()).resolves.toBeDefined();
    } finally {
      mock.faults.clear();
    }
  });
});

describe('the core is socket-free', () => {
  it('bundles for the browser with no node: import, no node:http server and no ws', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../src/mock/core.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
      splitting: true,
      outdir: '/core',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(inputs.filter((path) => path.startsWith('node:') || /node_modules\/ws\//.test(path))).toEqual([]);
    expect(imports.filter((path) => path.startsWith('node:'))).toEqual([]);
    expect(inputs.filter((path) => /src\/mock\/(server|edge|respond|node-exchange)\.ts$/.test(path))).toEqual([]);
  });
});
