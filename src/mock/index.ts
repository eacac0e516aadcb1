export { startMockServer } from './server.js';
export { createMock, type InProcessMock, type InProcessMockOptions } from './fetch.js';
export { FIXTURES } from './fixtures.js';
export type { FaultRule, MockFixtures, MockLimits, MockOptions, MockServer } from './types.js';
