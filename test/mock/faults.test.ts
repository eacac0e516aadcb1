import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultEngine } from '../../src/mock/faults.js';
import type { MockServer } from '../../src/mock/index.js';
import { call, errorCode, start } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await start();
});
afterEach(() => {
  mock.faults.clear();
  mock.resetCounts();
});
afterAll(() => mock.close());

const settings = () => call(mock, 'getWebchatSettings', { token: mock.fixtures.oauth.accessToken });
const send = () => {
  const f = mock.fixtures.botmessage;
  return call(mock, 'sendBotMessage', {
    basic: [f.username, f.password],
    params: { departmentUUID: f.departmentUUID, userUUID: f.userUUID },
    body: { messageAttributes: { body: 'hi', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: f.userPhone, senderName: 'Bot' } },
  });
};

describe('faults', () => {
  it('rate-limit: N requests pass, then 429 with Retry-After and the normalized Genesys body', async () => {
    mock.faults.set([{ operationId: 'getWebchatSettings', kind: 'rate-limit', after: 2, retryAfterSeconds: 7 }]);
    expect((await settings()).status).toBe(200);
    expect((await settings()).status).toBe(200);
    const limited = await settings();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body).toEqual({
      message: 'Rate limit exceeded the maximum. Retry the request in [7] seconds',
      code: 'too.many.requests.retry.after',
      status: 429,
      contextId: limited.headers.get('inin-correlation-id'),
      details: [],
      errors: [],
    });
    const still = await settings();
    expect(still.status).toBe(429);
    expect(Number(still.headers.get('retry-after'))).toBeLessThanOrEqual(7);
    // Other operations are not limited by this rule.
    expect((await call(mock, 'getWebchatDeployments', { token: mock.fixtures.oauth.accessToken })).status).toBe(200);
    expect(mock.requestCount('getWebchatSettings')).toBe(4);
  });

  it('rate-limit with Retry-After 0 lets the next window through at once', async () => {
    mock.faults.set([{ operationId: '*', kind: 'rate-limit', after: 1, retryAfterSeconds: 0 }]);
    expect([(await settings()).status, (await settings()).status, (await settings()).status, (await settings()).status]).toEqual([200, 429, 200, 429]);
  });

  it('rate-limit on myKaarma answers 429 in the errors envelope', async () => {
    mock.faults.set([{ operationId: 'sendBotMessage', kind: 'rate-limit', after: 0 }]);
    const r = await send();
    expect([r.status, errorCode(r), r.headers.get('retry-after')]).toEqual([429, 'TOO_MANY_REQUESTS', '1']);
    expect(r.body.warnings).toEqual([]);
  });

  it('status: injected 503s for `times` requests, then normal, all counted', async () => {
    mock.faults.set([{ operationId: 'getWebchatSettings', kind: 'status', status: 503, times: 2 }]);
    const first = await settings();
    expect([first.status, errorCode(first)]).toEqual([503, 'service.unavailable']);
    expect((await settings()).status).toBe(503);
    expect((await settings()).status).toBe(200);
    expect(mock.requestCount('getWebchatSettings')).toBe(3);
    expect(mock.requestCount()).toBe(3);
  });

  it.each([
    [500, 'internal.server.error', 'INTERNAL_SERVER_ERROR'],
    [502, 'bad.gateway', 'BAD_GATEWAY'],
    [504, 'request.timeout', 'GATEWAY_TIMEOUT'],
  ])('status %i in each vendor shape', async (status, genesys, mykaarma) => {
    mock.faults.set([{ operationId: '*', kind: 'status', status }]);
    const g = await settings();
    expect([g.status, errorCode(g)]).toEqual([status, genesys]);
    const m = await send();
    expect([m.status, errorCode(m)]).toEqual([status, mykaarma]);
    expect(m.body.status).toBe('FAILURE');
  });

  it('latency: delays the answer by ms', async () => {
    mock.faults.set([{ operationId: 'getWebchatSettings', kind: 'latency', ms: 150 }]);
    const t0 = performance.now();
    expect((await settings()).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('drop: destroys the connection without a response, then recovers', async () => {
    mock.faults.set([{ operationId: 'getWebchatSettings', kind: 'drop', times: 1 }]);
    await expect(fetch(`${mock.url}/api/v2/webchat/settings`, { headers: { Authorization: `Bearer ${mock.fixtures.oauth.accessToken}` } })).rejects.toThrow();
    expect((await settings()).status).toBe(200);
    expect(mock.requestCount('getWebchatSettings')).toBe(2);
  });

  it('applies to the OAuth token endpoint too', async () => {
    mock.faults.set([{ operationId: 'oauthToken', kind: 'status', status: 503, times: 1 }]);
    const res = await fetch(`${mock.urls.login}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe('server_error');
  });

  it('starts with the rules given to startMockServer', async () => {
    const other = await start({ faults: [{ operationId: 'getWebchatSettings', kind: 'status', status: 500, times: 1 }] });
    try {
      const res = await fetch(`${other.url}/api/v2/webchat/settings`, { headers: { Authorization: `Bearer ${other.fixtures.oauth.accessToken}` } });
      expect(res.status).toBe(500);
      expect(other.requestCount('getWebchatSettings')).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('rejects malformed rules', () => {
    expect(() => mock.faults.set([{ operationId: 'x', kind: 'explode' as never }])).toThrow(/kind/);
    expect(() => mock.faults.set([{ operationId: 'x', kind: 'status', status: 200 }])).toThrow(/status/);
    expect(() => mock.faults.set([{ operationId: 'x', kind: 'latency', ms: -1 }])).toThrow(/ms/);
  });
});

describe('FaultEngine timing', () => {
  it('opens a fresh window once the block is over', () => {
    const engine = new FaultEngine([{ operationId: 'op', kind: 'rate-limit', after: 1, retryAfterSeconds: 2 }]);
    expect(engine.decide('op', 0).kind).toBe('none');
    expect(engine.decide('op', 10)).toEqual({ kind: 'rate-limit', delayMs: 0, retryAfterSeconds: 2 });
    expect(engine.decide('op', 1010)).toEqual({ kind: 'rate-limit', delayMs: 0, retryAfterSeconds: 1 });
    expect(engine.decide('op', 2010).kind).toBe('none');
    expect(engine.decide('other', 2010).kind).toBe('none');
  });

  it('adds latency up and lets the first terminal rule decide', () => {
    const engine = new FaultEngine([
      { operationId: '*', kind: 'latency', ms: 5 },
      { operationId: 'op', kind: 'latency', ms: 7, times: 1 },
      { operationId: 'op', kind: 'status', status: 502, times: 1 },
      { operationId: 'op', kind: 'drop' },
    ]);
    expect(engine.decide('op')).toEqual({ kind: 'status', delayMs: 12, status: 502, retryAfterSeconds: 1 });
    expect(engine.decide('op')).toEqual({ kind: 'drop', delayMs: 5 });
  });
});
