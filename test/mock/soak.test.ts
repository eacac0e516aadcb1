/**
 * Soak (loopback only, a few seconds): thousands of guest chats created, written to and left through
 * the mock's default limits, with the heap measured after forced garbage collection. Past the
 * 1,000-conversation cap every new chat evicts the oldest, so memory must stay flat: the heap after
 * SOAK_CHATS more chats may exceed the heap at a full cap by at most HEAP_BUDGET.
 *
 * Also pins the cap itself: the 1,000th chat keeps the first one; the 1,001st evicts it (404).
 *
 * Sensitivity: without the cap, the same 3,000 chats grow the heap by about 14 MiB (about 4.6 KiB a
 * chat), well past the budget; with it the growth is about 1.5 MiB whatever the count.
 * SOAK_CHATS widens a run.
 */
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { start } from './helpers.js';

const CAP = 1000;
const SOAK_CHATS = Number(process.env.SOAK_CHATS ?? 3000);
const CONCURRENCY = 32;
const HEAP_BUDGET = 8 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let mock: MockServer;
// node:http with keep-alive: about 3x cheaper per request than fetch, which runs in this same process.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
beforeAll(async () => {
  // The defaults (limits.conversations = 1000); every chat is routed (no event stream here) and the
  // agent answers quickly, so its timers run and end.
  mock = await start({ agentReplyDelayMs: 1, routeWithoutEventStream: true });
});
afterAll(async () => {
  agent.destroy();
  await mock.close();
});

interface Chat {
  id: string;
  jwt: string;
  memberId: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: any }> {
  const url = new URL(mock.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function ok(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<any> {
  const r = await send(method, path, headers, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  return r.body;
}

const CONVERSATIONS = '/api/v2/webchat/guest/conversations';

/** One guest's whole visit: create, say something, leave. */
async function visit(): Promise<Chat> {
  const f = mock.fixtures.webchat;
  const created = await ok('POST', CONVERSATIONS, {}, JSON.stringify({ organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Soak' } }));
  const chat = { id: created.id as string, jwt: created.jwt as string, memberId: created.member.id as string };
  const member = `${CONVERSATIONS}/${chat.id}/members/${chat.memberId}`;
  const auth = { Authorization: `Bearer ${chat.jwt}` };
  await ok('POST', `${member}/messages`, auth, '{"body":"is my car ready?"}');
  await ok('DELETE', member, auth);
  return chat;
}

async function visits(n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) await visit();
    }),
  );
}

/** The chat's history: status and error code. */
async function history(chat: Chat): Promise<[number, string | undefined]> {
  const r = await send('GET', `${CONVERSATIONS}/${chat.id}/messages`, { Authorization: `Bearer ${chat.jwt}` });
  return [r.status, r.body?.code];
}

async function settledHeap(): Promise<number> {
  // Let the simulated agent's last timers fire, then collect twice (weak refs, finalizers).
  await new Promise((r) => setTimeout(r, 100));
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
  return process.memoryUsage().heapUsed;
}

describe('the 1,000-conversation cap', () => {
  it('keeps the first chat through the 1,000th and evicts it at the 1,001st (404 not.found)', async () => {
    const first = await visit();
    const second = await visit();
    await visits(CAP - 2);
    expect(await history(first)).toEqual([200, undefined]);
    await visit();
    expect(await history(first)).toEqual([404, 'not.found']);
    expect(await history(second)).toEqual([200, undefined]);
  }, 30_000);
});

describe(`soak: ${SOAK_CHATS} guest chats past a full cap`, () => {
  it('keeps the heap flat', async () => {
    // The cap is full (previous test); measure, run the soak, measure again.
    const before = await settledHeap();
    const t0 = Date.now();
    await visits(SOAK_CHATS);
    const seconds = (Date.now() - t0) / 1000;
    const after = await settledHeap();
    const delta = after - before;
    console.log(
      `soak: ${SOAK_CHATS} chats (${SOAK_CHATS * 3} requests) in ${seconds.toFixed(1)} s; heap ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MiB (Δ ${(delta / 2 ** 20).toFixed(2)} MiB, budget ${HEAP_BUDGET / 2 ** 20} MiB)`,
    );
    expect(delta).toBeLessThan(HEAP_BUDGET);
    // Still serving, and the newest chat is there.
    expect(await history(await visit())).toEqual([200, undefined]);
  }, 60_000);
});
