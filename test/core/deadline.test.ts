import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTextbotsClient } from '../../src/index.js';
import { fetchTransport, MAX_CALLS_PER_SIGNAL, SHARED_FROM_MS } from '../../src/core/transport/fetch.js';
import { DeadlineExceeded, type TransportRequest } from '../../src/core/transport/contract.js';

const request = (timeoutMs: number, signal?: AbortSignal): TransportRequest => ({ method: 'GET', url: 'http://127.0.0.1:9/x', headers: {}, body: undefined, signal, timeoutMs });

/** A fetch that answers after `ms`, or never (ms < 0), honours its signal, and records each signal it got. */
function slowFetch(ms: number) {
  const signals: AbortSignal[] = [];
  const fetch = ((_url: string, init: RequestInit) => {
    signals.push(init.signal!);
    return new Promise<Response>((resolve, reject) => {
      const t = ms >= 0 ? setTimeout(() => resolve(new Response('{"ok":true}', { status: 200 })), ms) : undefined;
      init.signal?.addEventListener('abort', () => (clearTimeout(t), reject(init.signal!.reason)), { once: true });
    });
  }) as unknown as typeof globalThis.fetch;
  return { send: fetchTransport(fetch), signals };
}
const settle = (p: Promise<unknown>) => p.then(() => 'answered', (err: unknown) => err);

describe('the fetch transport shares one deadline signal between calls', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('concurrent calls with the same timeout hand fetch one signal, and leave no timer once answered', async () => {
    const { send, signals } = slowFetch(10);
    const answers = Promise.all([send(request(30_000)), send(request(30_000)), send(request(30_000))]);
    expect(vi.getTimerCount()).toBe(1 + 3); // one shared deadline, three answers pending
    await vi.advanceTimersByTimeAsync(10);
    for (const answer of await answers) expect(answer.text).toBe('{"ok":true}');
    expect(new Set(signals).size).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a stalled call rejects with DeadlineExceeded, never before its timeout and at most timeout/64 after', async () => {
    const { send, signals } = slowFetch(-1);
    const started = Date.now();
    const outcome = settle(send(request(2_000)));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(signals[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000 / 64 + 1);
    const err = await outcome;
    expect(err).toBeInstanceOf(DeadlineExceeded);
    expect((err as Error).message).toBe('no answer within 2000 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('a call that joins later in the window is not cut short either', async () => {
    const { send, signals } = slowFetch(-1);
    const first = settle(send(request(30_000)));
    await vi.advanceTimersByTimeAsync(100);
    const second = settle(send(request(30_000)));
    const joinedAt = Date.now();
    expect(signals[1]).toBe(signals[0]);
    await vi.advanceTimersByTimeAsync(30_000 - 100 - 1);
    expect(signals[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(30_000 / 64 + 1);
    expect(await first).toBeInstanceOf(DeadlineExceeded);
    expect(await second).toBeInstanceOf(DeadlineExceeded);
    expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(30_000 - 1);
  });

  it('a wall clock set back does not let a later call join a window that ends before its deadline', async () => {
    const { send, signals } = slowFetch(-1);
    const width = 256; // the window for a 30 s timeout: the largest power of two under 30 000 / 64
    const windowEnd = Math.ceil((performance.now() + 30_000) / width) * width;
    const first = settle(send(request(30_000)));
    // The second call comes late enough to be due 40 ms after the first one's window ends...
    const step = windowEnd - (performance.now() + 30_000) + 40;
    await vi.advanceTimersByTimeAsync(step);
    // ...while the wall clock steps back as far: by Date.now() it would fall in the first window.
    vi.setSystemTime(Date.now() - step);
    const second = settle(send(request(30_000)));
    await vi.advanceTimersByTimeAsync(windowEnd + 20 - performance.now());
    expect(await first).toBeInstanceOf(DeadlineExceeded);
    expect(signals[1]!.aborted, 'the second call was cut short').toBe(false);
    await vi.advanceTimersByTimeAsync(width + 21);
    expect(await second).toBeInstanceOf(DeadlineExceeded);
  });

  it(`at most ${MAX_CALLS_PER_SIGNAL} calls gather on one signal`, async () => {
    const { send, signals } = slowFetch(5);
    const answers = Promise.all(Array.from({ length: MAX_CALLS_PER_SIGNAL + 1 }, () => send(request(30_000))));
    expect(new Set(signals.slice(0, MAX_CALLS_PER_SIGNAL)).size).toBe(1);
    expect(signals[MAX_CALLS_PER_SIGNAL]).not.toBe(signals[0]);
    await vi.advanceTimersByTimeAsync(5);
    await answers;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('after a deadline fires, or once its calls are done, new calls get a fresh signal', async () => {
    const { send, signals } = slowFetch(-1);
    const stalled = settle(send(request(2_000)));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await stalled).toBeInstanceOf(DeadlineExceeded);
    const next = settle(send(request(2_000)));
    expect(signals[1]).not.toBe(signals[0]);
    expect(signals[1]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(3_000);
    await next;

    const quick = slowFetch(1);
    const a = quick.send(request(2_000));
    await vi.advanceTimersByTimeAsync(1);
    await a;
    const b = quick.send(request(2_000));
    await vi.advanceTimersByTimeAsync(1);
    await b;
    expect(quick.signals[1]).not.toBe(quick.signals[0]);
  });

  it(`a timeout under ${SHARED_FROM_MS} ms keeps an exact timer of its own`, async () => {
    const { send, signals } = slowFetch(-1);
    const one = settle(send(request(100)));
    const two = settle(send(request(100)));
    expect(signals[0]).not.toBe(signals[1]);
    await vi.advanceTimersByTimeAsync(99);
    expect(signals[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await one).toBeInstanceOf(DeadlineExceeded);
    expect(await two).toBeInstanceOf(DeadlineExceeded);
  });

  it("a caller's signal gets a controller of its own, and its reason on abort; the others go on", async () => {
    const { send, signals } = slowFetch(-1);
    const controller = new AbortController();
    const mine = settle(send(request(30_000, controller.signal)));
    const other = settle(send(request(30_000)));
    controller.abort(new Error('user left'));
    expect(await mine).toEqual(new Error('user left'));
    expect(signals[0]).not.toBe(signals[1]);
    expect(signals[1]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(await other).toBeInstanceOf(DeadlineExceeded);
  });

  it('timeout 0 hands fetch the caller\'s signal as is, and no timer', async () => {
    const { send, signals } = slowFetch(5);
    const controller = new AbortController();
    const answer = send(request(0, controller.signal));
    expect(signals[0]).toBe(controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(5);
    expect((await answer).status).toBe(200);
  });
});

describe('shared deadlines over a real socket', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // Each answer waits 20 ms, so a whole burst is in flight on the shared signals at once.
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"botState":"Complete"}'), 20));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('200 concurrent calls through the platform fetch all answer on shared signals, with no warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const textbots = createTextbotsClient({ baseUrl: base, auth: { accessToken: 'token-for-the-burst' } });
      const body = { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text' as const, text: 'hi' } };
      for (let round = 0; round < 2; round++) {
        const replies = await Promise.all(Array.from({ length: 200 }, () => textbots.postTextbotsBotsExecute({ body })));
        expect(replies.every((r) => r.botState === 'Complete')).toBe(true);
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
});
