import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { call, errorCode, eventually, start, succeeded } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  // These tests read the chat through the messages API only: route chats without an event stream.
  mock = await start({ agentReplyDelayMs: 20, routeWithoutEventStream: true });
});
afterAll(() => mock.close());

interface Chat {
  id: string;
  jwt: string;
  memberId: string;
  eventStreamUri: string;
}

function createBody(overrides: Record<string, unknown> = {}) {
  const f = mock.fixtures.webchat;
  return {
    organizationId: f.organizationId,
    deploymentId: f.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName },
    memberInfo: { displayName: 'Jane D.', firstName: 'Jane', customFields: { plate: 'ABC123' } },
    ...overrides,
  };
}

async function createChat(): Promise<Chat> {
  const r = await call(mock, 'postWebchatGuestConversations', { body: createBody() });
  expect(r.status).toBe(200);
  return { id: r.body.id, jwt: r.body.jwt, memberId: r.body.member.id, eventStreamUri: r.body.eventStreamUri };
}

const send = (chat: Chat, body: unknown, memberId = chat.memberId, token = chat.jwt) =>
  call(mock, 'postWebchatGuestConversationMemberMessages', { token, params: { conversationId: chat.id, memberId }, body });

const history = (chat: Chat, query: Record<string, string | number> = {}) =>
  call(mock, 'getWebchatGuestConversationMessages', { token: chat.jwt, params: { conversationId: chat.id }, query });

/** The agent's standard messages, once there are at least `n`. */
const agentMessages = (chat: Chat, n: number) =>
  eventually(async () => {
    const all = (await history(chat)).body.entities as any[];
    const mine = all.filter((m) => m.sender.role === 'AGENT' && m.bodyType === 'standard');
    return mine.length >= n ? mine : undefined;
  });

describe('create a guest conversation', () => {
  it('answers id, a JWT bound to the chat, an event stream URI and the CUSTOMER member', async () => {
    const r = await call(mock, 'postWebchatGuestConversations', { body: createBody() });
    expect(r.body.member).toMatchObject({ role: 'CUSTOMER', state: 'CONNECTED', displayName: 'Jane D.', customFields: { plate: 'ABC123' } });
    expect(r.body.eventStreamUri).toBe(`${mock.url.replace('http', 'ws')}/chat/jwt/${r.body.jwt}`);
    const claims = JSON.parse(Buffer.from(r.body.jwt.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      iss: 'urn:purecloud:webchat',
      org: mock.fixtures.webchat.organizationId,
      data: { conv: r.body.id, did: mock.fixtures.webchat.deploymentId, sub: r.body.member.id },
    });
    expect(claims.exp - claims.iat).toBe(21 * 3600);
  });

  it.each([
    ['a disabled deployment', { deploymentId: 'DISABLED' }, 'chat.deployment.disabled'],
    ['a deployment that requires authentication', { deploymentId: 'AUTH' }, 'chat.deployment.require.auth'],
    ['a malformed member auth token', { deploymentId: 'AUTH', memberAuthToken: 'not a jwt' }, 'chat.deployment.bad.auth'],
    ['an unknown queue', { routingTarget: { targetType: 'QUEUE', targetAddress: 'Nowhere' } }, 'chat.error.createconversationrequest.routingtarget'],
    ['a routing target type outside the enum', { routingTarget: { targetType: 'queue', targetAddress: 'Service Desk' } }, 'chat.error.createconversationrequest.routingtarget'],
    ['no routing target', { routingTarget: undefined }, 'chat.error.notnull.createconversationrequest.routingtarget'],
    ['no display name', { memberInfo: { firstName: 'Jane' } }, 'chat.error.notnull.createconversationrequest.memberinfo.displayname'],
    ['a blank deployment id', { deploymentId: ' ' }, 'chat.error.pattern.createconversationrequest.deploymentid'],
    ['an unknown deployment', { deploymentId: 'f00dfeed-0000-4000-8000-000000000000' }, 'chat.error.bad.request'],
    ['another organization', { organizationId: 'f00dfeed-0000-4000-8000-000000000000' }, 'chat.error.bad.request'],
    ['a journey context without customer', { journeyContext: {} }, 'chat.error.notnull.createconversationrequest.journeycontext.customer'],
  ] as Array<[string, Record<string, unknown>, string]>)('refuses %s with 400 %s', async (_name, overrides, code) => {
    const f = mock.fixtures.webchat;
    const deploymentId = overrides.deploymentId === 'DISABLED' ? f.disabledDeploymentId : overrides.deploymentId === 'AUTH' ? f.authRequiredDeploymentId : overrides.deploymentId;
    const r = await call(mock, 'postWebchatGuestConversations', { body: JSON.parse(JSON.stringify(createBody({ ...overrides, ...(deploymentId ? { deploymentId } : {}) }))) });
    expect([r.status, errorCode(r)]).toEqual([400, code]);
  });

  it('admits an authenticated guest on a deployment that requires it', async () => {
    const r = await call(mock, 'postWebchatGuestConversations', {
      body: createBody({ deploymentId: mock.fixtures.webchat.authRequiredDeploymentId, memberAuthToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln' }),
    });
    expect(r.status).toBe(200);
    expect(r.body.member.authenticatedGuest).toBe(true);
  });

  it('refuses an origin outside the deployment allowedDomains with 403 origin.not.allowed', async () => {
    const token = mock.fixtures.oauth.accessToken;
    const d = await call(mock, 'postWebchatDeployments', { token, body: { name: 'locked', allowedDomains: ['shop.example.test'] } });
    const body = createBody({ deploymentId: d.body.id });
    const refused = await call(mock, 'postWebchatGuestConversations', { body, headers: { Origin: 'https://evil.example.test' } });
    expect([refused.status, errorCode(refused)]).toEqual([403, 'origin.not.allowed']);
    expect((await call(mock, 'postWebchatGuestConversations', { body, headers: { Origin: 'https://shop.example.test' } })).status).toBe(200);
  });
});

describe('a guest chat', () => {
  it('runs create → agent joins → send → agent answers → history → leave', async () => {
    const chat = await createChat();
    const sent = await send(chat, { body: 'Hello, I need an appointment' });
    expect(sent.body).toMatchObject({ body: 'Hello, I need an appointment', bodyType: 'standard', sender: { id: chat.memberId, role: 'CUSTOMER' }, conversation: { id: chat.id } });
    const [answer] = await agentMessages(chat, 1);
    expect(answer.body).toBe('Hello Jane, this is Alex from the service desk. How can I help you today?');

    const all = (await history(chat)).body.entities as any[];
    // The agent may join before or after the first message, depending on timing.
    expect(all.map((m) => m.bodyType).sort()).toEqual(['member-join', 'standard', 'standard']);
    const members = await call(mock, 'getWebchatGuestConversationMembers', { token: chat.jwt, params: { conversationId: chat.id } });
    expect(members.body.entities.map((m: any) => [m.role, m.state])).toEqual([
      ['CUSTOMER', 'CONNECTED'],
      ['AGENT', 'CONNECTED'],
    ]);

    const typing = await call(mock, 'postWebchatGuestConversationMemberTyping', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId } });
    expect(typing.body).toMatchObject({ conversation: { id: chat.id }, sender: { id: chat.memberId } });

    const one = await call(mock, 'getWebchatGuestConversationMessage', { token: chat.jwt, params: { conversationId: chat.id, messageId: sent.body.id } });
    expect(one.body).toEqual(sent.body);
    const agentId = members.body.entities[1].id;
    const agent = await call(mock, 'getWebchatGuestConversationMember', { token: chat.jwt, params: { conversationId: chat.id, memberId: agentId } });
    expect(agent.body).toMatchObject({ role: 'AGENT', displayName: 'Alex' });

    const left = await call(mock, 'deleteWebchatGuestConversationMember', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId } });
    expect(left.status).toBe(204);
    const me = await call(mock, 'getWebchatGuestConversationMember', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId } });
    expect(me.body.state).toBe('DISCONNECTED');
    expect(me.body.leaveDate).toEqual(expect.any(String));
    const after = await send(chat, { body: 'still there?' });
    expect([after.status, errorCode(after)]).toEqual([400, 'chat.error.member.state']);
    const typingAfter = await call(mock, 'postWebchatGuestConversationMemberTyping', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId } });
    expect(errorCode(typingAfter)).toBe('chat.error.member.state');
    const again = await call(mock, 'deleteWebchatGuestConversationMember', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId } });
    expect(errorCode(again)).toBe('chat.error.member.state');
    const connected = await call(mock, 'getWebchatGuestConversationMembers', { token: chat.jwt, params: { conversationId: chat.id }, query: { excludeDisconnectedMembers: true } });
    expect(connected.body.entities).toEqual([]);
    expect(((await history(chat)).body.entities as any[]).filter((m) => m.bodyType === 'member-leave')).toHaveLength(2);
  });

  it('pages members by number with first/next/previous/last links', async () => {
    const chat = await createChat();
    await agentMessages(chat, 0);
    await eventually(async () => ((await call(mock, 'getWebchatGuestConversationMembers', { token: chat.jwt, params: { conversationId: chat.id } })).body.total === 2 ? true : undefined));
    const page1 = await call(mock, 'getWebchatGuestConversationMembers', { token: chat.jwt, params: { conversationId: chat.id }, query: { pageSize: 1 } });
    const base = `/api/v2/webchat/guest/conversations/${chat.id}/members`;
    expect(page1.body).toMatchObject({ pageSize: 1, pageNumber: 1, total: 2, pageCount: 2, firstUri: `${base}?pageSize=1&pageNumber=1`, nextUri: `${base}?pageSize=1&pageNumber=2`, lastUri: `${base}?pageSize=1&pageNumber=2` });
    expect(page1.body.previousUri).toBeUndefined();
    const page2 = await call(mock, 'getWebchatGuestConversationMembers', { token: chat.jwt, params: { conversationId: chat.id }, query: { pageSize: 1, pageNumber: 2 } });
    expect(page2.body.entities[0].role).toBe('AGENT');
    expect(page2.body.nextUri).toBeUndefined();
    expect(page2.body.previousUri).toBe(`${base}?pageSize=1&pageNumber=1`);
  });

  it('pages messages with after/before, sortOrder, maxResults and next/previousPage cursors', async () => {
    const chat = await createChat();
    await agentMessages(chat, 0);
    for (const text of ['one', 'two', 'three', 'four']) await send(chat, { body: text });
    const all = (await agentMessages(chat, 4), (await history(chat)).body.entities as any[]);
    const ids = all.map((m) => m.id);

    const first = await history(chat, { maxResults: 3 });
    expect(first.body.entities.map((m: any) => m.id)).toEqual(ids.slice(0, 3));
    expect(first.body.next).toBe(`/api/v2/webchat/guest/conversations/${chat.id}/messages?after=${ids[2]}&maxResults=3&sortOrder=ascending`);
    expect(first.body.previousPage).toBeUndefined();
    const nextQuery = Object.fromEntries(new URL(first.body.next, mock.url).searchParams);
    const second = await history(chat, nextQuery);
    expect(second.body.entities.map((m: any) => m.id)).toEqual(ids.slice(3, 6));
    expect(second.body.previousPage).toContain(`before=${ids[3]}`);

    const newest = await history(chat, { sortOrder: 'descending', maxResults: 2 });
    expect(newest.body.entities.map((m: any) => m.id)).toEqual([ids.at(-1), ids.at(-2)]);
    expect(newest.body.next).toContain(`before=${ids.at(-2)}`);
    expect(newest.body.previousPage).toBeUndefined();

    const between = await history(chat, { after: ids[0], before: ids[3] });
    expect(between.body.entities.map((m: any) => m.id)).toEqual(ids.slice(1, 3));

    const tooMany = await history(chat, { maxResults: 101 });
    expect([tooMany.status, errorCode(tooMany), tooMany.body.details[0].fieldName]).toEqual([400, 'invalid.query.param.value', 'maxResults']);
    const badOrder = await history(chat, { sortOrder: 'sideways' });
    expect(errorCode(badOrder)).toBe('invalid.query.param.value');
    const unknownCursor = await history(chat, { after: 'no-such-message' });
    expect([unknownCursor.status, errorCode(unknownCursor)]).toEqual([400, 'invalid.query.param.value']);
  });

  it('answers 404 for unknown members and messages', async () => {
    const chat = await createChat();
    const member = await call(mock, 'getWebchatGuestConversationMember', { token: chat.jwt, params: { conversationId: chat.id, memberId: 'nobody' } });
    expect([member.status, errorCode(member)]).toEqual([404, 'chat.error.not.found']);
    const message = await call(mock, 'getWebchatGuestConversationMessage', { token: chat.jwt, params: { conversationId: chat.id, messageId: 'nothing' } });
    expect([message.status, errorCode(message)]).toEqual([404, 'chat.error.not.found']);
  });

  it('refuses another conversation JWT, a missing one, a forged one, and acting as another member', async () => {
    const a = await createChat();
    const b = await createChat();
    const other = await call(mock, 'getWebchatGuestConversationMessages', { token: b.jwt, params: { conversationId: a.id } });
    expect([other.status, errorCode(other)]).toEqual([403, 'not.authorized']);
    const none = await call(mock, 'getWebchatGuestConversationMessages', { params: { conversationId: a.id } });
    expect([none.status, errorCode(none)]).toEqual([401, 'authentication.required']);
    const [h, p] = a.jwt.split('.');
    const forged = await call(mock, 'getWebchatGuestConversationMessages', { token: `${h}.${p}.AAAA`, params: { conversationId: a.id } });
    expect([forged.status, errorCode(forged)]).toEqual([401, 'bad.credentials']);
    const agent = await eventually(async () => (await call(mock, 'getWebchatGuestConversationMembers', { token: a.jwt, params: { conversationId: a.id } })).body.entities.find((m: any) => m.role === 'AGENT'));
    const impersonate = await send(a, { body: 'I am the agent now' }, agent.id);
    expect([impersonate.status, errorCode(impersonate)]).toEqual([403, 'not.authorized']);
  });

  it('validates message bodies', async () => {
    const chat = await createChat();
    expect(errorCode(await send(chat, { bodyType: 'standard' }))).toBe('chat.error.notnull.createconversationmessagerequest.body');
    expect(errorCode(await send(chat, { body: 'x'.repeat(4001) }))).toBe('chat.error.bad.request');
    expect(errorCode(await send(chat, { body: 'hi', bodyType: 'member-join' }))).toBe('chat.error.bad.request');
    expect(errorCode(await send(chat, { body: 'hi', bodyType: 'shout' }))).toBe('chat.error.bad.request');
  });
});

describe('media requests', () => {
  it('lets the guest accept a PENDING screen-share request once', async () => {
    const chat = await createChat();
    await send(chat, { body: 'can we do a screen share?' });
    const list = await eventually(async () => {
      const r = await call(mock, 'getWebchatGuestConversationMediarequests', { token: chat.jwt, params: { conversationId: chat.id } });
      return r.body.entities.length > 0 ? r : undefined;
    });
    const request = list.body.entities[0];
    expect(request).toMatchObject({ types: ['SCREENSHARE'], state: 'PENDING' });
    const messages = (await history(chat)).body.entities as any[];
    expect(messages.find((m) => m.bodyType === 'media-request')?.body).toBe(request.id);

    const params = { conversationId: chat.id, mediaRequestId: request.id };
    expect((await call(mock, 'getWebchatGuestConversationMediarequest', { token: chat.jwt, params })).body).toEqual(request);
    const accepted = await call(mock, 'patchWebchatGuestConversationMediarequest', { token: chat.jwt, params, body: { types: ['SCREENSHARE'], state: 'ACCEPTED' } });
    expect(accepted.body).toMatchObject({ state: 'ACCEPTED', communicationId: expect.any(String) });
    const twice = await call(mock, 'patchWebchatGuestConversationMediarequest', { token: chat.jwt, params, body: { types: ['SCREENSHARE'], state: 'DECLINED' } });
    expect([twice.status, errorCode(twice)]).toEqual([400, 'chat.error.conversation.state']);
  });

  it('refuses states a guest may not set, unknown requests and bodies outside the spec', async () => {
    const chat = await createChat();
    await send(chat, { body: 'please co-browse with me' });
    const request = await eventually(async () => (await call(mock, 'getWebchatGuestConversationMediarequests', { token: chat.jwt, params: { conversationId: chat.id } })).body.entities[0]);
    expect(request.types).toEqual(['COBROWSE']);
    const params = { conversationId: chat.id, mediaRequestId: request.id };
    expect(errorCode(await call(mock, 'patchWebchatGuestConversationMediarequest', { token: chat.jwt, params, body: { types: ['COBROWSE'], state: 'CANCELLED' } }))).toBe('invalid.value');
    expect(errorCode(await call(mock, 'patchWebchatGuestConversationMediarequest', { token: chat.jwt, params, body: { types: ['COBROWSE'], state: 'MAYBE' } }))).toBe('invalid.value');
    expect(errorCode(await call(mock, 'patchWebchatGuestConversationMediarequest', { token: chat.jwt, params, body: { state: 'ACCEPTED' } }))).toBe('constraint.validation');
    const missing = await call(mock, 'getWebchatGuestConversationMediarequest', { token: chat.jwt, params: { conversationId: chat.id, mediaRequestId: 'nope' } });
    expect([missing.status, errorCode(missing)]).toEqual([404, 'chat.error.not.found']);
    expect((await call(mock, 'patchWebchatGuestConversationMediarequest', { token: chat.jwt, params, body: { types: ['COBROWSE'], state: 'DECLINED' } })).body.state).toBe('DECLINED');
  });
});

describe('coverage', () => {
  it('saw every guest operation succeed', () => {
    for (const op of [
      'postWebchatGuestConversations',
      'getWebchatGuestConversationMembers',
      'getWebchatGuestConversationMember',
      'deleteWebchatGuestConversationMember',
      'postWebchatGuestConversationMemberMessages',
      'postWebchatGuestConversationMemberTyping',
      'getWebchatGuestConversationMessages',
      'getWebchatGuestConversationMessage',
      'getWebchatGuestConversationMediarequests',
      'getWebchatGuestConversationMediarequest',
      'patchWebchatGuestConversationMediarequest',
    ]) {
      expect(succeeded, op).toContain(op);
    }
  });
});
