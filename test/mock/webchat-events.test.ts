/**
 * The guest event stream (reference §9) over a real WebSocket handshake. Node 20 has no WebSocket
 * client, so a minimal one is written here: the handshake, then the server's unmasked frames (text
 * frames parsed as JSON, pong and close frames kept apart), and masked client frames for ping floods.
 */
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { MAX_BUFFERED_BYTES } from '../../src/mock/webchat/events.js';
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

interface Stream {
  /** Text frames, parsed. */
  frames: any[];
  /** Pong payloads. */
  pongs: Buffer[];
  /** Close frames: [code, reason]. */
  closes: Array<[number, string]>;
  socket: Socket;
  /** Starts reading (streams opened with `read: false`). */
  read(): void;
}

/** Resolves once upgraded, with the frames received so far (the arrays keep filling). */
function openEventStream(uri: string, options: { read?: boolean } = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const url = new URL(uri.replace(/^ws/, 'http'));
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('upgrade', (res, socket, head) => {
      expect(res.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
      const stream: Stream = { frames: [], pongs: [], closes: [], socket, read: () => socket.on('data', consume) };
      let buffer = Buffer.alloc(0);
      function consume(chunk: Buffer) {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 2) {
          const opcode = buffer[0]! & 0x0f;
          let length = buffer[1]! & 0x7f;
          let offset = 2;
          if (length === 126) [length, offset] = [buffer.readUInt16BE(2), 4];
          if (buffer.length < offset + length) break;
          const payload = buffer.subarray(offset, offset + length);
          if (opcode === 0x1) stream.frames.push(JSON.parse(payload.toString()));
          else if (opcode === 0xa) stream.pongs.push(Buffer.from(payload));
          else if (opcode === 0x8) stream.closes.push([payload.readUInt16BE(0), payload.subarray(2).toString()]);
          buffer = buffer.subarray(offset + length);
        }
      }
      // Frames sent right after the handshake can arrive with it, in `head`.
      consume(head);
      if (options.read !== false) stream.read();
      resolve(stream);
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

  it('answers a ping with a pong of the same payload', async () => {
    const chat = await createChat();
    const stream = await openEventStream(chat.eventStreamUri);
    stream.socket.write(clientFrame(0x9, Buffer.from('are you there')));
    await eventually(async () => (stream.pongs.length > 0 ? true : undefined));
    expect(stream.pongs[0]!.toString()).toBe('are you there');
    stream.socket.destroy();
  });

  it('closes a stream whose client floods pings and never reads (1008), instead of buffering without limit', async () => {
    const chat = await createChat();
    const stream = await openEventStream(chat.eventStreamUri, { read: false });
    // 500 pings of 125 bytes per write; stop when the mock stops reading (500 ms without 'drain'),
    // when the connection fails, or at 64 MB (the mock buffered everything: the defect).
    const block = Buffer.concat(Array.from({ length: 500 }, () => clientFrame(0x9, Buffer.alloc(125, 0x61))));
    const LIMIT = 64 * 1024 * 1024;
    let sent = 0;
    let failed = false;
    stream.socket.on('error', () => (failed = true));
    while (sent < LIMIT && !failed) {
      sent += block.length;
      if (!stream.socket.write(block)) {
        const drained = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 500);
          stream.socket.once('drain', () => (clearTimeout(timer), resolve(true)));
        });
        if (!drained) break;
      }
    }
    expect(sent, 'bytes of pings the mock accepted before it stopped reading').toBeLessThan(LIMIT);
    // Now read: the pongs already sent, then the policy close; the mock then ends the connection.
    const closed = new Promise<void>((resolve) => stream.socket.once('close', () => resolve()));
    stream.read();
    await closed;
    expect(stream.closes.map(([code]) => code)).toEqual([1008]);
    // What reached the client is bounded by the mock's budget plus the kernel's socket buffers.
    expect(stream.pongs.length * 127).toBeLessThan(MAX_BUFFERED_BYTES + 32 * 1024 * 1024);
  });

  it('closes the streams of a conversation evicted past the cap', async () => {
    const small = await start({ limits: { conversations: 1 }, agentReplyDelayMs: 10_000 });
    try {
      const f = small.fixtures.webchat;
      const create = () =>
        call(small, 'postWebchatGuestConversations', {
          body: { organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Old' } },
        });
      const first = await create();
      const stream = await openEventStream(first.body.eventStreamUri);
      await create();
      await eventually(async () => (stream.closes.length > 0 ? true : undefined));
      expect(stream.closes[0]).toEqual([1000, expect.stringContaining('evicted')]);
      stream.socket.destroy();
    } finally {
      await small.close();
    }
  });
});

/** A masked client frame (RFC 6455 §5.3) with a payload under 126 bytes. */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}
