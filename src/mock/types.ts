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
  /** Delay before the simulated agent joins a new guest chat and before it answers each guest message. @default 50 */
  agentReplyDelayMs?: number;
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
  /** Stops listening, ends open connections and the simulated agent's timers. */
  close(): Promise<void>;
}

/**
 * One injected fault. Rules are checked in order for every request whose operation matches;
 * latency rules add up, and the first rate-limit, status or drop rule that fires decides the outcome.
 */
export interface FaultRule {
  /** An operationId (`sendBotMessage`, `oauthToken`, …) or `*` for every request. */
  operationId: string | '*';
  kind: 'rate-limit' | 'status' | 'latency' | 'drop';
  /**
   * rate-limit: requests allowed per window before 429. The window closes when the block
   * (`retryAfterSeconds`) has passed, so a client that honours Retry-After gets through again.
   * @default 0
   */
  after?: number;
  /** rate-limit (and status 429): the Retry-After value in seconds; 0 is allowed. @default 1 */
  retryAfterSeconds?: number;
  /** status: the HTTP status to answer, in the vendor's error shape (e.g. 500, 502, 503, 504). @default 503 */
  status?: number;
  /** status, drop, latency, rate-limit: how many requests are hit, then the rule stops. @default forever */
  times?: number;
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
