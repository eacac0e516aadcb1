/**
 * Client throughput: the same calls through raw fetch, openapi-fetch as is, our methods (validation on
 * and off) and the vendors' SDKs, against one local HTTP server on loopback, in one run.
 *   npm run bench -- client
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import createClient from 'openapi-fetch';
import type { paths as TextbotsPaths } from '../generated/textbots/schema.js';
import type { paths as WebChatPaths } from '../generated/webchat/schema.js';
import { createGuestChatClient, createTextbotsClient } from '../src/index.js';
import { createGuestChatClient as createNodeGuestChatClient, createTextbotsClient as createNodeTextbotsClient } from '../src/node/index.js';
import { compare, table } from './lib.js';
import { bareNodeHttp } from './bare-node-http.js';
import { startEchoServer } from './echo-server.js';

const require = createRequire(import.meta.url);

/** Starts bench/echo-server.ts in a child process; the cost measured is the client's alone. */
function startServer(): Promise<{ port: number; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./echo-server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ port: m.port, stop: () => child.kill() }));
    child.once('error', reject);
  });
}

export async function benchClient(opts = { rounds: 5, ms: 1500, concurrency: 8, warmupMs: 1000 }): Promise<string> {
  const server = await startServer();
  const base = `http://127.0.0.1:${server.port}`;
  const token = 'bench-token';
  const executeBody = { botId: 'b1', integrationId: 'i1', botSessionId: '6f1c0d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', postTextMessage: { type: 'Text' as const, text: 'I want to book a service appointment' }, languageCode: 'en-us' };

  const bare = bareNodeHttp();
  const ours = createTextbotsClient({ baseUrl: base, auth: { accessToken: token } });
  const oursNode = createNodeTextbotsClient({ baseUrl: base, auth: { accessToken: token } });
  const oursNoValidate = createTextbotsClient({ baseUrl: base, auth: { accessToken: token }, validate: false });
  const plain = createClient<TextbotsPaths>({ baseUrl: base, headers: { Authorization: `Bearer ${token}` } });
  const platform = require('purecloud-platform-client-v2');
  const platformClient = platform.ApiClient.instance;
  platformClient.config.basePath = base;
  platformClient.setAccessToken(token);
  const vendorTextbots = new platform.TextbotsApi();

  const textbots = await compare(
    [
      { name: 'raw fetch', call: async () => (await fetch(`${base}/api/v2/textbots/bots/execute`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(executeBody) })).json() },
      { name: 'bare node:http (keep-alive agent, JSON in and out)', call: () => bare('POST', `${base}/api/v2/textbots/bots/execute`, { Authorization: `Bearer ${token}` }, executeBody) },
      { name: 'openapi-fetch as is', call: () => plain.POST('/api/v2/textbots/bots/execute', { body: executeBody }) },
      { name: 'bot-apis with platform fetch, validation on', call: () => ours.postTextbotsBotsExecute({ body: executeBody }) },
      { name: 'bot-apis with platform fetch, validation off', call: () => oursNoValidate.postTextbotsBotsExecute({ body: executeBody }) },
      { name: 'bot-apis in Node (default node:http transport), validation on', call: () => oursNode.postTextbotsBotsExecute({ body: executeBody }) },
      { name: 'purecloud-platform-client-v2 252.0.0', call: () => vendorTextbots.postTextbotsBotsExecute(executeBody) },
    ],
    opts,
  );

  const jwt = 'bench.guest.jwt';
  const path = { conversationId: 'conv-1', memberId: 'mem-1' };
  const guest = createGuestChatClient({ baseUrl: base, auth: { guestJwt: jwt } });
  const guestNoValidate = createGuestChatClient({ baseUrl: base, auth: { guestJwt: jwt }, validate: false });
  const guestNode = createNodeGuestChatClient({ baseUrl: base, auth: { guestJwt: jwt } });
  const plainGuest = createClient<WebChatPaths>({ baseUrl: base, headers: { Authorization: `Bearer ${jwt}` } });
  const guestSdk = require('purecloud-guest-chat-client');
  const guestClient = guestSdk.ApiClient.instance;
  guestClient.config.basePath = base;
  guestClient.setJwt(jwt);
  const vendorGuest = new guestSdk.WebChatApi();
  const messageUrl = `${base}/api/v2/webchat/guest/conversations/conv-1/members/mem-1/messages`;
  const guestRows = await compare(
    [
      { name: 'raw fetch', call: async () => (await fetch(messageUrl, { method: 'POST', headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ body: 'Hello' }) })).json() },
      { name: 'bare node:http (keep-alive agent, JSON in and out)', call: () => bare('POST', messageUrl, { Authorization: `Bearer ${jwt}` }, { body: 'Hello' }) },
      { name: 'openapi-fetch as is', call: () => plainGuest.POST('/api/v2/webchat/guest/conversations/{conversationId}/members/{memberId}/messages', { params: { path }, body: { body: 'Hello' } }) },
      { name: 'bot-apis with platform fetch, validation on', call: () => guest.postWebchatGuestConversationMemberMessages({ params: { path }, body: { body: 'Hello' } }) },
      { name: 'bot-apis with platform fetch, validation off', call: () => guestNoValidate.postWebchatGuestConversationMemberMessages({ params: { path }, body: { body: 'Hello' } }) },
      { name: 'bot-apis in Node (default node:http transport), validation on', call: () => guestNode.postWebchatGuestConversationMemberMessages({ params: { path }, body: { body: 'Hello' } }) },
      { name: 'purecloud-guest-chat-client 13.2.0', call: () => vendorGuest.postWebchatGuestConversationMemberMessages('conv-1', 'mem-1', { body: 'Hello' }) },
    ],
    opts,
  );
  server.stop();

  // The same Node rows with the server in this process: client and server share one event loop.
  const local = await startEchoServer();
  const localBase = `http://127.0.0.1:${local.port}`;
  const localOurs = createNodeTextbotsClient({ baseUrl: localBase, auth: { accessToken: token } });
  const localBare = bareNodeHttp();
  const inProcess = await compare(
    [
      { name: 'bare node:http (keep-alive agent, JSON in and out)', call: () => localBare('POST', `${localBase}/api/v2/textbots/bots/execute`, { Authorization: `Bearer ${token}` }, executeBody) },
      { name: 'bot-apis in Node (default node:http transport), validation on', call: () => localOurs.postTextbotsBotsExecute({ body: executeBody }) },
    ],
    opts,
  );
  local.close();
  return [
    table(`POST /api/v2/textbots/bots/execute, ${opts.concurrency} concurrent callers, ${opts.rounds} interleaved rounds of ${opts.ms} ms`, textbots),
    '',
    table(`POST guest message, ${opts.concurrency} concurrent callers, ${opts.rounds} interleaved rounds of ${opts.ms} ms`, guestRows),
    '',
    table(`POST /api/v2/textbots/bots/execute with the server in the same process, ${opts.concurrency} concurrent callers, ${opts.rounds} interleaved rounds of ${opts.ms} ms`, inProcess, 'vs bare node:http'),
  ].join('\n');
}
