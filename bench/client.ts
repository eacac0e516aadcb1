/**
 * Client throughput: the same calls through raw fetch, bare node:http, openapi-fetch as is, peer clients
 * generated from the same specs (orval, @hey-api/openapi-ts plain and with valibot), our methods on the
 * platform fetch and on the Node transport (validation on and off, and with `timeout: 0`) and the vendors'
 * SDKs, against one local HTTP server on loopback, in one run. The server runs in its own process (the
 * cost measured is the client's alone), and then in this process (client and server share one loop).
 *   npm run bench -- client
 */
import { createRequire } from 'node:module';
import createClient from 'openapi-fetch';
import type { paths as TextbotsPaths } from '../generated/textbots/schema.js';
import type { paths as WebChatPaths } from '../generated/webchat/schema.js';
import { createGuestChatClient, createTextbotsClient } from '../src/index.js';
import { createGuestChatClient as createNodeGuestChatClient, createTextbotsClient as createNodeTextbotsClient } from '../src/node/index.js';
import { EXECUTE_BODY, GUEST_JWT, MESSAGE_BODY, MESSAGE_PATH, RAW_FETCH, TOKEN } from './calls.js';
import { compare, table } from './lib.js';
import { bareNodeHttp } from './bare-node-http.js';
import { forkEchoServer, startEchoServer } from './echo-server.js';
import { generatePeers, heyClient, orvalClient, versionOf } from './peers.js';

const require = createRequire(import.meta.url);
const version = versionOf;

type Variant = { name: string; call: () => Promise<unknown> };
const BARE = 'bare node:http (keep-alive agent, JSON in and out)';

async function textbotsVariants(base: string, withVendor: boolean): Promise<Variant[]> {
  const url = `${base}/api/v2/textbots/bots/execute`;
  const bare = bareNodeHttp();
  const plain = createClient<TextbotsPaths>({ baseUrl: base, headers: { Authorization: `Bearer ${TOKEN}` } });
  const orval = await orvalClient('textbots', base);
  const hey = await heyClient('textbots', 'hey', base, TOKEN);
  const heyValibot = await heyClient('textbots', 'hey-valibot', base, TOKEN);
  const ours = createTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN } });
  const oursNoTimeout = createTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN }, timeout: 0 });
  const oursNoValidate = createTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN }, validate: false });
  const node = createNodeTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN } });
  const nodeNoTimeout = createNodeTextbotsClient({ baseUrl: base, auth: { accessToken: TOKEN }, timeout: 0 });
  const variants: Variant[] = [
    { name: RAW_FETCH, call: async () => (await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(EXECUTE_BODY) })).json() },
    { name: BARE, call: () => bare('POST', url, { Authorization: `Bearer ${TOKEN}` }, EXECUTE_BODY) },
    { name: `openapi-fetch ${version('openapi-fetch')} as is`, call: () => plain.POST('/api/v2/textbots/bots/execute', { body: EXECUTE_BODY }) },
    { name: `orval ${version('orval')} fetch client`, call: () => orval.postTextbotsBotsExecute!(EXECUTE_BODY, { headers: { Authorization: `Bearer ${TOKEN}` } }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK (fetch client)`, call: () => hey.sdk.postTextbotsBotsExecute!({ client: hey.client, body: EXECUTE_BODY }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK + valibot (requests and responses)`, call: () => heyValibot.sdk.postTextbotsBotsExecute!({ client: heyValibot.client, body: EXECUTE_BODY }) },
    { name: 'bot-apis with platform fetch, validation on', call: () => ours.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
    { name: 'bot-apis with platform fetch, validation on, timeout: 0', call: () => oursNoTimeout.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
    { name: 'bot-apis with platform fetch, validation off', call: () => oursNoValidate.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
    { name: 'bot-apis in Node (default node:http transport), validation on', call: () => node.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
    { name: 'bot-apis in Node (default node:http transport), validation on, timeout: 0', call: () => nodeNoTimeout.postTextbotsBotsExecute({ body: EXECUTE_BODY }) },
  ];
  if (withVendor) {
    const platform = require('purecloud-platform-client-v2');
    const platformClient = platform.ApiClient.instance;
    platformClient.config.basePath = base;
    platformClient.setAccessToken(TOKEN);
    const vendorTextbots = new platform.TextbotsApi();
    variants.push({ name: `purecloud-platform-client-v2 ${version('purecloud-platform-client-v2')}`, call: () => vendorTextbots.postTextbotsBotsExecute(EXECUTE_BODY) });
  }
  return variants;
}

async function guestVariants(base: string): Promise<Variant[]> {
  const path = MESSAGE_PATH;
  const { conversationId, memberId } = path;
  const url = `${base}/api/v2/webchat/guest/conversations/${conversationId}/members/${memberId}/messages`;
  const bare = bareNodeHttp();
  const plain = createClient<WebChatPaths>({ baseUrl: base, headers: { Authorization: `Bearer ${GUEST_JWT}` } });
  const orval = await orvalClient('webchat', base);
  const hey = await heyClient('webchat', 'hey', base, GUEST_JWT);
  const heyValibot = await heyClient('webchat', 'hey-valibot', base, GUEST_JWT);
  const guest = createGuestChatClient({ baseUrl: base, auth: { guestJwt: GUEST_JWT } });
  const guestNoTimeout = createGuestChatClient({ baseUrl: base, auth: { guestJwt: GUEST_JWT }, timeout: 0 });
  const guestNoValidate = createGuestChatClient({ baseUrl: base, auth: { guestJwt: GUEST_JWT }, validate: false });
  const guestNode = createNodeGuestChatClient({ baseUrl: base, auth: { guestJwt: GUEST_JWT } });
  const guestSdk = require('purecloud-guest-chat-client');
  const guestClient = guestSdk.ApiClient.instance;
  guestClient.config.basePath = base;
  guestClient.setJwt(GUEST_JWT);
  const vendorGuest = new guestSdk.WebChatApi();
  const body = MESSAGE_BODY;
  return [
    { name: RAW_FETCH, call: async () => (await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${GUEST_JWT}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json() },
    { name: BARE, call: () => bare('POST', url, { Authorization: `Bearer ${GUEST_JWT}` }, body) },
    { name: `openapi-fetch ${version('openapi-fetch')} as is`, call: () => plain.POST('/api/v2/webchat/guest/conversations/{conversationId}/members/{memberId}/messages', { params: { path }, body }) },
    { name: `orval ${version('orval')} fetch client`, call: () => orval.postWebchatGuestConversationMemberMessages!(conversationId, memberId, body, { headers: { Authorization: `Bearer ${GUEST_JWT}` } }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK (fetch client)`, call: () => hey.sdk.postWebchatGuestConversationMemberMessages!({ client: hey.client, path, body }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK + valibot (requests and responses)`, call: () => heyValibot.sdk.postWebchatGuestConversationMemberMessages!({ client: heyValibot.client, path, body }) },
    { name: 'bot-apis with platform fetch, validation on', call: () => guest.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: 'bot-apis with platform fetch, validation on, timeout: 0', call: () => guestNoTimeout.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: 'bot-apis with platform fetch, validation off', call: () => guestNoValidate.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: 'bot-apis in Node (default node:http transport), validation on', call: () => guestNode.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: `purecloud-guest-chat-client ${version('purecloud-guest-chat-client')}`, call: () => vendorGuest.postWebchatGuestConversationMemberMessages(conversationId, memberId, body) },
  ];
}

export async function benchClient(opts = { rounds: 5, ms: 1500, concurrency: 8, warmupMs: 1000 }): Promise<string> {
  generatePeers();
  const run = `${opts.concurrency} concurrent callers, ${opts.rounds} interleaved rounds of ${opts.ms} ms`;
  const server = await forkEchoServer();
  const base = `http://127.0.0.1:${server.port}`;
  const textbots = await compare(await textbotsVariants(base, true), opts);
  const guest = await compare(await guestVariants(base), opts);
  server.stop();

  // The same rows with the server in this process: client and server share one event loop.
  const local = await startEchoServer();
  const inProcess = await compare(await textbotsVariants(`http://127.0.0.1:${local.port}`, false), opts);
  local.close();
  return [
    table(`POST /api/v2/textbots/bots/execute, server in its own process, ${run}`, textbots, [RAW_FETCH, BARE]),
    '',
    table(`POST guest message, server in its own process, ${run}`, guest, [RAW_FETCH, BARE]),
    '',
    table(`POST /api/v2/textbots/bots/execute, server in the same process, ${run}`, inProcess, [RAW_FETCH, BARE]),
  ].join('\n');
}
