/**
 * `bot-apis/webchat`: Genesys Cloud WebChat — deployments and settings (OAuth) and the guest chat API
 * (guest JWT; creating a conversation is anonymous). All 19 operations are deprecated by Genesys.
 */
import type { CreateWebChatConversationRequest, paths } from '../generated/webchat/schema.js';
import { loadResponseValidators, operations, server, type OperationRoutes, type WebChatMethods } from '../generated/webchat/operations.js';
import type { GenesysAuth } from './core/auth.js';
import { createApiClient, createMethods, type ApiClientParts } from './core/client.js';
import { genesysBaseUrl, resolveCommon, type CallOptions, type CommonClientOptions, type GenesysRegion, type ResolvedCommon } from './core/options.js';
import type { OperationDef } from './core/operation.js';
import { GuestChat } from './guest-chat.js';
import type { WebSocketConstructor } from './guest-events.js';
import { GUEST_OPERATIONS, type GuestOperationId, type GuestOperations } from './webchat-guest-ops.js';

export type * from '../generated/webchat/models.js';
export type * from '../generated/webchat-events/events.js';
export type { paths as WebChatPaths } from '../generated/webchat/schema.js';
export type { WebChatMethods } from '../generated/webchat/operations.js';
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

/**
 * What a guest operation (one that sends the guest JWT) is on a client whose `auth` has no `guestJwt`:
 * calling it is a compile error whose message says what to do.
 */
export type NeedsGuestJwt = (fix: 'this guest operation needs a guest JWT: use startGuestChat(), or create the client with auth: { guestJwt }') => never;

/** The guest operations that send the guest JWT (creating a conversation is anonymous). */
type JwtOperationId = Exclude<GuestOperationId, 'postWebchatGuestConversations'>;

type GuestOperationsBlocked<Methods> = { [K in keyof Methods]: K extends JwtOperationId ? NeedsGuestJwt : Methods[K] };

/**
 * `Methods` as a client has them: without a guest JWT, the JWT operations become {@link NeedsGuestJwt}.
 * Mapped over the keys of `Methods` (homomorphic), so each keeps its doc comment and go-to-definition.
 */
export type WithGuestAccess<Methods, HasGuestJwt extends boolean> = HasGuestJwt extends true ? Methods : GuestOperationsBlocked<Methods>;

/** Credentials that certainly hold no guest JWT: a client made with them has no usable guest operations. */
export type AuthWithoutGuestJwt = Omit<GenesysAuth, 'guestJwt'> & { guestJwt?: undefined };

/**
 * `raw` (openapi-fetch), one documented method per operation (see {@link WebChatMethods}) and
 * `startGuestChat`. `HasGuestJwt` is false for a client made without a guest JWT in its `auth`
 * (as far as the types can tell): then the guest operations are compile errors.
 */
export type WebChatClient<HasGuestJwt extends boolean = true> = ApiClientParts<paths> & WithGuestAccess<WebChatMethods, HasGuestJwt> & GuestStarter;
/** The guest operations and `startGuestChat`; no `raw` (use {@link createWebChatClient} for that). */
export type GuestChatClient<HasGuestJwt extends boolean = true> = WithGuestAccess<Pick<WebChatMethods, GuestOperationId>, HasGuestJwt> & GuestStarter;

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
export function createWebChatClient(options?: WebChatClientOptions & { auth?: AuthWithoutGuestJwt }): WebChatClient<false>;
/**
 * A client for all 19 WebChat operations.
 *
 * @example
 * const webchat = createWebChatClient({ region: 'mypurecloud.ie', auth: clientCredentials({ clientId, clientSecret, region: 'mypurecloud.ie' }) });
 * const { entities } = await webchat.getWebchatDeployments();
 */
export function createWebChatClient(options?: WebChatClientOptions): WebChatClient;
export function createWebChatClient(options: WebChatClientOptions = {}): WebChatClient<boolean> {
  const resolved = resolve(options);
  const client = createApiClient<paths, OperationRoutes>(Object.values(operations) as OperationDef[], resolved, loadResponseValidators);
  // The generated WebChatMethods declares the same signatures as OperationMethods<OperationRoutes> (test/types).
  return withGuestStarter(client, resolved, options.webSocket) as unknown as WebChatClient;
}

/**
 * A client for the guest operations only: what a browser chat widget needs, and all it bundles
 * (no `raw`, so openapi-fetch's client is not bundled either).
 *
 * @example
 * const guest = createGuestChatClient({ baseUrl: 'https://api.mypurecloud.com' });
 * const chat = await guest.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
 */
export function createGuestChatClient(options?: WebChatClientOptions & { auth?: AuthWithoutGuestJwt }): GuestChatClient<false>;
/**
 * A client for the guest operations only: what a browser chat widget needs, and all it bundles
 * (no `raw`, so openapi-fetch's client is not bundled either).
 *
 * @example
 * const guest = createGuestChatClient({ baseUrl: 'https://api.mypurecloud.com' });
 * const chat = await guest.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
 */
export function createGuestChatClient(options?: WebChatClientOptions): GuestChatClient;
export function createGuestChatClient(options: WebChatClientOptions = {}): GuestChatClient<boolean> {
  const resolved = resolve(options);
  const client = createMethods<Pick<OperationRoutes, GuestOperationId>>(GUEST_OPERATIONS as readonly OperationDef[], resolved, loadResponseValidators);
  return withGuestStarter(client, resolved, options.webSocket) as unknown as GuestChatClient;
}
