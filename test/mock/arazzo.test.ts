/**
 * The Arazzo descriptions of the three main flows (openapi/workflows/), run by `redocly respect`
 * against a fresh mock. Respect also checks every response's status, content type and schema
 * against the bundled specs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { start } from './helpers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKFLOWS = ['textbot-conversation', 'guest-chat', 'bot-message'].map((name) => `openapi/workflows/${name}.arazzo.yaml`);

let mock: MockServer;
let out: string;
beforeAll(async () => {
  // The guest-chat workflow polls the messages API (Arazzo describes no websocket): route chats without an event stream.
  mock = await start({ agentReplyDelayMs: 30, routeWithoutEventStream: true });
  out = mkdtempSync(join(tmpdir(), 'bot-apis-respect-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(out, { recursive: true, force: true });
});

function respect(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      join(REPO, 'node_modules/.bin/redocly'),
      ['respect', ...args],
      { cwd: REPO, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

it('runs the three main flows against the mock and passes', async () => {
  const report = join(out, 'respect.json');
  const servers = `textbots=${mock.urls.genesys},webchat=${mock.urls.genesys},botmessage=${mock.urls.mykaarma}`;
  const { code, output } = await respect([...WORKFLOWS, '--server', servers, '--json-output', report]);
  expect(code, output).toBe(0);
  const json = JSON.parse(readFileSync(report, 'utf8')) as { files: Record<string, { totalRequests?: number; executedWorkflows: Array<{ workflowId: string; status: string }> }> };
  const workflows = Object.values(json.files).flatMap((f) => f.executedWorkflows.map((w) => [w.workflowId, w.status]));
  expect(workflows.sort()).toEqual([
    ['bookServiceAppointment', 'success'],
    ['guestChat', 'success'],
    ['sendSaveUpdate', 'success'],
  ]);
  // Every step reached the mock (the guest flow may poll for the agent's answer).
  expect(mock.requestCount('postTextbotsBotsExecute')).toBe(4);
  expect(mock.requestCount('postWebchatGuestConversations')).toBe(1);
  expect(mock.requestCount('saveBotMessage')).toBe(2);
}, 60_000);

it('fails when a flow does not hold (the check can fail)', async () => {
  // Against a server with no such routes every step fails: respect must exit non-zero.
  const { code } = await respect([WORKFLOWS[2] as string, '--server', `botmessage=${mock.url}/not-communications`]);
  expect(code).not.toBe(0);
}, 60_000);
