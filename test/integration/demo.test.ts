import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../src/mock/fixtures.js';
import { REPO, run } from '../helpers/workspace.js';

describe('npm run demo', () => {
  it('runs each main flow against a fresh mock and prints a readable transcript without credentials', async () => {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (/^(GENESYS|MYKAARMA)_/.test(key)) delete env[key];
    const result = await run(REPO, process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], env);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/Mock server at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/bot \[Complete, BookServiceAppointment\]/);
    expect(out).toMatch(/AGENT\s+Hello Ada/);
    // The guest chat lives on its event stream: the agent's typing and answer arrive as events.
    expect(out).toMatch(/\[event\] the agent is typing…\n\s+\[event\] agent: Hello Ada/);
    expect(out).toContain('Ada left the chat');
    expect(out).toMatch(/sent reminder: SUCCESS/);
    expect(out).toMatch(/updated it in place: SUCCESS/);
    expect(out).toContain('demo: done');
    for (const secret of [FIXTURES.oauth.clientSecret, FIXTURES.botmessage.password, FIXTURES.oauth.accessToken]) expect(out).not.toContain(secret);
  }, 60_000);
});
