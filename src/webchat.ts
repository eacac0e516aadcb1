/**
 * `bot-apis/webchat`: Genesys Cloud WebChat — deployments and settings (OAuth) and the guest chat API
 * (guest JWT; creating a conversation is anonymous). All 19 operations are deprecated by Genesys.
 */
import type { CreateWebChatConversationRequest, paths } from '../generated/webchat/schema.js';
import { loadResponseValidators, operations, server, type OperationRoutes } from '../generated/webchat/operations.js';
import type { GenesysAuth } from './core/auth.js';
import { createApiClient, createMethods, type ApiClientParts, type OperationMethods } from './core/client.js';
import { genesysBaseUrl, resolveCommon, type CallOptions, type CommonClientOptions, type GenesysRegion, type ResolvedCommon } from './core/options.js';
import type { OperationDef } from './core/operation.js';
import { GuestChat } from './guest-chat.js';
import type { WebSocketConstructor } from './guest-events.js';
import { GUEST_OPERATIONS, type GuestOperationId, type GuestOperations } from './webchat-guest-ops.js';

export type * from '../generated/webchat/models.js';
export type * from '../generated/webchat-events/events.js';
export type { paths as WebChatPaths } from '../generated/webchat/schema.js';
export { GuestChat, type MessagesOptions, type MembersOptions } from './guest-chat.js';
export type { EventsOptions, WebSocketConstructor, WebSocketLike } from './guest-events.js';
export type { EventFrame, GuestChatEvent, UnknownEvent } from './guest-event-frames.js';
export * from './core/public.js';

export interface WebChatClientOptions extends CommonClientOptions<GenesysAuth> {
  /** Genesys region domain. @default 'mypurecloud.com' */
  region?: GenesysRegion;
  /** The WebSocket class for `chat.events()`. @default the platform `WebSocket` (under Node: the `ws` package) */
  webSocket?: WebSocketConstructor;
}

interface GuestStarter {
  /** Creates a guest conversation (anonymously) and returns a {@link GuestChat} bound to its JWT. */
  startGuestChat(request: CreateWebChatConversationRequest, options?: CallOptions): Promise<GuestChat>;
}

export type WebChatClient = ApiClientParts<paths> & OperationMethods<OperationRoutes> & GuestStarter;
/** The guest operations and `startGuestChat`; no `raw` (use {@link createWebChatClient} for that). */
export type GuestChatClient = GuestOperations & GuestStarter;

function resolve(options: WebChatClientOptions): ResolvedCommon<GenesysAuth> {
  return resolveCommon(options, options.baseUrl ? '' : genesysBaseUrl(options.region, server.variables.domain.enum));
}

function withGuestStarter<T extends { postWebchatGuestConversations: GuestOperations['postWebchatGuestConversations'] }>(client: T, resolved: ResolvedCommon<GenesysAuth>, webSocket: WebSocketConstructor | undefined): T & GuestStarter {
  return Object.assign(client, {
    async startGuestChat(request: CreateWebChatConversationRequest, options?: CallOptions) {
      const created = await client.postWebchatGuestConversations({ body: request, ...options });
      const bound = createMethods<Pick<OperationRoutes, GuestOperationId>>(GUEST_OPERATIONS as readonly OperationDef[], { ...resolved, auth: { ...resolved.auth, guestJwt: created.jwt } }, loadResponseValidators);
      return new GuestChat(bound, created, webSocket);
    },
  });
}

/**
 * A client for all 19 WebChat operations.
 *
 * @example
 * const webchat = createWebChatClient({ region: 'mypurecloud.ie', auth: clientCredentials({ clientId, clientSecret, region: 'mypurecloud.ie' }) });
 * const { entities } = await webchat.getWebchatDeployments();
 */
export function createWebChatClient(options: WebChatClientOptions = {}): WebChatClient {
  const resolved = resolve(options);
  const client = createApiClient<paths, OperationRoutes>(Object.values(operations) as OperationDef[], resolved, loadResponseValidators);
  return withGuestStarter(client, resolved, options.webSocket);
}

/**
 * A client for the guest operations only: what a browser chat widget needs, and all it bundles
 * (no `raw`, so openapi-fetch's client is not bundled either).
 *
 * @example
 * const guest = createGuestChatClient({ baseUrl: 'https://api.mypurecloud.com' });
 * const chat = await guest.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
 */
export function createGuestChatClient(options: WebChatClientOptions = {}): GuestChatClient {
  const resolved = resolve(options);
  const client = createMethods<Pick<OperationRoutes, GuestOperationId>>(GUEST_OPERATIONS as readonly OperationDef[], resolved, loadResponseValidators);
  return withGuestStarter(client, resolved, options.webSocket);
}
