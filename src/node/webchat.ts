// `bot-apis/webchat` under Node: the same module, with the node:http transport as the default fetch.
import { createGuestChatClient as createGuest, createWebChatClient as create, type AuthWithoutGuestJwt, type GuestChatClient, type WebChatClient, type WebChatClientOptions } from '../webchat.js';
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

/**
 * A client for all 19 WebChat operations; under Node its default `fetch` is {@link nodeFetch} and
 * `chat.events()` uses the `ws` package.
 *
 * @example
 * const webchat = createWebChatClient({ region: 'mypurecloud.ie', auth: clientCredentials({ clientId, clientSecret, region: 'mypurecloud.ie' }) });
 * const { entities } = await webchat.getWebchatDeployments();
 */
export function createWebChatClient(options?: WebChatClientOptions & { auth?: AuthWithoutGuestJwt }): WebChatClient<false>;
/**
 * A client for all 19 WebChat operations; under Node its default `fetch` is {@link nodeFetch} and
 * `chat.events()` uses the `ws` package.
 *
 * @example
 * const webchat = createWebChatClient({ region: 'mypurecloud.ie', auth: clientCredentials({ clientId, clientSecret, region: 'mypurecloud.ie' }) });
 * const { entities } = await webchat.getWebchatDeployments();
 */
export function createWebChatClient(options?: WebChatClientOptions): WebChatClient;
export function createWebChatClient(options: WebChatClientOptions = {}): WebChatClient<boolean> {
  return create({ fetch: nodeFetch, webSocket, ...options });
}

/**
 * A client for the guest operations only; under Node its default `fetch` is {@link nodeFetch}.
 *
 * @example
 * const guest = createGuestChatClient({ region: 'mypurecloud.com' });
 * const chat = await guest.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
 */
export function createGuestChatClient(options?: WebChatClientOptions & { auth?: AuthWithoutGuestJwt }): GuestChatClient<false>;
/**
 * A client for the guest operations only; under Node its default `fetch` is {@link nodeFetch}.
 *
 * @example
 * const guest = createGuestChatClient({ region: 'mypurecloud.com' });
 * const chat = await guest.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
 */
export function createGuestChatClient(options?: WebChatClientOptions): GuestChatClient;
export function createGuestChatClient(options: WebChatClientOptions = {}): GuestChatClient<boolean> {
  return createGuest({ fetch: nodeFetch, webSocket, ...options });
}
