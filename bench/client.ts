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
import { compare, table } from './lib.js';
import { bareNodeHttp } from './bare-node-http.js';
import { forkEchoServer, startEchoServer } from './echo-server.js';
import { generatePeers, heyClient, orvalClient, versionOf } from './peers.js';

const require = createRequire(import.meta.url);
const version = versionOf;

type Variant = { name: string; call: () => Promise<unknown> };
const token = 'bench-token';
const jwt = 'bench.guest.jwt';
const executeBody = { botId: 'b1', integrationId: 'i1', botSessionId: '6f1c0d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', postTextMessage: { type: 'Text' as const, text: 'I want to book a service appointment' }, languageCode: 'en-us' };
const RAW_FETCH = 'raw fetch';
const BARE = 'bare node:http (keep-alive agent, JSON in and out)';

async function textbotsVariants(base: string, withVendor: boolean): Promise<Variant[]> {
  const url = `${base}/api/v2/textbots/bots/execute`;
  const bare = bareNodeHttp();
  const plain = createClient<TextbotsPaths>({ baseUrl: base, headers: { Authorization: `Bearer ${token}` } });
  const orval = await orvalClient('textbots', base);
  const hey = await heyClient('textbots', 'hey', base, token);
  const heyValibot = await heyClient('textbots', 'hey-valibot', base, token);
  const ours = createTextbotsClient({ baseUrl: base, auth: { accessToken: token } });
  const oursNoTimeout = createTextbotsClient({ baseUrl: base, auth: { accessToken: token }, timeout: 0 });
  const oursNoValidate = createTextbotsClient({ baseUrl: base, auth: { accessToken: token }, validate: false });
  const node = createNodeTextbotsClient({ baseUrl: base, auth: { accessToken: token } });
  const nodeNoTimeout = createNodeTextbotsClient({ baseUrl: base, auth: { accessToken: token }, timeout: 0 });
  const variants: Variant[] = [
    { name: RAW_FETCH, call: async () => (await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(executeBody) })).json() },
    { name: BARE, call: () => bare('POST', url, { Authorization: `Bearer ${token}` }, executeBody) },
    { name: `openapi-fetch ${version('openapi-fetch')} as is`, call: () => plain.POST('/api/v2/textbots/bots/execute', { body: executeBody }) },
    { name: `orval ${version('orval')} fetch client`, call: () => orval.postTextbotsBotsExecute!(executeBody, { headers: { Authorization: `Bearer ${token}` } }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK (fetch client)`, call: () => hey.sdk.postTextbotsBotsExecute!({ client: hey.client, body: executeBody }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK + valibot (requests and responses)`, call: () => heyValibot.sdk.postTextbotsBotsExecute!({ client: heyValibot.client, body: executeBody }) },
    { name: 'bot-apis with platform fetch, validation on', call: () => ours.postTextbotsBotsExecute({ body: executeBody }) },
    { name: 'bot-apis with platform fetch, validation on, timeout: 0', call: () => oursNoTimeout.postTextbotsBotsExecute({ body: executeBody }) },
    { name: 'bot-apis with platform fetch, validation off', call: () => oursNoValidate.postTextbotsBotsExecute({ body: executeBody }) },
    { name: 'bot-apis in Node (default node:http transport), validation on', call: () => node.postTextbotsBotsExecute({ body: executeBody }) },
    { name: 'bot-apis in Node (default node:http transport), validation on, timeout: 0', call: () => nodeNoTimeout.postTextbotsBotsExecute({ body: executeBody }) },
  ];
  if (withVendor) {
    const platform = require('purecloud-platform-client-v2');
    const platformClient = platform.ApiClient.instance;
    platformClient.config.basePath = base;
    platformClient.setAccessToken(token);
    const vendorTextbots = new platform.TextbotsApi();
    variants.push({ name: `purecloud-platform-client-v2 ${version('purecloud-platform-client-v2')}`, call: () => vendorTextbots.postTextbotsBotsExecute(executeBody) });
  }
  return variants;
}

async function guestVariants(base: string): Promise<Variant[]> {
  const path = { conversationId: 'conv-1', memberId: 'mem-1' };
  const url = `${base}/api/v2/webchat/guest/conversations/conv-1/members/mem-1/messages`;
  const bare = bareNodeHttp();
  const plain = createClient<WebChatPaths>({ baseUrl: base, headers: { Authorization: `Bearer ${jwt}` } });
  const orval = await orvalClient('webchat', base);
  const hey = await heyClient('webchat', 'hey', base, jwt);
  const heyValibot = await heyClient('webchat', 'hey-valibot', base, jwt);
  const guest = createGuestChatClient({ baseUrl: base, auth: { guestJwt: jwt } });
  const guestNoTimeout = createGuestChatClient({ baseUrl: base, auth: { guestJwt: jwt }, timeout: 0 });
  const guestNoValidate = createGuestChatClient({ baseUrl: base, auth: { guestJwt: jwt }, validate: false });
  const guestNode = createNodeGuestChatClient({ baseUrl: base, auth: { guestJwt: jwt } });
  const guestSdk = require('purecloud-guest-chat-client');
  const guestClient = guestSdk.ApiClient.instance;
  guestClient.config.basePath = base;
  guestClient.setJwt(jwt);
  const vendorGuest = new guestSdk.WebChatApi();
  const body = { body: 'Hello' };
  return [
    { name: RAW_FETCH, call: async () => (await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json() },
    { name: BARE, call: () => bare('POST', url, { Authorization: `Bearer ${jwt}` }, body) },
    { name: `openapi-fetch ${version('openapi-fetch')} as is`, call: () => plain.POST('/api/v2/webchat/guest/conversations/{conversationId}/members/{memberId}/messages', { params: { path }, body }) },
    { name: `orval ${version('orval')} fetch client`, call: () => orval.postWebchatGuestConversationMemberMessages!('conv-1', 'mem-1', body, { headers: { Authorization: `Bearer ${jwt}` } }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK (fetch client)`, call: () => hey.sdk.postWebchatGuestConversationMemberMessages!({ client: hey.client, path, body }) },
    { name: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')} SDK + valibot (requests and responses)`, call: () => heyValibot.sdk.postWebchatGuestConversationMemberMessages!({ client: heyValibot.client, path, body }) },
    { name: 'bot-apis with platform fetch, validation on', call: () => guest.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: 'bot-apis with platform fetch, validation on, timeout: 0', call: () => guestNoTimeout.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: 'bot-apis with platform fetch, validation off', call: () => guestNoValidate.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: 'bot-apis in Node (default node:http transport), validation on', call: () => guestNode.postWebchatGuestConversationMemberMessages({ params: { path }, body }) },
    { name: `purecloud-guest-chat-client ${version('purecloud-guest-chat-client')}`, call: () => vendorGuest.postWebchatGuestConversationMemberMessages('conv-1', 'mem-1', body) },
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
