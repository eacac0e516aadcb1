/**
 * chat.events() (the Node entry: `ws` and the node:http transport) against the mock server over real
 * sockets: routing on the first stream, drop-stream faults (close codes and TCP resets, once and paced)
 * while the agent talks, abort, leave, and no JWT in anything the stream yields or throws.
 */
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WS from 'ws';
import { startMockServer, type FaultRule, type MockServer } from '../../src/mock/index.js';
import { createGuestChatClient, EventStreamError, type EventFrame, type GuestChat, type WebSocketConstructor } from '../../src/node/webchat.js';

const DELAY_MS = 20;
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, agentReplyDelayMs: DELAY_MS });
});
afterEach(() => mock.faults.clear());
afterAll(() => mock.close());

function startChat(name = 'Jane', webSocket?: WebSocketConstructor): Promise<GuestChat> {
  const f = mock.fixtures.webchat;
  return createGuestChatClient({ baseUrl: mock.url, ...(webSocket ? { webSocket } : {}) }).startGuestChat({
    organizationId: f.organizationId,
    deploymentId: f.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName },
    memberInfo: { displayName: name },
  });
}

const isAgentJoin = (e: EventFrame) => e.kind === 'message' && e.eventBody.bodyType === 'member-join';

/** Reads events until `stop` says so; returns everything read. */
async function readUntil(events: AsyncGenerator<EventFrame>, stop: (e: EventFrame, all: EventFrame[]) => boolean): Promise<EventFrame[]> {
  const all: EventFrame[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) return all;
    all.push(next.value);
    if (stop(next.value, all)) return all;
  }
}

async function roles(chat: GuestChat): Promise<string[]> {
  const out: string[] = [];
  for await (const m of chat.members()) out.push(m.role!);
  return out.sort();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('routing', () => {
  it('routes a chat to the agent only once an event stream is connected', async () => {
    const chat = await startChat();
    await sleep(DELAY_MS * 5);
    expect(await roles(chat)).toEqual(['CUSTOMER']);
    const before = mock.requestCount('receiveGuestChatEvents');
    const events = chat.events();
    const joined = await readUntil(events, isAgentJoin);
    expect(joined.map((e) => (e.kind === 'member-change' ? e.eventBody.member.state : e.kind))).toEqual(['ALERTING', 'CONNECTED', 'message']);
    expect(await roles(chat)).toEqual(['AGENT', 'CUSTOMER']);
    expect(mock.requestCount('receiveGuestChatEvents') - before).toBe(1);
    await events.return();
  });

  it('routes at once with routeWithoutEventStream', async () => {
    const other = await startMockServer({ port: 0, agentReplyDelayMs: DELAY_MS, routeWithoutEventStream: true });
    try {
      const f = other.fixtures.webchat;
      const chat = await createGuestChatClient({ baseUrl: other.url }).startGuestChat({ organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Poll' } });
      const end = Date.now() + 3000;
      while ((await roles(chat)).length < 2 && Date.now() < end) await sleep(10);
      expect(await roles(chat)).toEqual(['AGENT', 'CUSTOMER']);
      expect(other.requestCount('receiveGuestChatEvents')).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('yields a message the guest sent before iterating, then the typing indicator and the answer', async () => {
    const chat = await startChat('Ada');
    await chat.send('Hello');
    const events = chat.events();
    const got = await readUntil(events, (e) => e.kind === 'message' && e.eventBody.bodyType === 'standard' && e.eventBody.sender.id !== chat.memberId);
    const mine = got.find((e) => e.kind === 'message' && e.eventBody.sender.id === chat.memberId);
    expect(mine).toMatchObject({ replayed: true, eventBody: { body: 'Hello' } });
    const kinds = got.map((e) => (e.kind === 'message' ? e.eventBody.bodyType : e.kind));
    expect(kinds.slice(-2)).toEqual(['typing-indicator', 'standard']);
    expect(got.at(-1)).toMatchObject({ eventBody: { body: 'Hello Ada, this is Alex from the service desk. How can I help you today?' } });
    await events.return();
  });

  it('agentSays() refuses a chat no agent has joined and an unknown one', async () => {
    const chat = await startChat();
    expect(() => mock.agentSays(chat.conversationId, 'hi')).toThrow(/routed once an event stream is connected/);
    expect(() => mock.agentSays('no-such-conversation', 'hi')).toThrow(/no conversation/);
  });
});

describe('drop-stream faults', () => {
  /** Opens the stream, waits for the agent, then has it say 50 messages while the faults drop the stream. */
  async function fiftyThrough(rules: FaultRule[], gapMs: number): Promise<{ bodies: string[]; replayed: number; streams: number }> {
    const chat = await startChat();
    const events = chat.events({ reconnect: { baseDelayMs: 5, maxDelayMs: 20 } });
    await readUntil(events, isAgentJoin);
    const before = mock.requestCount('receiveGuestChatEvents');
    mock.faults.set(rules);
    const reading = readUntil(events, (_e, all) => all.filter((e) => e.kind === 'message').length === 50);
    for (let n = 1; n <= 50; n++) {
      mock.agentSays(chat.conversationId, `answer ${n}`);
      await sleep(gapMs);
    }
    const got = (await reading).filter((e) => e.kind === 'message');
    await events.return();
    return {
      bodies: got.map((e) => (e.kind === 'message' ? e.eventBody.body : '')),
      replayed: got.filter((e) => e.kind === 'message' && e.replayed).length,
      streams: mock.requestCount('receiveGuestChatEvents') - before,
    };
  }

  const fifty = Array.from({ length: 50 }, (_, i) => `answer ${i + 1}`);

  it.each([
    ['a close with 1001 (going away)', { closeCode: 1001 }],
    ['a close with an application code (4000)', { closeCode: 4000 }],
    ['a TCP reset', { reset: true }],
  ])('dropped by %s while the agent says 50 messages: each yielded exactly once, in order', async (_name, how) => {
    const result = await fiftyThrough([{ operationId: 'receiveGuestChatEvents', kind: 'drop-stream', after: 10, times: 1, ...how }], 2);
    expect(result.bodies).toEqual(fifty);
    expect(result.streams).toBe(1); // one reconnect
    expect(result.replayed).toBeGreaterThan(0); // some were said while no socket was open
  });

  it('paced resets (every stream reset after 5 frames, 6 times): each of 50 messages exactly once, in order', async () => {
    const result = await fiftyThrough([{ operationId: 'receiveGuestChatEvents', kind: 'drop-stream', after: 5, times: 6, reset: true }], 3);
    expect(result.bodies).toEqual(fifty);
    expect(result.streams).toBe(6);
  });

  it('a stream dropped as soon as it is accepted, every time, ends in EventStreamError after maxAttempts', async () => {
    const chat = await startChat();
    mock.faults.set([{ operationId: 'receiveGuestChatEvents', kind: 'drop-stream', after: 0 }]);
    const before = mock.requestCount('receiveGuestChatEvents');
    // Each socket that opens fetches the history (the agent's join may be in it), then is dropped.
    const error = await readUntil(chat.events({ reconnect: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } }), () => false).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamError);
    expect(mock.requestCount('receiveGuestChatEvents') - before).toBe(3);
    expect(`${String(error)} ${(error as Error).stack}`).not.toContain(chat.jwt);
  });

  it.each([
    [{ operationId: 'receiveGuestChatEvents', kind: 'status' }, /takes only drop-stream/],
    [{ operationId: 'getWebchatSettings', kind: 'drop-stream' }, /applies to the event stream/],
    [{ operationId: 'receiveGuestChatEvents', kind: 'drop-stream', closeCode: 1006 }, /closeCode/],
    [{ operationId: 'receiveGuestChatEvents', kind: 'drop-stream', closeCode: 1000.5 }, /closeCode/],
    [{ operationId: 'receiveGuestChatEvents', kind: 'drop-stream', reset: true, closeCode: 1001 }, /no closeCode/],
    [{ operationId: 'receiveGuestChatEvents', kind: 'drop-stream', after: -1 }, /after/],
    [{ operationId: 'getWebchatSettings', kind: 'status', closeCode: 1001 }, /belong to drop-stream/],
  ] as Array<[FaultRule, RegExp]>)('refuses the malformed rule %j', (rule, message) => {
    expect(() => mock.faults.set([rule])).toThrow(message);
  });
});

describe('ending', () => {
  it('abort ends the iterator and leaves no open socket or timer', async () => {
    const created: WS[] = [];
    const Tracked = class extends WS {
      constructor(url: string) {
        super(url);
        created.push(this);
      }
    };
    const chat = await startChat('Abe', Tracked);
    for await (const _ of chat.messages()) break; // the HTTP connection exists before the baseline
    await sleep(50); // what earlier tests left behind settles
    const held = () => {
      const counts = { Timeout: 0, TCPSocketWrap: 0 };
      for (const r of process.getActiveResourcesInfo()) if (r === 'Timeout' || r === 'TCPSocketWrap') counts[r]++;
      return counts;
    };
    const baseline = held();
    const controller = new AbortController();
    const events = chat.events({ signal: controller.signal });
    await readUntil(events, isAgentJoin);
    const pending = events.next();
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(created.length).toBe(1);
    const end = Date.now() + 3000;
    const settled = () => held().Timeout <= baseline.Timeout && held().TCPSocketWrap <= baseline.TCPSocketWrap;
    while ((created[0]!.readyState !== WS.CLOSED || !settled()) && Date.now() < end) await sleep(10);
    expect(created[0]!.readyState).toBe(WS.CLOSED);
    // Nothing more than before the stream: its socket (both ends) and its timers are gone.
    expect(held().Timeout).toBeLessThanOrEqual(baseline.Timeout);
    expect(held().TCPSocketWrap).toBeLessThanOrEqual(baseline.TCPSocketWrap);
  });

  it('leave() ends a for-await loop, and the mock says the guest left', async () => {
    const chat = await startChat();
    const seen: EventFrame[] = [];
    const loop = (async () => {
      for await (const event of chat.events()) {
        seen.push(event);
        if (isAgentJoin(event)) await chat.leave();
      }
    })();
    await loop;
    expect(seen.some(isAgentJoin)).toBe(true);
    await expect(chat.send('still there?')).rejects.toThrow();
  });

  it('the stream ends when the guest is DISCONNECTED (left from another client)', async () => {
    const chat = await startChat();
    const events = chat.events();
    await readUntil(events, isAgentJoin);
    const other = createGuestChatClient({ baseUrl: mock.url, auth: { guestJwt: chat.jwt } });
    await other.deleteWebchatGuestConversationMember({ params: { path: { conversationId: chat.conversationId, memberId: chat.memberId } } });
    const rest = await readUntil(events, () => false);
    expect(rest.at(-1)).toMatchObject({ kind: 'member-change', eventBody: { member: { id: chat.memberId, state: 'DISCONNECTED' } } });
  });

  it('no JWT in what the stream yields or throws, nor in the chat as logged', async () => {
    const small = await startMockServer({ port: 0, agentReplyDelayMs: DELAY_MS, limits: { conversations: 1 } });
    try {
      const f = small.fixtures.webchat;
      const guest = createGuestChatClient({ baseUrl: small.url });
      const start = (name: string) => guest.startGuestChat({ organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: name } });
      const chat = await start('Evicted');
      const events = chat.events({ heartbeats: true, reconnect: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
      const yielded = await readUntil(events, isAgentJoin);
      await start('Newer'); // evicts the first chat: its stream closes and cannot be reopened (404)
      const error = await readUntil(events, (e) => (yielded.push(e), false)).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(EventStreamError);
      const output = [JSON.stringify(yielded), String(error), (error as Error).stack, inspect(error, { depth: 5 }), inspect(chat, { depth: 5 }), JSON.stringify(chat)].join('\n');
      expect(output).not.toContain(chat.jwt);
      expect(output).not.toContain(chat.jwt.split('.')[2]!);
    } finally {
      await small.close();
    }
  });
});
