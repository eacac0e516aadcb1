/**
 * The vendors' own SDKs, unchanged, against the mock: if they work, the mock speaks the real
 * services' wire format (paths, auth headers, JSON shapes), not only our reading of the spec.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { eventually, start } from './helpers.js';

const require = createRequire(import.meta.url);

let mock: MockServer;
beforeAll(async () => {
  // The vendor's guest SDK is REST only (it opens no event stream): route chats without one.
  mock = await start({ agentReplyDelayMs: 20, routeWithoutEventStream: true });
});
afterAll(() => mock.close());

describe('purecloud-guest-chat-client (13.x)', () => {
  it('runs a guest chat: create, send, agent answer, history, leave', async () => {
    const guestSdk = require('purecloud-guest-chat-client');
    const client = guestSdk.ApiClient.instance;
    client.setEnvironment('mypurecloud.com');
    // The SDK only builds https://api.<region> URLs; its base path is the documented way to point it elsewhere.
    client.config.basePath = mock.urls.genesys;
    const api = new guestSdk.WebChatApi();
    const f = mock.fixtures.webchat;

    const chat = await api.postWebchatGuestConversations({
      organizationId: f.organizationId,
      deploymentId: f.deploymentId,
      routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName },
      memberInfo: { displayName: 'SDK Guest', firstName: 'Sam' },
    });
    expect(chat.member.role).toBe('CUSTOMER');
    // SDK 13.2.0 bug, not the mock's: after an unauthenticated call its logger writes
    // `Authorization: [REDACTED]` into the shared default headers, which then override the JWT.
    delete client.defaultHeaders.Authorization;
    client.setJwt(chat.jwt);

    const sent = await api.postWebchatGuestConversationMemberMessages(chat.id, chat.member.id, { body: 'hello from the SDK', bodyType: 'standard' });
    expect(sent.body).toBe('hello from the SDK');
    await api.postWebchatGuestConversationMemberTyping(chat.id, chat.member.id);

    const answer = await eventually(async () => {
      const page = await api.getWebchatGuestConversationMessages(chat.id, { sortOrder: 'descending', maxResults: 10 });
      return page.entities.find((m: any) => m.sender.role === 'AGENT' && m.bodyType === 'standard');
    });
    expect(answer.body).toBe('Hello Sam, this is Alex from the service desk. How can I help you today?');

    const members = await api.getWebchatGuestConversationMembers(chat.id, { pageSize: 25, pageNumber: 1, excludeDisconnectedMembers: false });
    expect(members.total).toBe(2);
    await api.deleteWebchatGuestConversationMember(chat.id, chat.member.id);
    const me = await api.getWebchatGuestConversationMember(chat.id, chat.member.id);
    expect(me.state).toBe('DISCONNECTED');

    // Errors come back as the SDK's rejection carrying the vendor body.
    const refused = await api.postWebchatGuestConversationMemberMessages(chat.id, chat.member.id, { body: 'late' }).catch((e: any) => e);
    // The SDK rejects with the vendor's ErrorBody itself.
    expect(refused).toMatchObject({ status: 400, code: 'chat.error.member.state' });
  });
});

describe('purecloud-platform-client-v2 (252.x)', () => {
  it('logs in with client credentials and runs a textbot turn and the deployment list', async () => {
    const platform = require('purecloud-platform-client-v2');
    const client = platform.ApiClient.instance;
    const url = new URL(mock.url);
    // The SDK's gateway setting routes both its login and API calls to another host.
    client.setGateway({ host: url.hostname, protocol: 'http', port: Number(url.port), path_params_login: '', path_params_api: '' });
    const o = mock.fixtures.oauth;
    const auth = await client.loginClientCredentialsGrant(o.clientId, o.clientSecret);
    expect(auth.accessToken).toEqual(expect.any(String));

    const t = mock.fixtures.textbots;
    const textbots = new platform.TextbotsApi();
    const reply = await textbots.postTextbotsBotsExecute({
      botId: t.botId,
      integrationId: t.integrationId,
      botSessionId: 'sdk-session-1',
      postTextMessage: { type: 'Text', text: 'book a service appointment on 2031-06-01 at 9am' },
      languageCode: t.languageCode,
      botCorrelationId: 'sdk-corr',
    });
    expect(reply).toMatchObject({ botState: 'Complete', intentName: 'BookServiceAppointment', slots: { date: '2031-06-01', time: '09:00' }, botCorrelationId: 'sdk-corr' });

    const webchat = new platform.WebChatApi();
    const deployments = await webchat.getWebchatDeployments();
    expect(deployments.entities.map((d: any) => d.id)).toContain(mock.fixtures.webchat.deploymentId);

    const failed = await textbots
      .postTextbotsBotsExecute({ botId: 'Nobody', integrationId: t.integrationId, botSessionId: 'sdk-2', postTextMessage: { type: 'Text', text: 'hi' } })
      .catch((e: any) => e);
    expect(failed).toMatchObject({ status: 400, code: 'bots.bot.doesnt.exist' });
  });
});
