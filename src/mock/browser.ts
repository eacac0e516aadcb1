/**
 * `bot-apis/mock` under the `browser` condition: the socket-free mock only (no node:http server, no
 * `ws`), for pages and browser test runners. `createMock().fetch` is the way in.
 */
export { createMock, type InProcessMock, type InProcessMockOptions } from './fetch.js';
export { FIXTURES } from './fixtures.js';
export type { FaultRule, MockFixtures, MockLimits, MockOptions, MockServer } from './types.js';
