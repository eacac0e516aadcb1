// `bot-apis/webchat` under Node: the same module, with the node:http transport as the default fetch.
import { createGuestChatClient as createGuest, createWebChatClient as create, type GuestChatClient, type WebChatClient, type WebChatClientOptions } from '../webchat.js';
import WebSocket from 'ws';
import type { WebSocketConstructor } from '../guest-events.js';
import { nodeFetch } from './fetch.js';

// Node 20 has no global WebSocket: `chat.events()` uses the `ws` package here.
const webSocket = WebSocket as unknown as WebSocketConstructor;

export * from '../webchat.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';

export function createWebChatClient(options: WebChatClientOptions = {}): WebChatClient {
  return create({ fetch: nodeFetch, webSocket, ...options });
}

export function createGuestChatClient(options: WebChatClientOptions = {}): GuestChatClient {
  return createGuest({ fetch: nodeFetch, webSocket, ...options });
}
