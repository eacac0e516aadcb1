/**
 * The mock without a socket: `createMock()` answers WHATWG `Request`s with `Response`s from the same
 * core as the node:http server, so a client takes it as its `fetch` option (no port, no server) and a
 * browser page can hold a whole guest chat against it. The MSW handlers (msw.ts) use the same adapter.
 */
import { serviceUrls } from './apis.js';
import { BodyTooLarge } from './body.js';
import { controlsOf, createMockCore, type MockControls, type MockCore } from './core.js';
import type { MockAnswer, MockExchange } from './exchange.js';
import type { MockOptions, MockServer } from './types.js';

/** Options of {@link createMock}: those of the server, without a port. */
export interface InProcessMockOptions extends Omit<MockOptions, 'port' | 'host'> {
  /**
   * The origin the answers name (`eventStreamUri`, `urls`); requests may use any origin, only their
   * path and query are read. @default 'http://mock.bot-apis.invalid'
   */
  origin?: string;
}

/** A mock reached through `fetch`: pass `mock.fetch` to any client. */
export interface InProcessMock extends MockControls, Pick<MockServer, 'url' | 'urls'> {
  /** A `fetch` whose every request the mock answers; a `drop` fault rejects it as a network failure. */
  fetch: typeof globalThis.fetch;
  /** Stops the simulated agent's timers. */
  close(): Promise<void>;
}

/** A WHATWG Request as the core reads it. */
export function requestExchange(request: Request): MockExchange {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    target: url.pathname + url.search,
    header: (name) => request.headers.get(name) ?? undefined,
    hasBody: request.body !== null,
    async readBody(limit) {
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (bytes.length > limit) throw new BodyTooLarge(limit);
      return bytes;
    },
  };
}

/** The core's answer as a WHATWG Response; a dropped connection is a rejected fetch, as on a network. */
export function answerResponse(answer: MockAnswer): Response {
  if (answer.kind === 'drop') throw new TypeError('fetch failed: the mock dropped the connection (a drop fault)');
  return new Response(answer.body ?? null, { status: answer.status, headers: answer.headers });
}

/** Answers a Request with the core. */
export async function respond(core: MockCore, request: Request): Promise<Response> {
  return answerResponse(await core.handle(requestExchange(request)));
}

/**
 * A mock of all three APIs in this process, reached through `mock.fetch`.
 *
 * @example
 * const mock = await createMock();
 * const textbots = createTextbotsClient({ fetch: mock.fetch, auth: { accessToken: mock.fixtures.oauth.accessToken } });
 */
export async function createMock(options: InProcessMockOptions = {}): Promise<InProcessMock> {
  const core = await createMockCore(options);
  const origin = (options.origin ?? 'http://mock.bot-apis.invalid').replace(/\/+$/, '');
  core.setOrigin(origin);
  return {
    url: origin,
    urls: serviceUrls(origin),
    fetch: (input, init) => respond(core, new Request(input, init)),
    ...controlsOf(core),
    close: async () => core.stop(),
  };
}
