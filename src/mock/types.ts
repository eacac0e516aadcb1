/**
 * Public types of the embedded mock server (`bot-apis/mock`).
 * The shapes of MockOptions, MockServer, FaultRule and MockFixtures are a contract with the typed
 * clients and their tests; fields may be added, never renamed.
 */

/** Options of {@link startMockServer}. Every field is optional. */
export interface MockOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Fault rules active from the start; change them later with `server.faults.set()`. @default [] */
  faults?: FaultRule[];
  /**
   * Delay before the simulated agent joins a routed guest chat and before it answers each guest message
   * (it shows a typing indicator halfway). @default 50
   */
  agentReplyDelayMs?: number;
  /**
   * Route new guest chats to the simulated agent at once. By default a chat is routed, as on the real
   * service, only once an event stream (`eventStreamUri`) is connected: an agent never joins a chat that
   * nobody listens to. Set this for tests that only poll the messages API. @default false
   */
  routeWithoutEventStream?: boolean;
  /** Interval of the `channel.metadata` heartbeat frame on every open event stream. @default 30000 */
  eventStreamHeartbeatMs?: number;
  /** Lifetime of tokens issued by `POST /oauth/token` (may be fractional; `expires_in` is rounded up). @default 3600 */
  tokenTtlSeconds?: number;
  /** Largest request body accepted; a bigger one gets 413. @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
  /** Caps on what the mock keeps in memory; the oldest entries are evicted first. */
  limits?: Partial<MockLimits>;
}

/** Memory caps. Deployments are not evicted: the vendor's own cap (25) answers 409 instead. */
export interface MockLimits {
  /** @default 1000 */
  botSessions: number;
  /** @default 1000 */
  conversations: number;
  /** Per conversation. @default 500 */
  messagesPerConversation: number;
  /** @default 5000 */
  botMessages: number;
  /** Issued OAuth tokens. @default 10000 */
  tokens: number;
}

/** A running mock server. */
export interface MockServer {
  /** Origin, e.g. `http://127.0.0.1:43210` (no trailing slash). */
  url: string;
  /** Base URLs per service: Genesys API host, myKaarma (`{url}/communications`) and the OAuth login host. */
  urls: { genesys: string; mykaarma: string; login: string };
  /** The seeded data and credentials. */
  fixtures: MockFixtures;
  /** Replace or clear the active fault rules (their counters restart). */
  faults: { set(rules: FaultRule[]): void; clear(): void };
  /**
   * Requests received per operationId (plus `oauthToken`, `preflight` and `unknown`); without an argument,
   * all of them. Counts every request that reached the server, including refused and faulted ones.
   */
  requestCount(operationId?: string): number;
  resetCounts(): void;
  /**
   * The simulated agent says `text` in a guest chat now (a `message` frame on its event streams and an
   * entry in its history). Throws when the conversation is unknown or over, or no agent has joined it
   * yet (a chat is routed once an event stream is connected, unless `routeWithoutEventStream`).
   */
  agentSays(conversationId: string, text: string): { id: string; timestamp: string };
  /** Stops listening, ends open connections and the simulated agent's timers. */
  close(): Promise<void>;
}

/**
 * One injected fault. Rules are checked in order for every request whose operation matches;
 * latency rules add up, and the first rate-limit, status or drop rule that fires decides the outcome.
 */
export interface FaultRule {
  /**
   * An operationId (`sendBotMessage`, `oauthToken`, …), `receiveGuestChatEvents` for the guest event
   * stream (the AsyncAPI document's operation; `drop-stream` only), or `*` for every request.
   */
  operationId: string | '*';
  /** `drop-stream`: the mock drops event streams (a close frame with `closeCode`, or a TCP `reset`). */
  kind: 'rate-limit' | 'status' | 'latency' | 'drop' | 'drop-stream';
  /**
   * rate-limit: requests allowed per window before 429. The window closes when the block
   * (`retryAfterSeconds`) has passed, so a client that honours Retry-After gets through again.
   * drop-stream: frames a stream carries before it is dropped (counted per stream; 0 drops it as soon
   * as it is accepted).
   * @default 0
   */
  after?: number;
  /** rate-limit (and status 429): the Retry-After value in seconds; 0 is allowed. @default 1 */
  retryAfterSeconds?: number;
  /** status: the HTTP status to answer, in the vendor's error shape (e.g. 500, 502, 503, 504). @default 503 */
  status?: number;
  /** status, drop, latency, rate-limit: how many requests are hit; drop-stream: how many streams are dropped; then the rule stops. @default forever */
  times?: number;
  /** drop-stream: the close code the mock sends (1000-1003, 1007-1014, 3000-4999). @default 1001 (going away) */
  closeCode?: number;
  /** drop-stream: reset the TCP connection instead of closing the stream (no close frame; the client sees 1006). @default false */
  reset?: boolean;
  /** latency: delay before the request is handled. @default 0 */
  ms?: number;
}

/** The seeded data and the mock's own credentials (not secrets: they only open this mock). */
export interface MockFixtures {
  oauth: {
    /** Client with scopes `textbots` and `web-chat`. */
    clientId: string;
    clientSecret: string;
    /** Client with scope `web-chat:readonly`. */
    readonlyClientId: string;
    readonlyClientSecret: string;
    /** Client with scope `textbots` only. */
    textbotsOnlyClientId: string;
    textbotsOnlyClientSecret: string;
    /** Pre-issued token with all scopes, valid for the server's lifetime. */
    accessToken: string;
    /** Pre-issued token with `web-chat:readonly`, valid for the server's lifetime. */
    readonlyAccessToken: string;
  };
  textbots: {
    botId: string;
    integrationId: string;
    /** The only language of `botId`. */
    languageCode: string;
    /** A bot that speaks only `otherLanguageCode`, on a second integration. */
    otherLanguageBotId: string;
    otherLanguageIntegrationId: string;
    otherLanguageCode: string;
  };
  webchat: {
    organizationId: string;
    /** Enabled, anonymous guests allowed. */
    deploymentId: string;
    /** The queue name to use as `routingTarget.targetAddress`. */
    queueName: string;
    disabledDeploymentId: string;
    authRequiredDeploymentId: string;
  };
  botmessage: {
    departmentUUID: string;
    userUUID: string;
    /** Basic credentials holding the bot-message scope for `departmentUUID`. */
    username: string;
    password: string;
    /** The user's phone, a valid US number. */
    userPhone: string;
    /** Valid credentials without the scope for `departmentUUID`. */
    unauthorizedUsername: string;
    unauthorizedPassword: string;
  };
}
