/**
 * What the README's examples import when test/readme/run.test.ts runs them: the package as Node users get
 * it (src/node, the `node` export condition), except that a client or `clientCredentials` given no
 * `baseUrl` / `loginUrl` talks to the test's mock server instead of Genesys or myKaarma. Nothing else
 * changes: regions, credentials, bodies and options are the example's own. An example that sets its own
 * `baseUrl` (one that starts its own mock) keeps it.
 */
import * as node from '../../src/node/index.js';

export * from '../../src/node/index.js';

/** Where examples without a `baseUrl` are sent; set by the test before it imports an example. */
export interface MockTarget {
  genesys: string;
  mykaarma: string;
  login: string;
}

const TARGET = Symbol.for('bot-apis.readme.mock-target');

export function setMockTarget(target: MockTarget | undefined): void {
  (globalThis as { [TARGET]?: MockTarget })[TARGET] = target;
}

function target(): MockTarget {
  const value = (globalThis as { [TARGET]?: MockTarget })[TARGET];
  if (!value) throw new Error('mock-bound: no mock target set');
  return value;
}

export const createTextbotsClient = ((options = {}) => node.createTextbotsClient({ baseUrl: target().genesys, ...options })) as typeof node.createTextbotsClient;
export const createWebChatClient = ((options = {}) => node.createWebChatClient({ baseUrl: target().genesys, ...options })) as typeof node.createWebChatClient;
export const createGuestChatClient = ((options = {}) => node.createGuestChatClient({ baseUrl: target().genesys, ...options })) as typeof node.createGuestChatClient;
export const createBotMessageClient = ((options = {}) => node.createBotMessageClient({ baseUrl: target().mykaarma, ...options })) as typeof node.createBotMessageClient;
export const clientCredentials = ((options) => node.clientCredentials({ loginUrl: target().login, ...options })) as typeof node.clientCredentials;
