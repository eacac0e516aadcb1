/**
 * startMockServer(): the mock's core (core.ts) behind one plain node:http server on one port for all
 * three services, plus the event stream on `ws`. This file only moves bytes: requests in as
 * `MockExchange`s, answers out, malformed HTTP and upgrades at the edge (edge.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { serviceUrls } from './apis.js';
import { controlsOf, createMockCore } from './core.js';
import { installEdge } from './edge.js';
import type { MockAnswer } from './exchange.js';
import { EVENT_STREAM_OPERATION } from './faults.js';
import { missingPhonePackage, PHONE_PACKAGE } from './botmessage/phone.js';
import { drain, nodeExchange } from './node-exchange.js';
import type { MockOptions, MockServer } from './types.js';
import type { ChatEventStreams } from './webchat/events.js';

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
 * Fails start-up, naming the install command, when the optional peer libphonenumber-js is missing. A
 * resolve only: the package itself (12 MB of metadata) is loaded on the first bot message.
 */
function requirePhonePackage(): void {
  try {
    createRequire(import.meta.url).resolve(`${PHONE_PACKAGE}/max`);
  } catch (error) {
    throw missingPhonePackage(error);
  }
}

function write(req: IncomingMessage, res: ServerResponse, answer: MockAnswer): void {
  // A refusal before the body was read: discard it (bounded) rather than let Node read it without limit.
  if (!req.complete) drain(req);
  if (answer.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  // A client that hung up (mid-body, or while a latency fault held its answer) gets nothing.
  if (res.headersSent || res.destroyed || req.socket.destroyed) return;
  // The answer's headers are the adapter's to finish: the length of the text as it is encoded here.
  if (answer.body !== undefined) answer.headers['Content-Length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
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
  requirePhonePackage();
  const core = await createMockCore({ ...options, lazyPhoneNumbers: true });
  const { jwt, conversations, agent, faults, counts } = core.state;

  // The event stream (and `ws`) is loaded on the first stream upgrade: until then no frame has a reader.
  let streams: ChatEventStreams | undefined;
  let loadingStreams: Promise<ChatEventStreams> | undefined;
  const eventStreams = () =>
    (loadingStreams ??= import('./webchat/events.js').then(({ ChatEventStreams }) => {
      streams = new ChatEventStreams({
        faults,
        heartbeatMs: options.eventStreamHeartbeatMs,
        connected: (id) => {
          const c = conversations.get(id);
          if (c) agent.onStreamConnected(c);
        },
      });
      return streams;
    }));
  core.attachEvents({ publish: (id, frame) => streams?.publish(id, frame), end: (id, reason) => streams?.end(id, reason) });
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

  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const edge = installEdge(server, (req, socket, head) => {
    counts.set(EVENT_STREAM_OPERATION, (counts.get(EVENT_STREAM_OPERATION) ?? 0) + 1);
    eventStreams().then(
      (loaded) => loaded.upgrade(req, socket, head, jwt, conversations),
      () => socket.destroy(),
    );
  });
  server.on('request', (req, res) => {
    edge.track(req, res);
    core.handle(nodeExchange(req)).then(
      (answer) => write(req, res, answer),
      () => res.destroy(),
    );
  });

  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  core.setOrigin(url);

  let closed: Promise<void> | undefined;
  return {
    url,
    urls: serviceUrls(url),
    ...controlsOf(core),
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        core.stop();
        streams?.closeAll();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
