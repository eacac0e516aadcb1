import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { call, errorCode, start, succeeded } from './helpers.js';

let mock: MockServer;
let admin: string;
let readonly: string;
beforeAll(async () => {
  mock = await start();
  admin = mock.fixtures.oauth.accessToken;
  readonly = mock.fixtures.oauth.readonlyAccessToken;
});
afterAll(() => mock.close());

describe('WebChat deployments', () => {
  it('lists the seeded deployments', async () => {
    const r = await call(mock, 'getWebchatDeployments', { token: readonly });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.entities.map((d: any) => d.id)).toContain(mock.fixtures.webchat.deploymentId);
    expect(r.body.selfUri).toBe('/api/v2/webchat/deployments');
  });

  it('creates, reads, fully replaces and deletes a deployment', async () => {
    const created = await call(mock, 'postWebchatDeployments', {
      token: admin,
      body: { id: 'ignored', name: 'Spring sale', description: 'temporary', webChatConfig: { webChatSkin: 'basic' }, allowedDomains: ['shop.example.test'] },
    });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect(id).not.toBe('ignored');
    expect(created.body).toMatchObject({ name: 'Spring sale', selfUri: `/api/v2/webchat/deployments/${id}` });

    const read = await call(mock, 'getWebchatDeployment', { token: readonly, params: { deploymentId: id } });
    expect(read.body).toEqual(created.body);

    const replaced = await call(mock, 'putWebchatDeployment', { token: admin, params: { deploymentId: id }, body: { name: 'Summer sale', disabled: true } });
    expect(replaced.body).toEqual({ id, name: 'Summer sale', disabled: true, selfUri: `/api/v2/webchat/deployments/${id}` });

    expect((await call(mock, 'deleteWebchatDeployment', { token: admin, params: { deploymentId: id } })).status).toBe(204);
    const gone = await call(mock, 'getWebchatDeployment', { token: admin, params: { deploymentId: id } });
    expect([gone.status, errorCode(gone)]).toEqual([404, 'not.found']);
    expect(errorCode(await call(mock, 'putWebchatDeployment', { token: admin, params: { deploymentId: id }, body: {} }))).toBe('not.found');
    expect(errorCode(await call(mock, 'deleteWebchatDeployment', { token: admin, params: { deploymentId: id } }))).toBe('not.found');
  });

  it('lets web-chat:readonly read but not write', async () => {
    for (const [operationId, params, body] of [
      ['postWebchatDeployments', {}, {}],
      ['putWebchatDeployment', { deploymentId: mock.fixtures.webchat.deploymentId }, {}],
      ['deleteWebchatDeployment', { deploymentId: mock.fixtures.webchat.deploymentId }, undefined],
      ['putWebchatSettings', {}, { requireDeployment: true }],
      ['deleteWebchatSettings', {}, undefined],
    ] as const) {
      const r = await call(mock, operationId, { token: readonly, params, body });
      expect([operationId, r.status, errorCode(r)]).toEqual([operationId, 403, 'app.not.authorized.for.scope']);
    }
    expect((await call(mock, 'getWebchatSettings', { token: readonly })).status).toBe(200);
  });

  it('refuses a token without a WebChat scope, and requests without a token', async () => {
    const login = await fetch(`${mock.urls.login}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: mock.fixtures.oauth.textbotsOnlyClientId, client_secret: mock.fixtures.oauth.textbotsOnlyClientSecret }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const r = await call(mock, 'getWebchatDeployments', { token: access_token });
    expect([r.status, errorCode(r)]).toEqual([403, 'app.not.authorized.for.scope']);
    const anonymous = await call(mock, 'getWebchatDeployments');
    expect([anonymous.status, errorCode(anonymous)]).toEqual([401, 'authentication.required']);
  });

  it('answers 409 maximum.deployments.exceeded at 25 deployments', async () => {
    const before = (await call(mock, 'getWebchatDeployments', { token: admin })).body.total as number;
    for (let i = before; i < 25; i++) {
      expect((await call(mock, 'postWebchatDeployments', { token: admin, body: { name: `d${i}` } })).status).toBe(200);
    }
    const over = await call(mock, 'postWebchatDeployments', { token: admin, body: { name: 'one too many' } });
    expect([over.status, errorCode(over)]).toEqual([409, 'maximum.deployments.exceeded']);
    expect(over.body.limit).toEqual({ key: 'deployments', namespace: 'webchat', value: 25 });
    expect((await call(mock, 'getWebchatDeployments', { token: admin })).body.total).toBe(25);
  });

  it('validates bodies against the spec', async () => {
    const r = await call(mock, 'postWebchatDeployments', { token: admin, body: { name: 42, webChatConfig: { webChatSkin: 'neon' } } });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: any) => [d.fieldName, d.errorCode])).toEqual(
      expect.arrayContaining([
        ['name', 'bad.request'],
        ['webChatConfig.webChatSkin', 'invalid.value'],
      ]),
    );
  });
});

describe('WebChat settings', () => {
  it('reads, replaces and removes the settings', async () => {
    expect((await call(mock, 'getWebchatSettings', { token: admin })).body).toEqual({ requireDeployment: false });
    expect((await call(mock, 'putWebchatSettings', { token: admin, body: { requireDeployment: true } })).body).toEqual({ requireDeployment: true });
    expect((await call(mock, 'getWebchatSettings', { token: readonly })).body).toEqual({ requireDeployment: true });
    expect((await call(mock, 'deleteWebchatSettings', { token: admin })).status).toBe(204);
    expect((await call(mock, 'getWebchatSettings', { token: admin })).body).toEqual({});
    const bad = await call(mock, 'putWebchatSettings', { token: admin, body: { requireDeployment: 'yes' } });
    expect([bad.status, errorCode(bad), bad.body.details[0].fieldName]).toEqual([400, 'bad.request', 'requireDeployment']);
  });
});

describe('coverage', () => {
  it('saw every operation of this file succeed', () => {
    for (const op of ['getWebchatDeployments', 'postWebchatDeployments', 'getWebchatDeployment', 'putWebchatDeployment', 'deleteWebchatDeployment', 'getWebchatSettings', 'putWebchatSettings', 'deleteWebchatSettings']) expect(succeeded, op).toContain(op);
  });
});
