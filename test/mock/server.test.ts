import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GuestJwt } from '../../src/mock/auth/guest-jwt.js';
import { TokenStore } from '../../src/mock/auth/oauth.js';
import { FaultEngine } from '../../src/mock/faults.js';
import { FIXTURES, startMockServer } from '../../src/mock/index.js';
import { nodeExchange } from '../../src/mock/node-exchange.js';
import { handle, type Runtime } from '../../src/mock/pipeline.js';
import { Router } from '../../src/mock/router.js';
import { OPERATIONS } from '../../src/mock/apis.js';
import { BoundedMap } from '../../src/mock/store.js';
import { call, errorCode, start } from './helpers.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

async function createChat(mock: Awaited<ReturnType<typeof start>>) {
  const f = mock.fixtures.webchat;
  const r = await call(mock, 'postWebchatGuestConversations', {
    body: { organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Cap' } },
  });
  return r.body as { id: string; jwt: string; member: { id: string } };
}

describe('startMockServer', () => {
  it('serves all three services on one origin and describes itself', async () => {
    const mock = await startMockServer();
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mock.urls).toEqual({ genesys: mock.url, mykaarma: `${mock.url}/communications`, login: mock.url });
      expect(mock.fixtures).toEqual(FIXTURES);
      expect(mock.fixtures.botmessage.userPhone).toBe('+14155550123');
      mock.fixtures.oauth.accessToken = 'changed';
      expect(FIXTURES.oauth.accessToken).toBe('mock-access-token-all-scopes');
    } finally {
      await mock.close();
    }
    await expect(fetch(`${mock.url}/api/v2/webchat/settings`)).rejects.toThrow();
  });

  it('counts requests per operation, including refused ones, and resets', async () => {
    const mock = await start();
    try {
      await fetch(`${mock.url}/api/v2/webchat/settings`);
      await fetch(`${mock.url}/api/v2/webchat/settings`, { headers: { Authorization: `Bearer ${mock.fixtures.oauth.accessToken}` } });
      await fetch(`${mock.url}/nowhere`);
      expect(mock.requestCount('getWebchatSettings')).toBe(2);
      expect(mock.requestCount('unknown')).toBe(1);
      expect(mock.requestCount()).toBe(3);
      mock.resetCounts();
      expect(mock.requestCount()).toBe(0);
    } finally {
      await mock.close();
    }
  });

  it('keeps state per server', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    try {
      const token = a.fixtures.oauth.accessToken;
      await call(a, 'deleteWebchatDeployment', { token, params: { deploymentId: a.fixtures.webchat.deploymentId } });
      expect((await call(a, 'getWebchatDeployments', { token })).body.total).toBe(2);
      expect((await call(b, 'getWebchatDeployments', { token })).body.total).toBe(3);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('evicts the oldest conversations and messages past the caps', async () => {
    const mock = await start({ limits: { conversations: 2, messagesPerConversation: 3 }, agentReplyDelayMs: 10_000 });
    try {
      const first = await createChat(mock);
      const second = await createChat(mock);
      await createChat(mock);
      const gone = await call(mock, 'getWebchatGuestConversationMessages', { token: first.jwt, params: { conversationId: first.id } });
      expect([gone.status, errorCode(gone)]).toEqual([404, 'not.found']);
      for (const text of ['1', '2', '3', '4', '5']) {
        await call(mock, 'postWebchatGuestConversationMemberMessages', { token: second.jwt, params: { conversationId: second.id, memberId: second.member.id }, body: { body: text } });
      }
      const kept = await call(mock, 'getWebchatGuestConversationMessages', { token: second.jwt, params: { conversationId: second.id } });
      expect(kept.body.entities.map((m: any) => m.body)).toEqual(['3', '4', '5']);
    } finally {
      await mock.close();
    }
  });

  it('close() stops pending agent timers and ends open connections promptly', async () => {
    const mock = await start({ agentReplyDelayMs: 60_000, routeWithoutEventStream: true });
    await createChat(mock);
    const t0 = Date.now();
    await mock.close();
    await mock.close();
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('treats empty query values as absent, as the vendor SDKs send them', async () => {
    const mock = await start();
    try {
      const chat = await createChat(mock);
      const res = await fetch(`${mock.url}/api/v2/webchat/guest/conversations/${chat.id}/messages?after=&before=&sortOrder=&maxResults=`, { headers: { Authorization: `Bearer ${chat.jwt}` } });
      expect(res.status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

describe('pipeline', () => {
  it('turns an exception in a handler into a 500 in the vendor shape and keeps serving', { timeout: 15_000 }, async () => {
    const runtime: Runtime = {
      router: new Router(OPERATIONS),
      handlers: {
        getWebchatSettings: () => {
          throw new TypeError('boom');
        },
        saveBotMessage: () => {
          throw new Error('kaput');
        },
      },
      faults: new FaultEngine(),
      counts: new Map(),
      tokens: new TokenStore(10, 60, [['t', ['web-chat']]]),
      jwt: new GuestJwt(),
      maxBodyBytes: 1024,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    };
    const server = createServer((req, res) => {
      void handle(runtime, nodeExchange(req)).then((answer) => {
        if (answer.kind === 'drop') return res.destroy();
        res.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${url}/api/v2/webchat/settings`, { headers: { Authorization: 'Bearer t' } });
        expect(res.status).toBe(500);
        const body = (await res.json()) as { code: string; contextId: string };
        expect(body.code).toBe('internal.server.error');
        expect(body.contextId).toBe(res.headers.get('inin-correlation-id'));
      }
      const f = FIXTURES.botmessage;
      const res = await fetch(`${url}/communications/department/${f.departmentUUID}/user/${f.userUUID}/botmessage`, {
        method: 'PUT',
        headers: { Authorization: `Basic ${Buffer.from(`${f.username}:${f.password}`).toString('base64')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ messageAttributes: { body: 'x', type: 'NOTE', protocol: 'NONE' }, messageSendingAttributes: { recipientCommunicationValue: '1', senderCommunicationValue: '2' }, messageDeliveryAttributes: {} }),
      });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ status: 'FAILURE', errors: [{ errorCode: 'INTERNAL_SERVER_ERROR' }] });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('BoundedMap', () => {
  it('evicts in insertion order and reports evictions', () => {
    const evicted: string[] = [];
    const map = new BoundedMap<string, number>(2, (k) => evicted.push(k));
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([map.has('a'), map.has('b'), map.get('c'), map.size]).toEqual([false, true, 4, 2]);
    expect(evicted).toEqual(['a']);
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});

describe('CLI', () => {
  it('`bot-apis mock` prints the URL and fixtures, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'mock', '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
          const m = output.match(/listening on (http:\/\/\S+)/);
          if (m?.[1] && output.includes('Ctrl-C')) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      expect(output).toContain(FIXTURES.oauth.clientSecret);
      expect(output).toContain("the mock's own credentials");
      const res = await fetch(`${url}/api/v2/webchat/deployments`, { headers: { Authorization: `Bearer ${FIXTURES.oauth.accessToken}` } });
      expect(res.status).toBe(200);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 20_000);

  it('rejects an unknown command with exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
  }, 20_000);
});
