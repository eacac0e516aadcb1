import { describe, expect, it } from 'vitest';
import { measureBundle } from '../../bench/bundle.js';

// The vendor's guest chat SDK ships about 26 kB gzip; the budget for ours is 10 kB.
describe('browser bundles', () => {
  it('a guest chat app is at most 10 kB minified + gzipped', async () => {
    const guest = await measureBundle('./apps/guest-chat-app.ts');
    expect(guest.gzip).toBeLessThanOrEqual(10 * 1024);
    expect(guest.inputs.some((i) => i.includes('response-validators'))).toBe(false);
    expect(guest.inputs.some((i) => /^node:|node_modules\/(ajv|undici)/.test(i))).toBe(false);
  }, 30_000);

  it('importing bot-apis/textbots pulls in no WebChat code', async () => {
    const textbots = await measureBundle('./apps/textbots-app.ts');
    expect(textbots.inputs.filter((i) => /webchat|guest-chat|botmessage/i.test(i))).toEqual([]);
  }, 30_000);
});
