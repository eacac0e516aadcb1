/**
 * The page of the browser benchmark (bench/browser-fetch.ts): the same calls as the client benchmark's
 * fetch rows, made from a page in Chromium to the server that served it, through raw `fetch`, orval's
 * fetch client and this package on the platform `fetch`. The runner bundles it with the orval clients
 * and drives the rounds from outside through `globalThis.bench` (see {@link pageBench}).
 */
import { createGuestChatClient, createTextbotsClient } from '../src/index.js';
import { EXECUTE_BODY, EXECUTE_REPLY, GUEST_JWT, MESSAGE_BODY, MESSAGE_PATH, MESSAGE_REPLY, RAW_FETCH, TOKEN } from './calls.js';

/** orval's two generated functions the rows call (its clients are generated at bench time). */
export interface OrvalCalls {
  postTextbotsBotsExecute(body: unknown, init: RequestInit): Promise<unknown>;
  postWebchatGuestConversationMemberMessages(conversationId: string, memberId: string, body: unknown, init: RequestInit): Promise<unknown>;
}

export interface PageRow {
  table: 'textbots' | 'guest';
  name: string;
}

type Variant = { table: PageRow['table']; name: string; call: () => Promise<unknown> };

function variants(orval: OrvalCalls): Variant[] {
  const base = location.origin;
  const executeUrl = `${base}/api/v2/textbots/bots/execute`;
  const { conversationId, memberId } = MESSAGE_PATH;
  const messageUrl = `${base}/api/v2/webchat/guest/conversations/${conversationId}/members/${memberId}/messages`;
  const textbots = createTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN } });
  const textbotsNoTimeout = createTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN }, timeout: 0 });
  const textbotsNoValidate = createTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN }, validate: false });
  const guest = createGuestChatClient({ baseUrl: base, auth: { guestJwt: GUEST_JWT } });
  const guestNoTimeout = createGuestChatClient({ baseUrl: base, auth: { guestJwt: GUEST_JWT }, timeout: 0 });
  const guestNoValidate = createGuestChatClient({ baseUrl: base, auth: { guestJwt: GUEST_JWT }, validate: false });
  const post = async (url: string, auth: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
  return [
    { table: 'textbots', name: RAW_FETCH, call: () => post(executeUrl, TOKEN, EXECUTE_BODY) },
    { table: 'textbots', name: 'orval fetch client', call: () => orval.postTextbotsBotsExecute(EXECUTE_BODY, { headers: { Authorization: `Bearer ${TOKEN}` } }) },
    { table: 'textbots', name: 'bot-apis, validation on', call: () => textbots.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
    { table: 'textbots', name: 'bot-apis, validation on, timeout: 0', call: () => textbotsNoTimeout.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
    { table: 'textbots', name: 'bot-apis, validation off', call: () => textbotsNoValidate.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
    { table: 'guest', name: RAW_FETCH, call: () => post(messageUrl, GUEST_JWT, MESSAGE_BODY) },
    { table: 'guest', name: 'orval fetch client', call: () => orval.postWebchatGuestConversationMemberMessages(conversationId, memberId, MESSAGE_BODY, { headers: { Authorization: `Bearer ${GUEST_JWT}` } }) },
    { table: 'guest', name: 'bot-apis, validation on', call: () => guest.postWebchatGuestConversationMemberMessages({ params: { path: MESSAGE_PATH }, body: MESSAGE_BODY }) },
    { table: 'guest', name: 'bot-apis, validation on, timeout: 0', call: () => guestNoTimeout.postWebchatGuestConversationMemberMessages({ params: { path: MESSAGE_PATH }, body: MESSAGE_BODY }) },
    { table: 'guest', name: 'bot-apis, validation off', call: () => guestNoValidate.postWebchatGuestConversationMemberMessages({ params: { path: MESSAGE_PATH }, body: MESSAGE_BODY }) },
  ];
}

/** Calls completed, and per second, by `concurrency` loops calling for `ms` milliseconds. */
async function rate(call: () => Promise<unknown>, concurrency: number, ms: number): Promise<{ calls: number; rps: number }> {
  let done = 0;
  const start = performance.now();
  const deadline = start + ms;
  const loop = async () => {
    while (performance.now() < deadline) {
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { calls: done, rps: (done / (performance.now() - start)) * 1000 };
}

/** What the runner needs of the page: the variants' names, and one timed run of one of them. */
export interface PageBench {
  variants: Array<Pick<PageRow, 'table' | 'name'>>;
  /** Runs variant `index` from `concurrency` loops for `ms` milliseconds; returns the calls completed and the rate. */
  run(index: number, concurrency: number, ms: number): Promise<{ calls: number; rps: number }>;
  /**
   * The variant's own cost: µs per call, `calls` calls one after another, with the page's `fetch`
   * replaced by one that answers at once (the same answer, from memory) for the duration.
   */
  ownCost(index: number, calls: number): Promise<number>;
}

const ANSWERS = { textbots: EXECUTE_REPLY, guest: MESSAGE_REPLY };

export function pageBench(orval: OrvalCalls): PageBench {
  const all = variants(orval);
  return {
    variants: all.map(({ table, name }) => ({ table, name })),
    run: (index, concurrency, ms) => rate(all[index]!.call, concurrency, ms),
    async ownCost(index, calls) {
      const { table, call } = all[index]!;
      const platform = globalThis.fetch;
      globalThis.fetch = async () => new Response(ANSWERS[table], { status: 200, headers: { 'content-type': 'application/json' } });
      try {
        const start = performance.now();
        for (let i = 0; i < calls; i++) await call();
        return ((performance.now() - start) * 1000) / calls;
      } finally {
        globalThis.fetch = platform;
      }
    },
  };
}
