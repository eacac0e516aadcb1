// `bot-apis/webchat` under Node: the same module, with the node:http transport as the default fetch.
import { createGuestChatClient as createGuest, createWebChatClient as create, type GuestChatClient, type WebChatClient, type WebChatClientOptions } from '../webchat.js';
import { nodeFetch } from './fetch.js';

export * from '../webchat.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';

export function createWebChatClient(options: WebChatClientOptions = {}): WebChatClient {
  return create({ fetch: nodeFetch, ...options });
}

export function createGuestChatClient(options: WebChatClientOptions = {}): GuestChatClient {
  return createGuest({ fetch: nodeFetch, ...options });
}
