// `bot-apis/webchat` under Node: the same module, with the node:http transport as the default fetch.
import { createGuestChatClient as createGuest, createWebChatClient as create, type GuestChatClient, type WebChatClient, type WebChatClientOptions } from '../webchat.js';
import { createRequire } from 'node:module';
import type { WebSocketConstructor, WebSocketLike } from '../guest-events.js';
import { nodeFetch } from './fetch.js';

const require = createRequire(import.meta.url);

/**
 * Node 20 has no global WebSocket: `chat.events()` uses the `ws` package here. It is required on the
 * first connection, not at import: loading it costs about 20 ms, which every other call would pay.
 */
const webSocket = class {
  constructor(url: string) {
    const WebSocket = require('ws') as new (url: string) => WebSocketLike;
    return new WebSocket(url);
  }
} as unknown as WebSocketConstructor;

export * from '../webchat.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';

export function createWebChatClient(options: WebChatClientOptions = {}): WebChatClient {
  return create({ fetch: nodeFetch, webSocket, ...options });
}

export function createGuestChatClient(options: WebChatClientOptions = {}): GuestChatClient {
  return createGuest({ fetch: nodeFetch, webSocket, ...options });
}
