import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { call, expectValidResponse, operation, start } from './helpers.js';

let mock: MockServer;
let small: MockServer;
let chatA: { id: string; jwt: string; member: { id: string } };
let chatB: { id: string; jwt: string };

beforeAll(async () => {
  [mock, small] = await Promise.all([start(), start({ maxBodyBytes: 1024 })]);
  const create = async () => {
    const f = mock.fixtures.webchat;
    const r = await call(mock, 'postWebchatGuestConversations', {
      body: { organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Eve' } },
    });
    return r.body;
  };
  [chatA, chatB] = await Promise.all([create(), create()]);
});
afterAll(() => Promise.all([mock.close(), small.close()]));

interface Case {
  name: string;
  /** The operation whose declared responses the answer must match (for unknown routes: one of that vendor). */
  operationId: string;
  method: string;
  path: () => string;
  headers?: () => Record<string, string>;
  body?: string | Buffer;
  status: number;
  code: string;
}

const bearer = () => ({ Authorization: `Bearer ${mock.fixtures.oauth.accessToken}` });
const basic = () => ({ Authorization: `Basic ${Buffer.from(`${mock.fixtures.botmessage.username}:${mock.fixtures.botmessage.password}`).toString('base64')}` });
const json = { 'Content-Type': 'application/json' };
const botmessagePath = (dept = mock.fixtures.botmessage.departmentUUID, user = mock.fixtures.botmessage.userUUID) => `/communications/department/${dept}/user/${user}/botmessage/send`;
const messagesOf = (id: string) => `/api/v2/webchat/guest/conversations/${id}/messages`;

const CASES: Case[] = [
  { name: 'malformed JSON (Genesys)', operationId: 'postTextbotsBotsExecute', method: 'POST', path: () => '/api/v2/textbots/bots/execute', headers: () => ({ ...bearer(), ...json }), body: '{"botId": ', status: 400, code: 'bad.request' },
  { name: 'malformed JSON (myKaarma)', operationId: 'sendBotMessage', method: 'POST', path: () => botmessagePath(), headers: () => ({ ...basic(), ...json }), body: '{nope}', status: 400, code: 'INVALID_REQUEST' },
  { name: 'a JSON null body', operationId: 'putWebchatSettings', method: 'PUT', path: () => '/api/v2/webchat/settings', headers: () => ({ ...bearer(), ...json }), body: 'null', status: 400, code: 'bad.request' },
  { name: 'an empty required body', operationId: 'postWebchatDeployments', method: 'POST', path: () => '/api/v2/webchat/deployments', headers: () => ({ ...bearer(), ...json }), body: '', status: 400, code: 'bad.request' },
  { name: 'an oversized body (Genesys)', operationId: 'postWebchatDeployments', method: 'POST', path: () => '/api/v2/webchat/deployments', headers: () => ({ ...bearer(), ...json }), body: Buffer.alloc(2 * 1024 * 1024, 0x20), status: 413, code: 'request.entity.too.large' },
  { name: 'an oversized body (myKaarma)', operationId: 'sendBotMessage', method: 'POST', path: () => botmessagePath(), headers: () => ({ ...basic(), ...json }), body: Buffer.alloc(2 * 1024 * 1024, 0x20), status: 413, code: 'REQUEST_TOO_LARGE' },
  { name: 'a wrong content type (Genesys)', operationId: 'putWebchatSettings', method: 'PUT', path: () => '/api/v2/webchat/settings', headers: () => ({ ...bearer(), 'Content-Type': 'text/plain' }), body: '{}', status: 415, code: 'unsupported.media.type' },
  { name: 'a wrong content type (myKaarma)', operationId: 'sendBotMessage', method: 'POST', path: () => botmessagePath(), headers: () => ({ ...basic(), 'Content-Type': 'application/xml' }), body: '<x/>', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a wrong type', operationId: 'putWebchatSettings', method: 'PUT', path: () => '/api/v2/webchat/settings', headers: () => ({ ...bearer(), ...json }), body: '{"requireDeployment":"yes"}', status: 400, code: 'bad.request' },
  { name: 'an unknown enum value', operationId: 'postWebchatDeployments', method: 'POST', path: () => '/api/v2/webchat/deployments', headers: () => ({ ...bearer(), ...json }), body: '{"webChatConfig":{"webChatSkin":"neon"}}', status: 400, code: 'invalid.value' },
  { name: 'a query value of the wrong type', operationId: 'getWebchatGuestConversationMembers', method: 'GET', path: () => `/api/v2/webchat/guest/conversations/${chatA.id}/members?pageSize=ten`, headers: () => ({ Authorization: `Bearer ${chatA.jwt}` }), status: 400, code: 'invalid.query.param.value' },
  { name: 'missing auth (OAuth)', operationId: 'getWebchatDeployments', method: 'GET', path: () => '/api/v2/webchat/deployments', status: 401, code: 'authentication.required' },
  { name: 'a Basic header on an OAuth operation', operationId: 'getWebchatDeployments', method: 'GET', path: () => '/api/v2/webchat/deployments', headers: basic, status: 401, code: 'authentication.required' },
  { name: 'missing auth (guest)', operationId: 'getWebchatGuestConversationMessages', method: 'GET', path: () => messagesOf(chatA.id), status: 401, code: 'authentication.required' },
  { name: 'missing auth (myKaarma)', operationId: 'sendBotMessage', method: 'POST', path: () => botmessagePath(), headers: () => json, body: '{}', status: 401, code: 'CREDENTIALS_ARE_NULL' },
  { name: "another conversation's JWT", operationId: 'getWebchatGuestConversationMessages', method: 'GET', path: () => messagesOf(chatA.id), headers: () => ({ Authorization: `Bearer ${chatB.jwt}` }), status: 403, code: 'not.authorized' },
  { name: 'a garbage JWT', operationId: 'getWebchatGuestConversationMessages', method: 'GET', path: () => messagesOf(chatA.id), headers: () => ({ Authorization: 'Bearer a.b.c' }), status: 401, code: 'bad.credentials' },
  { name: 'path traversal in a deployment id', operationId: 'getWebchatDeployment', method: 'GET', path: () => '/api/v2/webchat/deployments/..%2F..%2Fsettings', headers: bearer, status: 400, code: 'bad.request' },
  { name: 'a dot-dot deployment id', operationId: 'getWebchatDeployment', method: 'GET', path: () => '/api/v2/webchat/deployments/..', headers: bearer, status: 400, code: 'bad.request' },
  { name: 'path traversal in a conversation id', operationId: 'getWebchatGuestConversationMessages', method: 'GET', path: () => messagesOf(`..%2F${chatA.id}`), headers: () => ({ Authorization: `Bearer ${chatA.jwt}` }), status: 400, code: 'bad.request' },
  { name: 'a NUL byte in an id', operationId: 'getWebchatDeployment', method: 'GET', path: () => '/api/v2/webchat/deployments/abc%00', headers: bearer, status: 400, code: 'bad.request' },
  { name: 'broken percent-encoding in an id', operationId: 'getWebchatDeployment', method: 'GET', path: () => '/api/v2/webchat/deployments/%zz', headers: bearer, status: 400, code: 'bad.request' },
  { name: 'path traversal in a department id', operationId: 'sendBotMessage', method: 'POST', path: () => botmessagePath('..%2F..%2Fetc'), headers: () => ({ ...basic(), ...json }), body: '{}', status: 400, code: 'INVALID_DEALER_DEPARTMENT_ID' },
  { name: 'path traversal in a user id', operationId: 'sendBotMessage', method: 'POST', path: () => botmessagePath(undefined, '%5C..%5C'), headers: () => ({ ...basic(), ...json }), body: '{}', status: 400, code: 'INVALID_USER' },
  { name: 'an unknown route (Genesys)', operationId: 'getWebchatSettings', method: 'GET', path: () => '/api/v2/nothing/here', status: 404, code: 'not.found' },
  { name: 'a known path with another method', operationId: 'getWebchatSettings', method: 'POST', path: () => '/api/v2/webchat/settings', headers: bearer, status: 404, code: 'not.found' },
  { name: 'an unknown route (myKaarma)', operationId: 'sendBotMessage', method: 'GET', path: () => '/communications/department/x/nothing', status: 404, code: 'NOT_FOUND' },
];

/** Raw HTTP, so paths reach the server exactly as written (fetch would normalise `..`). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<{ status: number; headers: Headers; body: any }> {
  return new Promise((resolve, reject) => {
    const url = new URL(mock.url);
    const req = request({ host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: h, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function stillServing(server: MockServer = mock): Promise<void> {
  const res = await fetch(`${server.url}/api/v2/webchat/settings`, { headers: { Authorization: `Bearer ${server.fixtures.oauth.accessToken}` } });
  expect(res.status).toBe(200);
}

describe('bad input', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await raw(c.method, c.path(), c.headers?.(), c.body);
    const code = res.body?.code ?? res.body?.errors?.[0]?.errorCode;
    expect([res.status, code]).toEqual([c.status, c.code]);
    await expectValidResponse(operation(c.operationId), res.status, res.headers, res.body);
    await stillServing();
  });

  it('names the offending field', async () => {
    const res = await raw('PUT', '/api/v2/webchat/settings', { ...bearer(), ...json }, '{"requireDeployment":1}');
    expect(res.body.details).toEqual([{ errorCode: 'bad.request', fieldName: 'requireDeployment' }]);
    expect(res.body.message).toContain('requireDeployment');
  });

  it('refuses a chunked body that grows past the cap', async () => {
    const chunk = Buffer.alloc(512, 0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${small.url}/api/v2/webchat/deployments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${small.fixtures.oauth.accessToken}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toBe('The request is over the size limit. Maximum bytes: 1024');
    await stillServing(small);
  });

  it('answers a request line it cannot parse with 400 and keeps serving', async () => {
    const { connect } = await import('node:net');
    const url = new URL(mock.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('GARBAGE / HTTP/9.9\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
  });
});

describe('CORS', () => {
  it('answers the preflight for Authorization and Content-Type from any origin', async () => {
    const res = await fetch(`${mock.url}/api/v2/textbots/bots/execute`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization.*content-type/);
    expect(mock.requestCount('preflight')).toBeGreaterThan(0);
  });

  it('exposes the correlation id and Retry-After to the page', async () => {
    const res = await fetch(`${mock.url}/api/v2/webchat/settings`, { headers: { Origin: 'http://localhost:5173', ...bearer() } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ININ-Correlation-Id.*Retry-After/);
  });
});
