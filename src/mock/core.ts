/**
 * The mock's core: the state of one mock (stores, tokens, faults, the simulated agent) and the
 * pipeline over it, as a function from a `MockExchange` to a `MockAnswer`. No sockets and no `node:`
 * import: the node:http server (server.ts), `mock.fetch` and the MSW handlers (fetch.ts, msw.ts) are
 * adapters over it, and it runs in a browser page as it runs in Node.
 */
import { OPERATIONS } from './apis.js';
import { GuestJwt } from './auth/guest-jwt.js';
import { TokenStore } from './auth/oauth.js';
import { botMessageHandlers } from './botmessage/handlers.js';
import { loadPhoneNumbers, type PhoneNumbers } from './botmessage/phone.js';
import type { MockAnswer, MockExchange } from './exchange.js';
import { FaultEngine } from './faults.js';
import { FIXTURES } from './fixtures.js';
import { handle, type Runtime } from './pipeline.js';
import { Router } from './router.js';
import { textbotsHandlers } from './textbots/handlers.js';
import type { MockFixtures, MockLimits, MockOptions, MockServer } from './types.js';
import { SimulatedAgent } from './webchat/agent.js';
import { ConversationStore, type EventFrame } from './webchat/conversations.js';
import { DeploymentStore, deploymentHandlers } from './webchat/deployments.js';
import { guestHandlers } from './webchat/guest.js';
import { mediaHandlers } from './webchat/media.js';

const DEFAULT_LIMITS: MockLimits = { botSessions: 1000, conversations: 1000, messagesPerConversation: 500, botMessages: 5000, tokens: 10_000 };

/** Where an event-stream adapter plugs in: frames of a conversation, and its end (eviction). */
export interface EventSink {
  publish(conversationId: string, frame: EventFrame): void;
  end(conversationId: string, reason: string): void;
}

/** What the mock's users control, whichever way they reach it. */
export type MockControls = Pick<MockServer, 'fixtures' | 'faults' | 'requestCount' | 'resetCounts' | 'agentSays'>;

/** What every way into the mock (server, `mock.fetch`, MSW handlers) hands its user to steer the core. */
export function controlsOf({ fixtures, faults, requestCount, resetCounts, agentSays }: MockCore): MockControls {
  return { fixtures, faults, requestCount, resetCounts, agentSays };
}

export interface MockCore extends MockControls {
  /** Answers one request. Never rejects: every failure is an answer in the vendor's shape. */
  handle(req: MockExchange): Promise<MockAnswer>;
  /** The state an event-stream adapter needs. */
  readonly state: { jwt: GuestJwt; conversations: ConversationStore; agent: SimulatedAgent; faults: FaultEngine; counts: Map<string, number> };
  /** Sends frames and ends to `sink` (one at a time: the adapter that owns the event stream). */
  attachEvents(sink: EventSink): void;
  /** The origin the answers name (`eventStreamUri` on its ws: twin): known to a server only once it listens. */
  setOrigin(httpOrigin: string): void;
  /** Stops the simulated agent's timers and cuts latency waits short. */
  stop(): void;
}

/**
 * Builds one mock's state and pipeline.
 * @example
 * const core = await createMockCore({ agentReplyDelayMs: 10 });
 * const answer = await core.handle(exchange);
 */
export interface MockCoreOptions extends Omit<MockOptions, 'port' | 'host'> {
  /** Load libphonenumber-js on the first bot message rather than now (the caller checked it is installed). @default false */
  lazyPhoneNumbers?: boolean;
}

export async function createMockCore(options: MockCoreOptions = {}): Promise<MockCore> {
  const limits: MockLimits = { ...DEFAULT_LIMITS, ...options.limits };
  let loading: Promise<PhoneNumbers> | undefined;
  const phones = () => (loading ??= loadPhoneNumbers());
  // The in-process mock fails at once, naming the install command, when the optional peer is missing;
  // the server checks the same before it listens and loads the rules on first use (start-up time).
  if (!options.lazyPhoneNumbers) await phones();

  const sleeping = new Set<{ timer: ReturnType<typeof setTimeout>; done: () => void }>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (sleeping.delete(entry), resolve()), ms), done: resolve };
      sleeping.add(entry);
    });

  let sink: EventSink | undefined;
  const faults = new FaultEngine(options.faults ?? []);
  const counts = new Map<string, number>();
  const conversations = new ConversationStore(
    limits.conversations,
    limits.messagesPerConversation,
    (id, frame) => sink?.publish(id, frame),
    (id) => sink?.end(id, `The conversation was evicted: the mock keeps the ${limits.conversations} newest.`),
  );
  const agent = new SimulatedAgent(conversations, options.agentReplyDelayMs ?? 50, options.routeWithoutEventStream ?? false);
  const jwt = new GuestJwt();
  const deployments = new DeploymentStore();
  const tokens = new TokenStore(limits.tokens, options.tokenTtlSeconds ?? 3600, [
    [FIXTURES.oauth.accessToken, ['textbots', 'web-chat']],
    [FIXTURES.oauth.readonlyAccessToken, ['web-chat:readonly']],
  ]);
  let wsOrigin = '';

  const runtime: Runtime = {
    router: new Router(OPERATIONS),
    handlers: {
      ...textbotsHandlers({ maxSessions: limits.botSessions }),
      ...deploymentHandlers(deployments),
      ...guestHandlers({ conversations, deployments, agent, jwt, get wsOrigin() { return wsOrigin; } }),
      ...mediaHandlers(conversations),
      ...botMessageHandlers({ maxMessages: limits.botMessages, phones }),
    },
    faults,
    counts,
    tokens,
    jwt,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    sleep,
  };

  return {
    handle: (req) => handle(runtime, req),
    state: { jwt, conversations, agent, faults, counts },
    attachEvents: (events) => void (sink = events),
    setOrigin: (httpOrigin) => void (wsOrigin = httpOrigin.replace(/^http/, 'ws')),
    fixtures: structuredClone(FIXTURES) as MockFixtures,
    faults: { set: (rules) => faults.set(rules), clear: () => faults.clear() },
    requestCount(operationId?: string): number {
      if (operationId !== undefined) return counts.get(operationId) ?? 0;
      let total = 0;
      for (const n of counts.values()) total += n;
      return total;
    },
    resetCounts: () => counts.clear(),
    agentSays(conversationId: string, text: string) {
      const c = conversations.get(conversationId);
      if (!c) throw new Error(`no conversation ${conversationId}`);
      const { id, timestamp } = agent.say(c, text);
      return { id, timestamp };
    },
    stop() {
      conversations.stopAll();
      for (const s of sleeping) {
        clearTimeout(s.timer);
        s.done();
      }
      sleeping.clear();
    },
  };
}
