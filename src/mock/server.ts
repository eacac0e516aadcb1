/**
 * startMockServer(): one plain node:http server on one port for all three services, with per-server
 * state (so parallel test files never share data) and validators compiled once per process.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { GuestJwt } from './auth/guest-jwt.js';
import { TokenStore } from './auth/oauth.js';
import { botMessageHandlers } from './botmessage/handlers.js';
import { loadPhoneNumbers } from './botmessage/phone.js';
import { ChatEventStreams } from './webchat/events.js';
import { installEdge } from './edge.js';
import { EVENT_STREAM_OPERATION, FaultEngine } from './faults.js';
import { FIXTURES } from './fixtures.js';
import { handle, type Runtime } from './pipeline.js';
import { Router } from './router.js';
import { OPERATIONS } from './spec.js';
import { textbotsHandlers } from './textbots/handlers.js';
import type { MockLimits, MockOptions, MockServer } from './types.js';
import { specValidator } from './validation.js';
import { SimulatedAgent } from './webchat/agent.js';
import { ConversationStore } from './webchat/conversations.js';
import { DeploymentStore, deploymentHandlers } from './webchat/deployments.js';
import { guestHandlers } from './webchat/guest.js';
import { mediaHandlers } from './webchat/media.js';

const DEFAULT_LIMITS: MockLimits = { botSessions: 1000, conversations: 1000, messagesPerConversation: 500, botMessages: 5000, tokens: 10_000 };

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Starts the mock of Genesys Cloud Textbots + WebChat (and its OAuth login host) and myKaarma bot
 * messages on one port. Rejects, naming the install command, when the optional peer dependency
 * libphonenumber-js (the myKaarma phone-number check) is not installed.
 *
 * @example
 * const mock = await startMockServer({ port: 0 });
 * const res = await fetch(`${mock.url}/api/v2/webchat/deployments`, {
 *   headers: { Authorization: `Bearer ${mock.fixtures.oauth.accessToken}` },
 * });
 * await mock.close();
 */
export async function startMockServer(options: MockOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const limits: MockLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const [textbots, webchat, botmessage, phones] = await Promise.all([specValidator('textbots'), specValidator('webchat'), specValidator('botmessage'), loadPhoneNumbers()]);

  const sleeping = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (sleeping.delete(entry), resolve()), ms), done: resolve };
      sleeping.add(entry);
    });

  const faults = new FaultEngine(options.faults ?? []);
  const counts = new Map<string, number>();
  const streams = new ChatEventStreams({
    faults,
    heartbeatMs: options.eventStreamHeartbeatMs,
    connected: (id) => {
      const c = conversations.get(id);
      if (c) agent.onStreamConnected(c);
    },
  });
  const conversations = new ConversationStore(
    limits.conversations,
    limits.messagesPerConversation,
    (id, frame) => streams.publish(id, frame),
    (id) => streams.end(id, `The conversation was evicted: the mock keeps the ${limits.conversations} newest.`),
  );
  const agent = new SimulatedAgent(conversations, options.agentReplyDelayMs ?? 50, options.routeWithoutEventStream ?? false);
  const jwt = new GuestJwt();
  const deployments = new DeploymentStore();
  const tokens = new TokenStore(limits.tokens, options.tokenTtlSeconds ?? 3600, [
    [FIXTURES.oauth.accessToken, ['textbots', 'web-chat']],
    [FIXTURES.oauth.readonlyAccessToken, ['web-chat:readonly']],
  ]);
  const server = createServer({
    keepAliveTimeout: 5000,
    // A request's headers must arrive within 10 s and the whole request within 30 s (Node: 60 s / 300 s),
    // checked every second, so half-sent requests do not hold connections for minutes.
    headersTimeout: 10_000,
    requestTimeout: 30_000,
    connectionsCheckingInterval: 1000,
    // The pipeline answers a missing Host in the vendor's shape; Node's own refusal has no body.
    requireHostHeader: false,
  });
  // The origin is only known after listen(); the guest handlers read it lazily.
  const origin = { http: '', ws: '' };

  const runtime: Runtime = {
    router: new Router(OPERATIONS),
    validators: { textbots, webchat, botmessage },
    handlers: {
      ...textbotsHandlers({ maxSessions: limits.botSessions }),
      ...deploymentHandlers(deployments),
      ...guestHandlers({ conversations, deployments, agent, jwt, get wsOrigin() { return origin.ws; } }),
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

  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const edge = installEdge(server, (req, socket, head) => {
    counts.set(EVENT_STREAM_OPERATION, (counts.get(EVENT_STREAM_OPERATION) ?? 0) + 1);
    streams.upgrade(req, socket, head, jwt, conversations);
  });
  server.on('request', (req, res) => {
    edge.track(req, res);
    handle(runtime, req, res).catch(() => res.destroy());
  });

  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  origin.http = `http://${urlHost}:${port}`;
  origin.ws = `ws://${urlHost}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: origin.http,
    urls: { genesys: origin.http, mykaarma: `${origin.http}/communications`, login: origin.http },
    fixtures: structuredClone(FIXTURES),
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
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        conversations.stopAll();
        streams.closeAll();
        for (const s of sleeping) {
          clearTimeout(s.timer);
          s.done();
        }
        sleeping.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
