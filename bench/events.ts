/**
 * The guest event stream, mock → client on loopback: message frames the mock's agent says
 * (`mock.agentSays`, stored, serialised, sent by the mock's `ws` server) read through `chat.events()`
 * (the Node entry: `ws`, JSON, frame validation, de-duplication, the async iterator), against a bare
 * `ws` server sending frames of the same size to a bare `ws` client that parses them, in the same run.
 * Server and client share this process, so every figure includes both ends.
 *
 * Two loads per side: paced (the budget's 2,000 events/s for a few seconds: the rate delivered and the
 * delivery latency, send → yielded, p50/p99) and a burst (as many events as the stream takes, back to
 * back: the most it carries per second).
 *   npm run bench -- events
 */
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { startMockServer } from '../src/mock/index.js';
import { createGuestChatClient } from '../src/node/webchat.js';

/** The budget: one stream carries at least this many events per second, p99 delivery at most P99_BUDGET_MS. */
const RATE = 2000;
const P99_BUDGET_MS = 20;
/** Events per 5 ms tick when paced. */
const TICK_MS = 5;

interface Figures {
  /** Events delivered per second, first send to last delivery. */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

/** Something that sends numbered events and hands each, as the client got it, to `received`. */
interface Pipe {
  send(n: number): void;
  /** Resolves with the send → delivery latency of each of `count` events, in ms. */
  collect(count: number): Promise<{ latencies: number[]; lastAt: number }>;
  close(): Promise<void>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function run(pipe: Pipe, count: number, paced: boolean): Promise<Figures> {
  const sentAt = new Float64Array(count);
  const pending = pipe.collect(count);
  const t0 = performance.now();
  const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
  for (let n = 0; n < count; n++) {
    sentAt[n] = performance.now();
    pipe.send(n);
    if (paced && (n + 1) % perTick === 0) {
      // Hold the schedule: the next tick starts at t0 + k·TICK_MS, whatever this one cost.
      const due = t0 + ((n + 1) / perTick) * TICK_MS;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    } else if (!paced && n % 500 === 499) {
      await new Promise((r) => setImmediate(r)); // let the client read while the burst goes on
    }
  }
  const { latencies, lastAt } = await pending;
  const sorted = latencies.map((at, n) => at - sentAt[n]!).sort((a, b) => a - b);
  return { perSecond: count / ((lastAt - t0) / 1000), p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

/** Body text of event `n`, and `n` read back from it. */
const bodyOf = (n: number) => `bench event ${n} ${'x'.repeat(40)}`;
const numberOf = (body: string) => Number(body.slice(12, body.indexOf(' ', 12)));

async function mockPipe(): Promise<Pipe> {
  const mock = await startMockServer({ port: 0, agentReplyDelayMs: 0 });
  const f = mock.fixtures.webchat;
  const chat = await createGuestChatClient({ baseUrl: mock.url }).startGuestChat({ organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Bench' } });
  const events = chat.events({ reconnect: false });
  for (;;) {
    const next = await events.next();
    if (next.done) throw new Error('the stream ended before the agent joined');
    if (next.value.kind === 'message' && next.value.eventBody.bodyType === 'member-join') break;
  }
  return {
    send: (n) => void mock.agentSays(chat.conversationId, bodyOf(n)),
    async collect(count) {
      const deliveredAt = new Float64Array(count);
      let seen = 0;
      while (seen < count) {
        const next = await events.next();
        if (next.done) throw new Error('the stream ended early');
        if (next.value.kind !== 'message') continue;
        deliveredAt[numberOf(next.value.eventBody.body)] = performance.now();
        seen++;
      }
      return { latencies: [...deliveredAt], lastAt: performance.now() };
    },
    async close() {
      await events.return();
      await mock.close();
    },
  };
}

async function barePipe(conversationId: string): Promise<Pipe> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((r) => server.once('listening', r));
  const accepted = new Promise<WebSocket>((r) => server.once('connection', r));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/chat/jwt/bench`);
  const socket = await accepted;
  await new Promise((r) => client.once('open', r));
  let onFrame: (body: string) => void = () => {};
  client.on('message', (data) => onFrame((JSON.parse(String(data)) as { eventBody: { body: string } }).eventBody.body));
  return {
    // The same frame the mock sends: topic, version, body with the same fields, metadata.
    send: (n) =>
      socket.send(
        JSON.stringify({
          topicName: `v2.conversations.chats.${conversationId}.messages`,
          version: '2',
          eventBody: { id: crypto.randomUUID(), conversation: { id: conversationId }, sender: { id: crypto.randomUUID() }, body: bodyOf(n), bodyType: 'standard', timestamp: new Date().toISOString() },
          metadata: { CorrelationId: crypto.randomUUID(), type: 'message' },
        }),
      ),
    collect(count) {
      const deliveredAt = new Float64Array(count);
      let seen = 0;
      return new Promise((resolve) => {
        onFrame = (body) => {
          deliveredAt[numberOf(body)] = performance.now();
          if (++seen === count) resolve({ latencies: [...deliveredAt], lastAt: performance.now() });
        };
      });
    },
    async close() {
      client.close();
      await new Promise((r) => server.close(r));
    },
  };
}

const ms = (x: number) => x.toFixed(2);

export async function benchEvents(seconds = 3): Promise<string> {
  const paced = RATE * seconds;
  const burst = 20_000;
  const rows: Array<[string, Figures, Figures]> = [];
  for (const [name, open] of [
    ['mock → chat.events()', mockPipe],
    ['bare ws → ws client (JSON.parse)', () => barePipe(crypto.randomUUID())],
  ] as const) {
    const pipe = await open();
    try {
      await run(pipe, 2000, false); // warm-up
      rows.push([name, await run(pipe, paced, true), await run(pipe, burst, false)]);
    } finally {
      await pipe.close();
    }
  }
  const base = rows[1]![2].perSecond;
  const [, mockPaced] = rows[0]!;
  const verdict = mockPaced.perSecond >= RATE * 0.98 && mockPaced.p99 <= P99_BUDGET_MS ? 'within' : 'OUTSIDE';
  return [
    `Event stream on loopback (one stream, server and client in this process; paced: ${RATE}/s for ${seconds} s; burst: ${burst} events back to back)`,
    '',
    '| stream | paced: events/s | p50 ms | p99 ms | max ms | burst: events/s | vs bare ws |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(([name, p, b]) => `| ${name} | ${Math.round(p.perSecond)} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.max)} | ${Math.round(b.perSecond)} | ${(b.perSecond / base).toFixed(2)} |`),
    '',
    `Budget (${RATE} events/s with p99 ≤ ${P99_BUDGET_MS} ms through events()): ${verdict}.`,
  ].join('\n');
}
