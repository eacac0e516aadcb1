export { startMockServer } from './server.js';
export { FIXTURES } from './fixtures.js';
export type { FaultRule, MockFixtures, MockLimits, MockOptions, MockServer } from './types.js';
