/**
 * Hostile HTTP against the mock over raw `net` sockets (loopback only): malformed request lines and
 * headers, header floods, bad chunked encoding, smuggling attempts, deep JSON, huge bodies, Upgrade
 * headers, slowloris-style partial requests. Each row states the answers the mock must give (statuses,
 * in order; [] for none within `waitMs`), their vendor shape and whether the mock closes the connection;
 * after every row a normal request must still be served.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/mock/body.js';
import { installEdge } from '../../src/mock/edge.js';
import type { HandlerRequest, Reply } from '../../src/mock/context.js';
import type { MockServer } from '../../src/mock/index.js';
import { deploymentHandlers, DeploymentStore } from '../../src/mock/webchat/deployments.js';
import { call, expectErrorShape, start } from './helpers.js';
import { exchange, writeAll, writeBytes, type Exchange, type Writer } from './raw-http.js';

let mock: MockServer;
let port: number;
beforeAll(async () => {
  mock = await start();
  port = Number(new URL(mock.url).port);
});
afterAll(() => mock.close());

const MB = 1024 * 1024;
const CRLF = '\r\n';
const bearer = () => `Authorization: Bearer ${mock.fixtures.oauth.accessToken}`;
const basic = () => `Authorization: Basic ${Buffer.from(`${mock.fixtures.botmessage.username}:${mock.fixtures.botmessage.password}`).toString('base64')}`;
const JSON_TYPE = 'Content-Type: application/json';
const botmessagePath = () => `/communications/department/${mock.fixtures.botmessage.departmentUUID}/user/${mock.fixtures.botmessage.userUUID}/botmessage/send`;

/** A well-formed HTTP/1.1 request (Host and, with a body, Content-Length added). */
function http(method: string, path: string, headers: string[] = [], body?: string | Buffer): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...headers];
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.concat([Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1'), Buffer.from(body ?? '')]);
}
const getSettings = () => http('GET', '/api/v2/webchat/settings', [bearer()]);
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
/** A settings body whose total nesting (the object itself counts) is `depth`. */
const settingsOfDepth = (depth: number) => `{"requireDeployment":false,"x":${deep(depth - 1)}}`;

/** Headers, then a body of `size` bytes written in chunks, honouring backpressure. */
function streamed(head: Buffer, size: number): Writer {
  return async (socket: Socket) => {
    await writeAll(socket, head);
    await writeBytes(socket, size);
  };
}
/** A chunked body of `size` bytes. */
function chunked(head: Buffer, size: number): Writer {
  return async (socket: Socket) => {
    await writeAll(socket, head);
    const piece = 256 * 1024;
    const frame = Buffer.concat([Buffer.from(`${piece.toString(16)}\r\n`), Buffer.alloc(piece, 0x20), Buffer.from('\r\n')]);
    for (let sent = 0; sent < size; sent += piece) await writeAll(socket, frame);
    await writeAll(socket, '0\r\n\r\n');
  };
}

const wsHeaders = ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];
const h2cHeaders = ['Connection: Upgrade, HTTP2-Settings', 'Upgrade: h2c', 'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA'];

interface Row {
  name: string;
  send: () => Writer;
  /** Final answers' statuses, in order; [] for none within waitMs. */
  expect: number[];
  /** Every 4xx/5xx answer is in this vendor's shape. */
  vendor?: 'genesys' | 'mykaarma' | 'oauth';
  /** The first error answer's code. */
  code?: string;
  /** The mock closes the connection after answering. */
  closes?: boolean;
  waitMs?: number;
  /** The client writes everything before it reads anything. */
  readAfterWrite?: boolean;
  check?: (x: Exchange) => void;
}

const ROWS: Row[] = [
  // Request lines (item 11: a body in the vendor's shape; 431 kept for oversized heads).
  { name: 'garbage request line', send: () => 'GARBAGE / HTTP/9.9\r\n\r\n', expect: [400], vendor: 'genesys', code: 'bad.request', closes: true },
  { name: 'invalid character in the method', send: () => 'G@T / HTTP/1.1\r\nHost: x\r\n\r\n', expect: [400], vendor: 'genesys', code: 'bad.request', closes: true },
  { name: 'malformed version on a myKaarma path', send: () => `POST ${botmessagePath()} HTTP/1.x\r\nHost: x\r\n\r\n`, expect: [400], vendor: 'mykaarma', code: 'INVALID_REQUEST', closes: true },
  { name: 'malformed framing on the OAuth token path', send: () => 'POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n', expect: [400], vendor: 'oauth', code: 'invalid_request', closes: true },
  { name: 'bare LF line endings', send: () => `GET /api/v2/webchat/settings HTTP/1.1\n${bearer()}\nHost: x\n\n`, expect: [400], vendor: 'genesys', closes: true },
  { name: 'HTTP/2 prior-knowledge preface', send: () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'a 20 KB request target', send: () => http('GET', `/${'a'.repeat(20_000)}`), expect: [431], vendor: 'genesys', code: 'request.header.fields.too.large', closes: true },
  { name: 'an 8 KB request target', send: () => http('GET', `/${'a'.repeat(8000)}`), expect: [404], vendor: 'genesys', code: 'not.found' },
  { name: 'absolute-form request target', send: () => http('GET', 'http://elsewhere.example/api/v2/webchat/settings', [bearer()]), expect: [200] },
  { name: 'HTTP/1.0 without Host', send: () => `GET /api/v2/webchat/settings HTTP/1.0\r\n${bearer()}\r\n\r\n`, expect: [200] },
  { name: 'HTTP/1.1 without Host', send: () => `GET /api/v2/webchat/settings HTTP/1.1\r\n${bearer()}\r\n\r\n`, expect: [400], vendor: 'genesys', code: 'bad.request' },
  { name: 'CONNECT (the mock is no proxy)', send: () => 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', expect: [404], vendor: 'genesys', code: 'not.found', closes: true },
  { name: 'TRACE on a known path', send: () => http('TRACE', '/api/v2/webchat/settings', [bearer()]), expect: [404], vendor: 'genesys', code: 'not.found' },

  // Headers.
  { name: 'a header line without a colon', send: () => 'GET / HTTP/1.1\r\nHost x\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'whitespace before the colon', send: () => 'GET / HTTP/1.1\r\nHost : x\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'obsolete line folding', send: () => 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'NUL in a header value', send: () => 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'a control character in a header value', send: () => 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'one 20 KB header', send: () => http('GET', '/api/v2/webchat/settings', [`X-A: ${'a'.repeat(20_000)}`]), expect: [431], vendor: 'genesys', code: 'request.header.fields.too.large', closes: true },
  { name: 'header flood: 3,000 headers', send: () => http('GET', '/api/v2/webchat/settings', Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${i}`)), expect: [431], vendor: 'genesys', closes: true },
  { name: 'header flood under the size cap: 2,500 tiny headers', send: () => http('GET', '/api/v2/webchat/settings', [bearer(), ...Array.from({ length: 2500 }, () => 'a:1')]), expect: [200] },
  { name: '100 Authorization headers (the first counts)', send: () => http('GET', '/api/v2/webchat/settings', [bearer(), ...Array.from({ length: 99 }, () => 'Authorization: Bearer nope')]), expect: [200] },
  { name: 'UTF-8 bytes in a header value', send: () => Buffer.concat([Buffer.from(`GET /api/v2/webchat/settings HTTP/1.1\r\nHost: x\r\n${bearer()}\r\nX-Name: `), Buffer.from('Zoë ☃', 'utf8'), Buffer.from('\r\n\r\n')]), expect: [200] },

  // Body framing and smuggling.
  { name: 'Content-Length with Transfer-Encoding: chunked', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`, expect: [400], vendor: 'genesys', closes: true },
  { name: 'two different Content-Length headers', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, expect: [400], vendor: 'genesys', closes: true },
  { name: 'Transfer-Encoding: xchunked', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nTransfer-Encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`, expect: [400], vendor: 'genesys', closes: true },
  { name: 'Transfer-Encoding: chunked, identity', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nTransfer-Encoding: chunked, identity\r\n\r\n2\r\n{}\r\n0\r\n\r\n`, expect: [400], vendor: 'genesys', closes: true },
  { name: 'a negative Content-Length', send: () => 'POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'Content-Length: 1e3', send: () => 'POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n', expect: [400], vendor: 'genesys', closes: true },
  { name: 'a chunk size that is not hex', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, expect: [400], vendor: 'genesys', closes: true },
  { name: 'a chunk size past 64 bits', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n`, expect: [400], vendor: 'genesys', closes: true },
  { name: 'a chunk without its CRLF', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n`, expect: [400], vendor: 'genesys', closes: true },
  { name: '20 KB of chunk extensions', send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nTransfer-Encoding: chunked\r\n\r\n2;${'a'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n`, expect: [413], vendor: 'genesys', closes: true },
  {
    name: 'CL.TE smuggling: a request hidden in a Content-Length body is never run',
    send: () => {
      const hidden = `DELETE /api/v2/webchat/deployments/${mock.fixtures.webchat.deploymentId} HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n\r\n`;
      return http('POST', '/api/v2/webchat/deployments', [bearer(), JSON_TYPE, 'Transfer-Encoding: identity'], hidden);
    },
    // Node refuses Transfer-Encoding other than chunked with a body length; either way the DELETE never runs.
    expect: [400],
    vendor: 'genesys',
    waitMs: 500,
  },
  {
    name: 'TE.CL: bytes after the last chunk are a request of their own',
    send: () => `POST /api/v2/webchat/deployments HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n`,
    expect: [400, 404],
    vendor: 'genesys',
  },
  { name: '20 pipelined requests in one write', send: () => Buffer.concat(Array.from({ length: 20 }, getSettings)), expect: Array(20).fill(200) },
  {
    name: 'Expect: 100-continue',
    send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE, 'Expect: 100-continue'], '{"requireDeployment":false}'),
    expect: [200],
    check: (x) => expect(x.informational).toEqual([100]),
  },

  // Deep JSON (item 7): refused at the door, in the vendor's shape, before it is parsed into state.
  { name: '10,000-level array in a new deployment', send: () => http('POST', '/api/v2/webchat/deployments', [bearer(), JSON_TYPE], `{"name":"deep","x":${deep(10_000)}}`), expect: [400], vendor: 'genesys', code: 'bad.request' },
  { name: '10,000-level array in the settings', send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], settingsOfDepth(10_000)), expect: [400], vendor: 'genesys', code: 'bad.request' },
  { name: '10,000-level array in a bot message', send: () => http('POST', botmessagePath(), [basic(), JSON_TYPE], `{"x":${deep(10_000)}}`), expect: [400], vendor: 'mykaarma', code: 'INVALID_REQUEST' },
  { name: '100,000-level object in a bot turn', send: () => http('POST', '/api/v2/textbots/bots/execute', [bearer(), JSON_TYPE], '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)), expect: [400], vendor: 'genesys', code: 'bad.request' },
  { name: `exactly ${MAX_JSON_DEPTH} levels are accepted`, send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], settingsOfDepth(MAX_JSON_DEPTH)), expect: [200] },
  { name: `${MAX_JSON_DEPTH + 1} levels are refused`, send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], settingsOfDepth(MAX_JSON_DEPTH + 1)), expect: [400], vendor: 'genesys', code: 'bad.request' },
  { name: '10,000 brackets inside a string are no nesting', send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], `{"requireDeployment":false,"note":"\\"${'['.repeat(10_000)}"}`), expect: [200] },
  {
    name: '__proto__ in a body pollutes nothing',
    send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], '{"__proto__":{"polluted":true},"requireDeployment":false}'),
    expect: [200],
    check: () => expect(({} as Record<string, unknown>).polluted).toBeUndefined(),
  },
  { name: 'invalid UTF-8 inside a JSON string', send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], Buffer.concat([Buffer.from('{"requireDeployment":false,"n":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])), expect: [200] },
  { name: 'a number literal past double range', send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], '{"requireDeployment":1e999999}'), expect: [400], vendor: 'genesys', code: 'bad.request' },
  { name: 'a JSON body with a NUL byte', send: () => http('POST', '/api/v2/webchat/deployments', [bearer(), JSON_TYPE], '{"name":"a\u0000"}'), expect: [400], vendor: 'genesys', code: 'bad.request' },

  // Sizes (item 10): the 413 reaches a client that writes its whole body before reading.
  { name: '20 MB body (Content-Length), read after writing', send: () => streamed(http('POST', '/api/v2/webchat/deployments', [bearer(), JSON_TYPE, `Content-Length: ${20 * MB}`]), 20 * MB), expect: [413], vendor: 'genesys', code: 'request.entity.too.large', readAfterWrite: true, waitMs: 10_000 },
  { name: '20 MB body (chunked), read after writing', send: () => chunked(http('POST', '/api/v2/webchat/deployments', [bearer(), JSON_TYPE, 'Transfer-Encoding: chunked']), 20 * MB), expect: [413], vendor: 'genesys', code: 'request.entity.too.large', readAfterWrite: true, waitMs: 10_000 },
  { name: '20 MB bot message, read after writing', send: () => streamed(http('POST', botmessagePath(), [basic(), JSON_TYPE, `Content-Length: ${20 * MB}`]), 20 * MB), expect: [413], vendor: 'mykaarma', code: 'REQUEST_TOO_LARGE', readAfterWrite: true, waitMs: 10_000 },
  { name: '20 MB body before a refusal by auth, read after writing', send: () => streamed(http('POST', '/api/v2/webchat/deployments', [JSON_TYPE, `Content-Length: ${20 * MB}`]), 20 * MB), expect: [413], vendor: 'genesys', readAfterWrite: true, waitMs: 10_000 },
  {
    name: 'the connection serves the next request after a 413',
    send: () => async (socket) => {
      await writeAll(socket, http('POST', '/api/v2/webchat/deployments', [bearer(), JSON_TYPE], Buffer.alloc(2 * MB, 0x20)));
      await writeAll(socket, getSettings());
    },
    expect: [413, 200],
    vendor: 'genesys',
  },
  { name: 'a declared 10 GB body answered before it is sent', send: () => http('POST', '/api/v2/webchat/deployments', [bearer(), JSON_TYPE, `Content-Length: ${10 * 1024 * MB}`]), expect: [413], vendor: 'genesys', code: 'request.entity.too.large' },
  { name: '1 MiB of whitespace around {}', send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE], `${' '.repeat(MB)}{}`), expect: [413], vendor: 'genesys' },

  // Upgrade (item 8): only a WebSocket upgrade of the event-stream path is one.
  { name: 'Upgrade: h2c (curl --http2) on an API route', send: () => http('GET', '/api/v2/webchat/settings', [bearer(), ...h2cHeaders]), expect: [200], check: (x) => expect(x.responses[0]?.headers['content-type']).toMatch(/^application\/json/) },
  { name: 'Upgrade: h2c with a body', send: () => http('PUT', '/api/v2/webchat/settings', [bearer(), JSON_TYPE, ...h2cHeaders], '{"requireDeployment":false}'), expect: [200] },
  { name: 'Upgrade: h2c keeps the connection alive', send: () => [http('GET', '/api/v2/webchat/settings', [bearer(), ...h2cHeaders]), getSettings()], expect: [200, 200] },
  { name: 'Upgrade: h2c on a myKaarma route', send: () => http('POST', botmessagePath(), [JSON_TYPE, ...h2cHeaders], '{}'), expect: [401], vendor: 'mykaarma', code: 'CREDENTIALS_ARE_NULL' },
  { name: 'a WebSocket upgrade of an API route', send: () => http('GET', '/api/v2/webchat/settings', [bearer(), ...wsHeaders]), expect: [200] },
  { name: 'a WebSocket upgrade with a JWT that does not verify', send: () => http('GET', '/chat/jwt/a.b.c', wsHeaders), expect: [401], vendor: 'genesys', code: 'bad.credentials', closes: true },
  { name: 'a WebSocket upgrade without Sec-WebSocket-Key', send: () => http('GET', '/chat/jwt/a.b.c', wsHeaders.slice(0, 3)), expect: [400], vendor: 'genesys', code: 'bad.request', closes: true },
  { name: 'a WebSocket upgrade with POST', send: () => http('POST', '/chat/jwt/a.b.c', wsHeaders, ''), expect: [400], vendor: 'genesys', code: 'bad.request', closes: true },

  // Slowloris: partial requests get no answer yet and hold nothing else up.
  { name: 'half a request line', send: () => 'GET /api/v2/webchat/sett', expect: [], waitMs: 300 },
  { name: 'headers without their final CRLF', send: () => `GET /api/v2/webchat/settings HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n`, expect: [], waitMs: 300 },
  { name: 'a body shorter than its Content-Length', send: () => `PUT /api/v2/webchat/settings HTTP/1.1\r\nHost: x\r\n${bearer()}\r\n${JSON_TYPE}\r\nContent-Length: 100\r\n\r\n{"requireDe`, expect: [], waitMs: 300 },
  {
    name: 'a request trickled one byte at a time',
    send: () => async (socket) => {
      for (const byte of getSettings()) {
        await writeAll(socket, Buffer.of(byte));
        await new Promise((r) => setTimeout(r, 1));
      }
    },
    expect: [200],
  },
];

function errorCodeOf(json: any): string | undefined {
  return json?.code ?? json?.errors?.[0]?.errorCode ?? json?.error;
}

async function stillServing(): Promise<void> {
  const x = await exchange(port, getSettings());
  expect(x.responses.map((r) => r.status)).toEqual([200]);
}

describe(`hostile HTTP (${ROWS.length} rows)`, () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const x = await exchange(port, row.send(), {
      // A row that expects the mock to close waits for the close; the others for their answers.
      responses: row.closes ? 0 : row.expect.length,
      waitMs: row.waitMs ?? (row.closes ? 3000 : 5000),
      ...(row.readAfterWrite ? { readAfterWrite: true } : {}),
    });
    expect(x.responses.map((r) => r.status), `answers (${x.error ?? 'no client error'})`).toEqual(row.expect);
    expect(x.error, 'client-side socket error').toBeUndefined();
    if (row.closes !== undefined) expect(x.closed, 'connection closed by the mock').toBe(row.closes);
    const errors = x.responses.filter((r) => r.status >= 400);
    if (row.code) expect(errorCodeOf(errors[0]?.json)).toBe(row.code);
    for (const r of errors) {
      if (row.vendor === 'oauth') expect(r.json).toMatchObject({ error: expect.any(String), error_description: expect.any(String) });
      else await expectErrorShape(row.vendor ?? 'genesys', r.status, r.headers, r.json);
    }
    row.check?.(x);
    await stillServing();
  });

  it('keeps serving while 100 connections hold half-sent requests', async () => {
    const { connect } = await import('node:net');
    const sockets = await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const s = connect(port, '127.0.0.1', () => s.write('GET /api/v2/webchat/settings HTTP/1.1\r\nHost: x\r\n', () => resolve(s)));
            s.on('error', reject);
          }),
      ),
    );
    try {
      const t0 = Date.now();
      await stillServing();
      expect(Date.now() - t0).toBeLessThan(1000);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});

describe('deep JSON never poisons the state (item 7)', () => {
  it('refuses deep deployments and settings, and every read keeps answering', async () => {
    const token = mock.fixtures.oauth.accessToken;
    const before = await call(mock, 'getWebchatDeployments', { token });
    const settingsBefore = await call(mock, 'getWebchatSettings', { token });
    const id = mock.fixtures.webchat.deploymentId;
    const deepBody = `{"name":"deep","webChatConfig":{"webChatSkin":"basic"},"x":${deep(10_000)}}`;
    for (const [operationId, params] of [
      ['postWebchatDeployments', {}],
      ['putWebchatDeployment', { deploymentId: id }],
      ['putWebchatSettings', {}],
    ] as const) {
      const r = await call(mock, operationId, { token, params, rawBody: deepBody, headers: { 'Content-Type': 'application/json' } });
      expect([operationId, r.status, r.body.code]).toEqual([operationId, 400, 'bad.request']);
      expect(r.body.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    }
    const after = await call(mock, 'getWebchatDeployments', { token });
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(before.body.total);
    expect((await call(mock, 'getWebchatDeployment', { token, params: { deploymentId: id } })).status).toBe(200);
    expect((await call(mock, 'getWebchatSettings', { token })).body).toEqual(settingsBefore.body);
  });

  it('second line: the deployment store refuses a value it could not render back, and keeps answering', () => {
    // Bypasses the door (the pipeline's depth check) to show the store's own guard.
    const store = new DeploymentStore();
    const handlers = deploymentHandlers(store);
    let nested: unknown = [];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    // The deployment handlers answer synchronously; called here as plain functions of a request.
    const run = (operationId: keyof typeof handlers, body?: unknown, params: Record<string, string> = {}) => {
      const request = { operationId, params, query: {}, body, header: () => undefined, requestId: '', now: Date.now() };
      return (handlers[operationId] as unknown as (req: HandlerRequest) => Reply)(request as unknown as HandlerRequest);
    };
    const size = store.size;
    for (const [operationId, params] of [
      ['postWebchatDeployments', {}],
      ['putWebchatDeployment', { deploymentId: store.all()[0]!.id }],
      ['putWebchatSettings', {}],
    ] as const) {
      expect(() => run(operationId, { name: 'deep', x: nested }, params)).toThrow(expect.objectContaining({ status: 400, code: 'bad.request' }));
    }
    expect(store.size).toBe(size);
    expect(() => JSON.stringify(run('getWebchatDeployments').body)).not.toThrow();
    expect(run('getWebchatSettings').body).toEqual({ requireDeployment: false });
  });

  it('counts nesting without parsing, ignoring brackets in strings and escapes', () => {
    const depth = (text: string) => {
      for (let limit = 0; limit < 100; limit++) if (!nestsDeeperThan(Buffer.from(text), limit)) return limit;
      return Infinity;
    };
    expect(depth('1')).toBe(0);
    expect(depth('{}')).toBe(1);
    expect(depth('[[],[[]]]')).toBe(3);
    expect(depth('{"a":{"b":[1,{"c":2}]}}')).toBe(4);
    expect(depth('["[[[[", "]]"]')).toBe(1);
    expect(depth('["\\"[[[", {}]')).toBe(2);
    expect(depth('["\\\\", [[]]]')).toBe(3);
    expect(depth(`"${'{'.repeat(1000)}"`)).toBe(0);
    expect(nestsDeeperThan(Buffer.from(deep(1_000_000)), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('request timeouts at the edge (item 11)', () => {
  let server: Server;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a request whose headers never finish with a 408 in the Genesys shape', async () => {
    // The mock's own limits are 10 s / 30 s; a server with the same edge and short limits shows the answer.
    server = createServer({ headersTimeout: 200, requestTimeout: 300, connectionsCheckingInterval: 50 });
    installEdge(server, (_req, socket) => socket.destroy());
    server.on('request', (_req, res) => res.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const x = await exchange((server.address() as AddressInfo).port, 'GET /api/v2/webchat/settings HTTP/1.1\r\nHost: x\r\n', { responses: 0, waitMs: 3000 });
    expect(x.responses.map((r) => r.status)).toEqual([408]);
    expect(x.closed).toBe(true);
    expect(x.responses[0]?.json.code).toBe('client.timeout');
    await expectErrorShape('genesys', 408, x.responses[0]!.headers, x.responses[0]!.json);
  });
});
