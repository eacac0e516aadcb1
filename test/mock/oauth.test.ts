import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { call, errorCode, start } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  // Tokens live 1 s here, so expiry is observable quickly.
  mock = await start({ tokenTtlSeconds: 1 });
});
afterAll(() => mock.close());

function token(form: Record<string, string>, basic?: [string, string], contentType = 'application/x-www-form-urlencoded') {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (basic) headers.Authorization = `Basic ${Buffer.from(basic.join(':')).toString('base64')}`;
  return fetch(`${mock.urls.login}/oauth/token`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
}

describe('POST /oauth/token (client credentials)', () => {
  it('issues a bearer token to a client authenticated with HTTP Basic', async () => {
    const f = mock.fixtures.oauth;
    const res = await token({ grant_type: 'client_credentials' }, [f.clientId, f.clientSecret]);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1, scope: 'textbots web-chat' });
    expect(body.access_token).toEqual(expect.any(String));
    expect((await call(mock, 'getWebchatDeployments', { token: body.access_token as string })).status).toBe(200);
  });

  it('accepts client_id/client_secret in the form, and narrows scopes on request', async () => {
    const f = mock.fixtures.oauth;
    const res = await token({ grant_type: 'client_credentials', client_id: f.clientId, client_secret: f.clientSecret, scope: 'textbots' });
    const body = (await res.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe('textbots');
    const denied = await call(mock, 'getWebchatSettings', { token: body.access_token });
    expect([denied.status, errorCode(denied)]).toEqual([403, 'app.not.authorized.for.scope']);
  });

  it('expires tokens after tokenTtlSeconds: 401 credentials.expired', async () => {
    const f = mock.fixtures.oauth;
    const { access_token } = (await (await token({ grant_type: 'client_credentials' }, [f.readonlyClientId, f.readonlyClientSecret])).json()) as { access_token: string };
    expect((await call(mock, 'getWebchatSettings', { token: access_token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await call(mock, 'getWebchatSettings', { token: access_token });
    expect([expired.status, errorCode(expired)]).toEqual([401, 'credentials.expired']);
    // The pre-issued fixture tokens live as long as the server.
    expect((await call(mock, 'getWebchatSettings', { token: f.accessToken })).status).toBe(200);
  });

  it.each([
    ['a wrong secret', { grant_type: 'client_credentials' }, ['mock-client-7c1f4e2a', 'wrong'], 401, 'invalid_client'],
    ['an unknown client', { grant_type: 'client_credentials', client_id: 'who', client_secret: 'x' }, undefined, 401, 'invalid_client'],
    ['no client authentication', { grant_type: 'client_credentials' }, undefined, 401, 'invalid_client'],
    ['another grant type', { grant_type: 'password' }, undefined, 400, 'unsupported_grant_type'],
    ['no grant type', {}, undefined, 400, 'invalid_request'],
    ['a scope the client does not have', { grant_type: 'client_credentials', client_id: 'mock-client-readonly-3b9d', client_secret: 'mock-secret-webchat-readonly', scope: 'web-chat' }, undefined, 400, 'invalid_scope'],
  ] as const)('refuses %s', async (_name, form, basic, status, code) => {
    const res = await token(form as Record<string, string>, basic as [string, string] | undefined);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe(code);
    expect(body.error_description).toEqual(expect.any(String));
  });

  it('sends a WWW-Authenticate challenge when Basic client auth fails', async () => {
    const res = await token({ grant_type: 'client_credentials' }, ['mock-client-7c1f4e2a', 'wrong']);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('refuses a JSON token request with 415', async () => {
    const res = await fetch(`${mock.urls.login}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":"client_credentials"}' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('counts token requests under oauthToken', () => {
    expect(mock.requestCount('oauthToken')).toBeGreaterThanOrEqual(10);
  });
});
