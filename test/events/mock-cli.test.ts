/**
 * The event-stream flags of `bot-apis mock`: `--route-without-event-stream` (the agent joins a chat
 * nobody listens to) and `--heartbeat <ms>`, on a real child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FIXTURES } from '../../src/mock/fixtures.js';
import { REPO } from '../helpers/workspace.js';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function cli(args: string[]): { url: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'mock', '--port', '0', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => proc.once('exit', (code) => resolve({ code, stderr })));
  const url = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = stdout.match(/listening on (http:\/\/\S+)/);
      if (m?.[1]) resolve(m[1]);
    });
    void exit.then(({ code }) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  url.catch(() => undefined); // a test that expects the exit does not read the URL
  return { url, exit };
}

async function createChat(url: string): Promise<{ id: string; jwt: string; eventStreamUri: string }> {
  const f = FIXTURES.webchat;
  const res = await fetch(`${url}/api/v2/webchat/guest/conversations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Cli' } }),
  });
  return (await res.json()) as { id: string; jwt: string; eventStreamUri: string };
}

async function roles(url: string, chat: { id: string; jwt: string }): Promise<string[]> {
  const res = await fetch(`${url}/api/v2/webchat/guest/conversations/${chat.id}/members`, { headers: { Authorization: `Bearer ${chat.jwt}` } });
  return ((await res.json()) as { entities: Array<{ role: string }> }).entities.map((m) => m.role).sort();
}

describe('bot-apis mock, event-stream flags', () => {
  it('--route-without-event-stream: the agent joins a chat without a stream', async () => {
    const { url } = cli(['--agent-delay', '10', '--route-without-event-stream']);
    const origin = await url;
    const chat = await createChat(origin);
    const end = Date.now() + 5000;
    while ((await roles(origin, chat)).length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await roles(origin, chat)).toEqual(['AGENT', 'CUSTOMER']);
  }, 20_000);

  it('without it the agent waits for a stream; --heartbeat sets the heartbeat interval', async () => {
    const { url } = cli(['--agent-delay', '10', '--heartbeat', '30']);
    const origin = await url;
    const chat = await createChat(origin);
    await new Promise((r) => setTimeout(r, 150));
    expect(await roles(origin, chat)).toEqual(['CUSTOMER']);
    const socket = new WebSocket(chat.eventStreamUri);
    const topics: string[] = [];
    socket.on('message', (data) => topics.push((JSON.parse(String(data)) as { topicName: string }).topicName));
    const end = Date.now() + 5000;
    while (topics.filter((t) => t === 'channel.metadata').length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    socket.close();
    expect(topics.filter((t) => t === 'channel.metadata').length).toBeGreaterThanOrEqual(2);
    expect(await roles(origin, chat)).toEqual(['AGENT', 'CUSTOMER']);
  }, 20_000);

  it('refuses a heartbeat of 0 ms', async () => {
    const { exit } = cli(['--heartbeat', '0']);
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(stderr).toContain('--heartbeat must be a number > 0');
  }, 20_000);
});
