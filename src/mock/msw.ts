/**
 * `bot-apis/mock/msw`: the mock as request handlers for MSW (Mock Service Worker), built from the same
 * core as the server and `mock.fetch`, so tests that already intercept with MSW (in Node with
 * `setupServer`, in a browser with `setupWorker`) get the same strict, stateful answers without a port.
 * `msw` is an optional peer dependency: only this entry loads it, when handlers are made.
 */
import type { HttpHandler } from 'msw';
import { APIS } from './apis.js';
import { controlsOf, createMockCore, type MockControls } from './core.js';
import { answerResponse, requestExchange, type InProcessMockOptions } from './fetch.js';
import { isModuleNotFound, missingPeer } from './optional-peer.js';

const MSW_PACKAGE = 'msw';

/** msw, loaded when handlers are made: where it is not installed, the error says what to install. */
async function loadMsw(): Promise<typeof import('msw')> {
  try {
    return await import('msw');
  } catch (error) {
    throw isModuleNotFound(error, MSW_PACKAGE) ? missingPeer(MSW_PACKAGE, 'bot-apis/mock/msw makes request handlers for', error) : error;
  }
}

export interface MockHandlersOptions extends Omit<InProcessMockOptions, 'origin'> {
  /**
   * Origins whose requests the handlers answer. By default the vendors' own: every regional Genesys API
   * host (from the specs' server URLs), its login host (`login.` in place of `api.`) and myKaarma's.
   * Requests to other origins fall through to the next handler.
   */
  origins?: readonly string[];
}

export interface MockHandlers extends MockControls {
  /** Pass to `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[];
  /** Stops the simulated agent's timers. */
  close(): Promise<void>;
}

/** The vendors' origins: API hosts from the specs, and Genesys' login host beside each API host. */
function defaultOrigins(): string[] {
  const api = APIS.flatMap((a) => a.origins);
  const login = api.filter((o) => /^https:\/\/api\./.test(o)).map((o) => o.replace('://api.', '://login.'));
  return [...new Set([...api, ...login])];
}

/**
 * Request handlers answering the three APIs.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMockHandlers } from 'bot-apis/mock/msw';
 *
 * const mock = await createMockHandlers();
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * const textbots = createTextbotsClient({ auth: { accessToken: mock.fixtures.oauth.accessToken } });
 */
export async function createMockHandlers(options: MockHandlersOptions = {}): Promise<MockHandlers> {
  const { http } = await loadMsw();
  const core = await createMockCore(options);
  const origins = new Set((options.origins ?? defaultOrigins()).map((o) => new URL(o).origin));
  const first = [...origins][0] ?? 'https://api.mypurecloud.com';
  core.setOrigin(first);
  const handler = http.all('*', async ({ request }) => {
    if (!origins.has(new URL(request.url).origin)) return undefined;
    const answer = await core.handle(requestExchange(request));
    // A dropped connection (a `drop` fault) is MSW's network error.
    return answer.kind === 'drop' ? Response.error() : answerResponse(answer);
  });
  return {
    handlers: [handler],
    ...controlsOf(core),
    close: async () => core.stop(),
  };
}
