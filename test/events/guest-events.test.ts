/**
 * chat.events() against a real websocket server on loopback (the `ws` package), with the messages API
 * answered from memory: typed frames, bad frames, reconnect with catch-up and de-duplication, abort,
 * leave, and a socket that never opens.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import WS from 'ws';
import { EventStreamError, GuestChat, type EventFrame, type WebSocketConstructor } from '../../src/webchat.js';
import type { GuestOperations } from '../../src/webchat-guest-ops.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ0ZXN0In0.c2VjcmV0LXNpZ25hdHVyZQ';
const CONV = 'c0ffee00-0000-4000-8000-000000000001';
const ME = 'me-member';
const AGENT = 'agent-member';

let wss: WebSocketServer;
let port: number;
const sockets: WebSocket[] = [];
let connections = 0;
/** Sockets accepted on another path and closed at once, before any frame. */
let dropped = 0;
beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  port = (wss.address() as { port: number }).port;
  wss.on('connection', (socket, req) => {
    if (req.url !== `/chat/jwt/${JWT}`) {
      dropped++;
      return socket.close(4401, 'bad jwt');
    }
    connections++;
    sockets.push(socket);
  });
});
afterAll(() => new Promise<void>((resolve) => {
  for (const client of wss.clients) client.terminate();
  wss.close(() => resolve());
}));

interface StoredMessage { id: string; body: string; bodyType: 'standard'; timestamp: string; sender: { id: string; role: 'AGENT' }; conversation: { id: string } }

function chatWith(store: StoredMessage[], url = `ws://127.0.0.1:${port}/chat/jwt/${JWT}`, fetched?: Promise<void>): GuestChat {
  const ops = {
    async getWebchatGuestConversationMessages(init: { params: { query: { after?: string; maxResults?: number } } }) {
      await fetched; // a slow messages API: frames arrive while the catch-up waits
      const { after, maxResults = 100 } = init.params.query;
      const start = after ? store.findIndex((m) => m.id === after) + 1 : 0;
      return { entities: store.slice(start, start + maxResults) };
    },
  } as unknown as GuestOperations;
  return new GuestChat(ops, { id: CONV, jwt: JWT, eventStreamUri: url, member: { id: ME, role: 'CUSTOMER' } }, WS as unknown as WebSocketConstructor);
}

const message = (n: number): StoredMessage => ({ id: `m-${String(n).padStart(3, '0')}`, body: `answer ${n}`, bodyType: 'standard', timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), sender: { id: AGENT, role: 'AGENT' }, conversation: { id: CONV } });
const frameOf = (m: StoredMessage) => JSON.stringify({ topicName: `v2.conversations.chats.${CONV}.messages`, version: '2', eventBody: { id: m.id, conversation: { id: CONV }, sender: { id: m.sender.id }, body: m.body, bodyType: m.bodyType, timestamp: m.timestamp }, metadata: { CorrelationId: randomUUID(), type: 'message' } });
const memberChange = (id: string, state: string) => JSON.stringify({ topicName: `v2.conversations.chats.${CONV}.members`, version: '2', eventBody: { conversation: { id: CONV }, member: { id, state }, timestamp: '2026-01-01T00:00:00.000Z' }, metadata: { CorrelationId: randomUUID(), type: 'member-change' } });

async function nextSocket(count: number): Promise<WebSocket> {
  const end = Date.now() + 3000;
  while (sockets.length < count) {
    if (Date.now() > end) throw new Error('no connection');
    await new Promise((r) => setTimeout(r, 5));
  }
  return sockets[count - 1]!;
}

async function take(iterator: AsyncGenerator<EventFrame>, n: number): Promise<EventFrame[]> {
  const out: EventFrame[] = [];
  while (out.length < n) {
    const next = await iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe('chat.events()', () => {
  it('yields typed frames; skips heartbeats and non-JSON; yields unknown kinds as unknown', async () => {
    const chat = chatWith([]);
    const events = chat.events();
    const first = events.next();
    const socket = await nextSocket(sockets.length + 1);
    socket.send('not json');
    socket.send(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }));
    socket.send(frameOf(message(1)));
    socket.send(JSON.stringify({ topicName: `v2.conversations.chats.${CONV}.somethingNew`, metadata: { type: 'brand-new' }, eventBody: {} }));
    socket.send(JSON.stringify({ topicName: `v2.conversations.chats.${CONV}.members`, version: '2', metadata: { type: 'member-change', CorrelationId: randomUUID() }, eventBody: { member: 'not an object' } }));
    socket.send(memberChange(AGENT, 'CONNECTED'));
    const got = [(await first).value!, ...(await take(events, 3))];
    expect(got.map((e) => e.kind)).toEqual(['message', 'unknown', 'unknown', 'member-change']);
    const m = got[0]!;
    if (m.kind !== 'message') throw new Error('narrowing');
    expect(m.eventBody.body).toBe('answer 1');
    await events.return();
  });

  it('reconnects after a dropped socket and yields each of 50 messages exactly once, in order', async () => {
    const store: StoredMessage[] = [];
    const chat = chatWith(store);
    const events = chat.events({ reconnect: { baseDelayMs: 5, maxDelayMs: 20 } });
    const collected = take(events, 50);
    const before = sockets.length;
    const first = await nextSocket(before + 1);
    for (let n = 1; n <= 20; n++) {
      store.push(message(n));
      first.send(frameOf(message(n)));
    }
    await new Promise((r) => setTimeout(r, 20));
    first.terminate(); // dropped: 21..35 are said while no socket is open
    for (let n = 21; n <= 35; n++) store.push(message(n));
    const second = await nextSocket(before + 2);
    second.send(frameOf(message(20))); // a repeat across the reconnect
    for (let n = 36; n <= 50; n++) {
      store.push(message(n));
      second.send(frameOf(message(n)));
    }
    const ids = (await collected).map((e) => (e.kind === 'message' ? e.eventBody.id : e.kind));
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => message(i + 1).id));
    await events.return();
  });

  it('abort ends the iterator and closes the socket', async () => {
    const controller = new AbortController();
    const events = chatWith([]).events({ signal: controller.signal });
    const pending = events.next();
    const socket = await nextSocket(sockets.length + 1);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });
    await closed;
  });

  it('ends when this guest is DISCONNECTED, and on leave()', async () => {
    const events = chatWith([]).events();
    const pending = take(events, 5);
    const socket = await nextSocket(sockets.length + 1);
    socket.send(memberChange(AGENT, 'DISCONNECTED'));
    socket.send(memberChange(ME, 'DISCONNECTED'));
    expect((await pending).map((e) => e.kind)).toEqual(['member-change', 'member-change']);

    const chat = chatWith([]);
    const leaving = chat.events();
    const next = leaving.next();
    await nextSocket(sockets.length + 1);
    await chat.leave().catch(() => undefined); // the fake ops have no DELETE; the stream must end anyway
    expect(await next).toEqual({ value: undefined, done: true });
  });

  it('yields what was said before the first socket opened (fetched, marked replayed), then live frames, each once', async () => {
    const store = [message(1)];
    const events = chatWith(store).events();
    const collected = take(events, 3);
    const socket = await nextSocket(sockets.length + 1);
    await new Promise((r) => setTimeout(r, 30)); // the catch-up is done
    store.push(message(2));
    socket.send(frameOf(message(1))); // a live repeat of a fetched message is dropped
    socket.send(frameOf(message(2)));
    socket.send(memberChange(AGENT, 'CONNECTED'));
    const got = await collected;
    expect(got.map((e) => (e.kind === 'message' ? e.eventBody.id : e.kind))).toEqual([message(1).id, message(2).id, 'member-change']);
    expect(got[0]).toMatchObject({ kind: 'message', replayed: true, eventBody: { body: 'answer 1', sender: { id: AGENT } } });
    await events.return();
  });

  it('merges a catch-up with the frames that arrived during it by timestamp: member changes before a join message of the same moment', async () => {
    const at = '2026-01-01T00:00:05.000Z';
    const join: StoredMessage = { ...message(5), body: '', bodyType: 'member-join' as 'standard', timestamp: at };
    const older = message(1);
    let answer!: () => void;
    const events = chatWith([older, join], undefined, new Promise<void>((resolve) => (answer = resolve))).events();
    const collected = take(events, 5);
    const socket = await nextSocket(sockets.length + 1);
    const change = (state: string) => JSON.stringify({ ...JSON.parse(memberChange(AGENT, state)), eventBody: { conversation: { id: CONV }, member: { id: AGENT, state }, timestamp: at } });
    socket.send(change('ALERTING'));
    socket.send(change('CONNECTED'));
    await new Promise((r) => setTimeout(r, 30)); // both frames are held; the join's own frame has not come
    answer();
    const later = message(6);
    await new Promise((r) => setTimeout(r, 30));
    socket.send(frameOf(later));
    const got = await collected;
    expect(got.map((e) => (e.kind === 'member-change' ? e.eventBody.member.state : e.kind === 'message' ? e.eventBody.id : e.kind))).toEqual([older.id, 'ALERTING', 'CONNECTED', join.id, later.id]);
    await events.return();
  });

  it('a server that accepts each socket and closes it before any frame ends the stream after maxAttempts, not never', async () => {
    const before = dropped;
    // This path is accepted by the server, then closed at once (4401) without a frame.
    const events = chatWith([], `ws://127.0.0.1:${port}/chat/jwt/elsewhere`).events({ reconnect: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await events.next().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamError);
    expect(String(error)).toMatch(/could not be reopened/);
    expect(dropped - before).toBe(4); // the first socket and 3 reconnects
  });

  it('a socket that never opens ends in EventStreamError without the JWT in it', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const closed = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const events = chatWith([], `ws://127.0.0.1:${closed}/chat/jwt/${JWT}`).events({ reconnect: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await events.next().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamError);
    expect(String(error)).not.toContain(JWT);
  });
});
