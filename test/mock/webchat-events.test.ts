/**
 * The guest event stream (reference §9) over a real WebSocket handshake. Node 20 has no WebSocket
 * client, so a minimal one is written here: the handshake, then the server's unmasked text frames.
 */
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { call, eventually, start } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  // Slow enough that the stream is connected before the agent joins.
  mock = await start({ agentReplyDelayMs: 150 });
  // The first call compiles the test's response validators; do it before anything is timed.
  await createChat();
});
afterAll(() => mock.close());

interface Chat {
  id: string;
  jwt: string;
  memberId: string;
  eventStreamUri: string;
}

async function createChat(): Promise<Chat> {
  const f = mock.fixtures.webchat;
  const r = await call(mock, 'postWebchatGuestConversations', {
    body: { organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Jane' } },
  });
  return { id: r.body.id, jwt: r.body.jwt, memberId: r.body.member.id, eventStreamUri: r.body.eventStreamUri };
}

const send = (chat: Chat, body: unknown) =>
  call(mock, 'postWebchatGuestConversationMemberMessages', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId }, body });

/** Resolves once upgraded, with the frames received so far (the array keeps filling). */
function openEventStream(uri: string): Promise<{ frames: any[]; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const url = new URL(uri.replace(/^ws/, 'http'));
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('upgrade', (res, socket, head) => {
      expect(res.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
      const frames: any[] = [];
      let buffer = Buffer.alloc(0);
      const consume = (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 2) {
          let length = buffer[1]! & 0x7f;
          let offset = 2;
          if (length === 126) [length, offset] = [buffer.readUInt16BE(2), 4];
          if (buffer.length < offset + length) break;
          frames.push(JSON.parse(buffer.subarray(offset, offset + length).toString()));
          buffer = buffer.subarray(offset + length);
        }
      };
      // Frames sent right after the handshake can arrive with it, in `head`.
      consume(head);
      socket.on('data', consume);
      resolve({ frames, socket });
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('event stream', () => {
  it('pushes member changes, messages and typing for its conversation over a WebSocket', async () => {
    const chat = await createChat();
    const { frames, socket } = await openEventStream(chat.eventStreamUri);
    await send(chat, { body: 'hello' });
    await call(mock, 'postWebchatGuestConversationMemberTyping', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId } });
    await eventually(async () => (frames.some((f) => f.eventBody.sender?.id !== chat.memberId && f.eventBody.bodyType === 'standard') ? true : undefined));
    socket.destroy();
    const types = frames.map((f) => f.metadata.type);
    expect(types).toEqual(expect.arrayContaining(['message', 'typing-indicator', 'member-change']));
    expect(frames.every((f) => f.version === '2' && f.topicName.startsWith(`v2.conversations.chats.${chat.id}.`))).toBe(true);
    expect(frames.find((f) => f.metadata.type === 'member-change').eventBody.member.state).toMatch(/ALERTING|CONNECTED/);
  });

  it('refuses a stream URI with a forged JWT', async () => {
    const chat = await createChat();
    await expect(openEventStream(`${chat.eventStreamUri.slice(0, -4)}AAAA`)).rejects.toThrow(/401/);
  });

  it('refuses a stream URI for an unknown path', async () => {
    await expect(openEventStream(`${mock.url.replace('http', 'ws')}/chat/elsewhere`)).rejects.toThrow(/404/);
  });
});
