/**
 * Every frame the mock sends in a full guest chat, read off the wire with a plain `ws` client, checked
 * against the AsyncAPI document: its kind by `webChatEventKindOf`, its shape by the generated frame
 * validators, and no property the document does not declare. The conversation covers every kind, every
 * message `bodyType` and every member state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { matchWebChatTopic, webChatEventKindOf, webChatEventKinds, webChatEventStream } from '../../generated/webchat-events/events.js';
import { webChatEventRules } from '../../generated/webchat-events/frame-rules.js';
import { webChatEventValidators } from '../../generated/webchat-events/validators.js';
import type { Rule } from '../../src/core/rules.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';

const DELAY_MS = 20;
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, agentReplyDelayMs: DELAY_MS, eventStreamHeartbeatMs: 25 });
});
afterAll(() => mock.close());

/** Paths (`.eventBody.extra`) of properties the rule does not declare, wherever it declares properties. */
function undeclared(rule: Rule, value: unknown, path = ''): string[] {
  const target = typeof rule.$ref === 'function' ? rule.$ref() : rule.$ref;
  if (target) return undeclared(target, value, path);
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return rule.items ? value.flatMap((item, i) => undeclared(rule.items!, item, `${path}[${i}]`)) : [];
  if (!rule.properties) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const declared = rule.properties![key];
    return declared ? undeclared(declared, child, `${path}.${key}`) : [`${path}.${key}`];
  });
}

async function guestCall(method: string, path: string, jwt: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${mock.url}/api/v2/webchat/guest/conversations${path}`, {
    method,
    headers: { Authorization: `Bearer ${jwt}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the frames of a full guest chat on the mock', () => {
  const frames: any[] = [];
  let conversationId = '';
  let streamPath = '';

  beforeAll(async () => {
    const f = mock.fixtures.webchat;
    const created = (await (await fetch(`${mock.url}/api/v2/webchat/guest/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Jane' } }),
    })).json()) as { id: string; jwt: string; eventStreamUri: string; member: { id: string } };
    conversationId = created.id;
    streamPath = new URL(created.eventStreamUri).pathname;
    const member = `/${created.id}/members/${created.member.id}`;
    const socket = new WebSocket(created.eventStreamUri);
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const count = (predicate: (frame: any) => boolean) => frames.filter(predicate).length;
    const agentMessages = () => count((fr) => fr.metadata?.type === 'message' && fr.eventBody.sender.id !== created.member.id && fr.eventBody.bodyType === 'standard');

    await until(() => count((fr) => fr.eventBody?.bodyType === 'member-join') === 1, 'the agent to join');
    await guestCall('POST', `${member}/typing`, created.jwt);
    await guestCall('POST', `${member}/messages`, created.jwt, { body: 'Hi there' });
    await until(() => agentMessages() === 1, 'the answer');
    await guestCall('POST', `${member}/messages`, created.jwt, { body: 'Can we screen share?' });
    await until(() => agentMessages() === 2, 'the media request');
    mock.agentSays(created.id, 'Anything else?');
    await guestCall('POST', `${member}/messages`, created.jwt, { body: 'left the page', bodyType: 'notice' });
    await until(() => count((fr) => fr.topicName === 'channel.metadata') >= 1, 'a heartbeat');
    await guestCall('DELETE', member, created.jwt);
    await until(() => count((fr) => fr.eventBody?.member?.state === 'DISCONNECTED') === 2, 'both members to leave');
    socket.close();
  }, 20_000);

  it('every frame is of a kind the document describes, valid for it, with nothing undeclared', () => {
    expect(frames.length).toBeGreaterThan(10);
    for (const frame of frames) {
      const kind = webChatEventKindOf(frame);
      expect(kind, JSON.stringify(frame)).toBeDefined();
      const validate = webChatEventValidators[kind!];
      expect(validate(frame), `${kind} ${JSON.stringify(frame)} ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(undeclared(webChatEventRules[kind!], frame), JSON.stringify(frame)).toEqual([]);
      if (kind !== 'heartbeat') expect(matchWebChatTopic(kind!, frame.topicName)).toEqual({ conversationId });
    }
  });

  it('covers every kind, every message bodyType and every member state', () => {
    expect(new Set(frames.map((fr) => webChatEventKindOf(fr)))).toEqual(new Set(Object.keys(webChatEventKinds)));
    const bodyTypes = new Set(frames.filter((fr) => fr.metadata?.type === 'message').map((fr) => fr.eventBody.bodyType));
    expect(bodyTypes).toEqual(new Set(['standard', 'notice', 'member-join', 'member-leave', 'media-request']));
    const states = frames.filter((fr) => fr.metadata?.type === 'member-change').map((fr) => fr.eventBody.member.state);
    expect(new Set(states)).toEqual(new Set(['ALERTING', 'CONNECTED', 'DISCONNECTED']));
  });

  it('the agent shows typing before each answer (not before what a test makes it say), in order', () => {
    const agentId = frames.find((fr) => fr.eventBody?.bodyType === 'member-join').eventBody.sender.id;
    const said = frames.filter((fr) => fr.eventBody?.sender?.id === agentId).map((fr) => (fr.metadata.type === 'message' ? fr.eventBody.bodyType : fr.metadata.type));
    expect(said).toEqual(['member-join', 'typing-indicator', 'standard', 'typing-indicator', 'media-request', 'standard', 'standard', 'member-leave']);
  });

  it('the stream lives at the channel address of the document', () => {
    expect(streamPath).toMatch(new RegExp(webChatEventStream.addressPattern));
  });
});
