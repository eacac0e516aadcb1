/**
 * What agreement.test.ts needs to send one table row both ways: fresh fixtures for the row's `$name`
 * values (made over HTTP, before the row is sent, so they never count as the row's own request), the
 * row as the client's call, and the row as bytes on a socket (node:http, which sends the path exactly
 * as written: `..` and empty segments reach the mock unnormalised).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { OperationDef } from '../../src/core/operation.js';
import type { MockServer } from '../../src/mock/index.js';
import { operations as textbotsOps } from '../../generated/textbots/operations.js';
import { operations as webchatOps } from '../../generated/webchat/operations.js';
import { operations as botmessageOps } from '../../generated/botmessage/operations.js';
import type { AgreementCase, Api } from './agreement-cases.js';

export const OPERATIONS: Record<Api, Record<string, OperationDef>> = {
  textbots: textbotsOps as unknown as Record<string, OperationDef>,
  webchat: webchatOps as unknown as Record<string, OperationDef>,
  botmessage: botmessageOps as unknown as Record<string, OperationDef>,
};

export function definition(row: AgreementCase): OperationDef {
  const def = OPERATIONS[row.api][row.operationId];
  if (!def) throw new Error(`no operation ${row.api}.${row.operationId}`);
  return def;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: any;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
export const closeAgent = (): void => agent.destroy();

/** One request over a socket to the mock, the path and body sent exactly as given. */
export function exchange(mock: MockServer, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { hostname, port } = new URL(mock.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- fixtures ----

export interface Fixtures {
  values: Record<string, string>;
  /** The guest JWT of the row's conversation, when it has one. */
  jwt?: string;
  /** Run after the row (deletes a deployment it created). */
  cleanup: Array<() => Promise<unknown>>;
}

function tokensIn(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string' && value.startsWith('$')) out.add(value.slice(1));
  else if (value && typeof value === 'object') for (const each of Object.values(value)) tokensIn(each, out);
  return out;
}

/** `value` with every `$name` string replaced by its fixture. */
export function resolve<T>(value: T, values: Record<string, string>): T {
  if (typeof value === 'string' && value.startsWith('$')) {
    const found = values[value.slice(1)];
    if (found === undefined) throw new Error(`no fixture ${value}`);
    return found as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, values)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, values)])) as T;
  return value;
}

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

async function ok(answer: Promise<Answer>, what: string): Promise<any> {
  const a = await answer;
  if (a.status >= 300) throw new Error(`fixture ${what}: ${a.status} ${JSON.stringify(a.json)}`);
  return a.json;
}

/** Polls (every 10 ms, up to 3 s) until `get` returns something. */
async function eventually<T>(get: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const until = Date.now() + 3000; Date.now() < until; await new Promise((r) => setTimeout(r, 10))) {
    const value = await get();
    if (value !== undefined) return value;
  }
  throw new Error(`fixture ${what}: not there in time`);
}

/** Fresh fixtures for one sending of `row`: only what it names, plus a chat when it needs a guest JWT. */
export async function fixturesFor(mock: MockServer, row: AgreementCase): Promise<Fixtures> {
  const f = mock.fixtures;
  const values: Record<string, string> = {
    botId: f.textbots.botId,
    integrationId: f.textbots.integrationId,
    botSessionId: randomUUID(),
    organizationId: f.webchat.organizationId,
    seedDeploymentId: f.webchat.deploymentId,
    queueName: f.webchat.queueName,
    departmentUUID: f.botmessage.departmentUUID,
    userUUID: f.botmessage.userUUID,
    userPhone: f.botmessage.userPhone,
  };
  const fixtures: Fixtures = { values, cleanup: [] };
  const wanted = tokensIn([row.path, row.query, row.body], new Set());
  const bearer = { ...json, Authorization: `Bearer ${f.oauth.accessToken}` };

  if (definition(row).auth === 'guest' || ['conversationId', 'memberId', 'messageId', 'mediaRequestId'].some((t) => wanted.has(t))) {
    const chat = await ok(exchange(mock, 'POST', '/api/v2/webchat/guest/conversations', json, JSON.stringify(resolve({ organizationId: '$organizationId', deploymentId: '$seedDeploymentId', routingTarget: { targetType: 'QUEUE', targetAddress: '$queueName' }, memberInfo: { displayName: 'Fixture' } }, values))), 'chat');
    Object.assign(values, { conversationId: chat.id, memberId: chat.member.id });
    fixtures.jwt = chat.jwt as string;
    const guest = { ...json, Authorization: `Bearer ${fixtures.jwt}` };
    const say = (text: string) => ok(exchange(mock, 'POST', `/api/v2/webchat/guest/conversations/${chat.id}/members/${chat.member.id}/messages`, guest, JSON.stringify({ body: text })), 'message');
    if (wanted.has('messageId')) values.messageId = (await say('hello')).id;
    if (wanted.has('mediaRequestId')) {
      await say('can we screen share?');
      values.mediaRequestId = await eventually(async () => {
        const list = await ok(exchange(mock, 'GET', `/api/v2/webchat/guest/conversations/${chat.id}/mediarequests`, guest), 'media requests');
        return (list.entities as Array<{ id: string }>)[0]?.id;
      }, 'media request');
    }
  }
  if (wanted.has('deploymentId')) {
    const d = await ok(exchange(mock, 'POST', '/api/v2/webchat/deployments', bearer, JSON.stringify({ name: 'Fixture deployment' })), 'deployment');
    values.deploymentId = d.id;
    fixtures.cleanup.push(() => exchange(mock, 'DELETE', `/api/v2/webchat/deployments/${d.id}`, bearer));
  }
  if (wanted.has('savedUuid')) {
    const basic = { ...json, Authorization: `Basic ${Buffer.from(`${f.botmessage.username}:${f.botmessage.password}`).toString('base64')}` };
    const body = { messageAttributes: { body: 'Saved', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: f.botmessage.userPhone, senderCommunicationValue: '+14155550100' }, messageDeliveryAttributes: {} };
    const saved = await ok(exchange(mock, 'PUT', `${new URL(mock.urls.mykaarma).pathname}/department/${values.departmentUUID}/user/${values.userUUID}/botmessage`, basic, JSON.stringify(body)), 'saved bot message');
    values.savedUuid = saved.messageUuid;
  }
  return fixtures;
}

// ---- the row on the wire ----

/** The request line's target: the operation's path with each parameter percent-encoded (or as `wirePath` says), and the query. */
export function wireTarget(mock: MockServer, row: AgreementCase, values: Record<string, string>): string {
  const def = definition(row);
  const mount = row.api === 'botmessage' ? new URL(mock.urls.mykaarma).pathname : '';
  const path = resolve(row.path ?? {}, values);
  const target = mount + def.path.replace(/\{([^{}]+)\}/g, (_m, name: string) => row.wirePath?.[name] ?? encodeURIComponent(path[name] ?? ''));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(resolve(row.query ?? {}, values))) {
    for (const each of Array.isArray(value) ? value : [value]) query.append(name, String(each));
  }
  const search = query.toString();
  return search ? `${target}?${search}` : target;
}

export function wireHeaders(mock: MockServer, row: AgreementCase, jwt: string | undefined): Record<string, string> {
  const f = mock.fixtures;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (row.body !== undefined) headers['Content-Type'] = row.contentType ?? 'application/json';
  const auth = definition(row).auth;
  if (auth === 'oauth') headers.Authorization = `Bearer ${f.oauth.accessToken}`;
  if (auth === 'guest') headers.Authorization = `Bearer ${jwt}`;
  if (auth === 'basic') headers.Authorization = `Basic ${Buffer.from(`${f.botmessage.username}:${f.botmessage.password}`).toString('base64')}`;
  return headers;
}

// ---- how the mock names a field ----

/** myKaarma answers with one code per problem; these codes stand for these fields (reference §8). */
const MYKAARMA_FIELD_CODES: Record<string, string[]> = {
  departmentUUID: ['MISSING_DEALER_DEPARTMENT_UUID', 'INVALID_DEALER_DEPARTMENT_ID'],
  userUUID: ['MISSING_USER_UUID', 'INVALID_USER'],
  messageAttributes: ['MISSING_MESSAGE_ATTRIBUTES'],
  'messageAttributes.body': ['MISSING_MESSAGE_BODY'],
  'messageAttributes.type': ['MISSING_MESSAGE_TYPE', 'INVALID_MESSAGE_TYPE'],
  'messageAttributes.protocol': ['MISSING_MESSAGE_PROTOCOL', 'INVALID_MESSAGE_PROTOCOL'],
  messageSendingAttributes: ['MISSING_MESSAGE_SENDING_ATTRIBUTES'],
  'messageSendingAttributes.recipientCommunicationValue': ['MISSING_COMMUNICATION_VALUE', 'INVALID_COMMUNICATION_VALUE'],
  'messageSendingAttributes.senderCommunicationValue': ['MISSING_COMMUNICATION_VALUE', 'INVALID_COMMUNICATION_VALUE'],
  'messageSendingAttributes.senderName': ['MISSING_SENDER_NAME'],
  messageDeliveryAttributes: ['MISSING_MESSAGE_DELIVERY_ATTRIBUTES'],
};

/** The client's issue path as a server names the field: `params.query.pageSize` → `pageSize`, `body.a.b` → `a.b`. */
export function serverField(field: string): string {
  return field === 'body' ? 'body' : field.replace(/^(params\.(path|query|header)|headers|body)\./, '');
}

const normalise = (name: string) => name.replace(/\[(\d+)\]/g, '.$1').replace(/^\//, '').replace(/\//g, '.');

/** Whether a vendor-shaped 400 names `field`: Genesys in `details[].fieldName`, myKaarma by its code or wording. */
export function namesField(api: Api, body: any, field: string): boolean {
  const name = serverField(field);
  if (api === 'botmessage') {
    const errors = (body?.errors ?? []) as Array<{ errorCode?: string; errorDescription?: string }>;
    return errors.some((e) => (MYKAARMA_FIELD_CODES[name] ?? []).includes(e.errorCode ?? '') || (e.errorDescription ?? '').includes(name));
  }
  const details = (body?.details ?? []) as Array<{ fieldName?: string }>;
  return details.some((d) => d.fieldName !== undefined && normalise(d.fieldName) === name);
}

/** The vendor's error shape: Genesys ErrorBody with the correlation id, or myKaarma's envelope with the request id. */
export function vendorShapeProblem(api: Api, answer: Answer): string | undefined {
  const b = answer.json;
  if (api === 'botmessage') {
    if (!Array.isArray(b?.errors) || typeof b.errors[0]?.errorCode !== 'string') return 'no myKaarma errors[]';
    if (b.requestUuid !== answer.headers['x-request-uuid']) return 'requestUuid is not the X-Request-Uuid header';
    return undefined;
  }
  if (typeof b?.code !== 'string' || b.status !== answer.status) return 'not a Genesys ErrorBody';
  if (b.contextId !== answer.headers['inin-correlation-id']) return 'contextId is not the ININ-Correlation-Id header';
  return undefined;
}
