/**
 * Property-based fuzzing of the mock (fast-check, loopback only, a bounded number of runs): request
 * bodies drawn from each operation's schema in the bundled spec (valid ones, ones pushed past the
 * schema's limits, mutated ones, arbitrary JSON, and text that is not JSON), plus arbitrary path ids.
 * The mock must answer every one within a deadline, never with a 5xx (no faults are injected), always
 * with a status and body its spec allows (the shared response check of helpers.ts); and afterwards
 * every read of the state it kept must still answer 200 with a valid body.
 *
 * FUZZ_RUNS (per property, default 100) and FUZZ_SEED (fast-check's seed) reproduce or widen a run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { loadBundle, type Schema } from '../helpers/specs.js';
import { call, eventually, OPERATIONS, start, type CallOptions, type CallResult, type TestOperation } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PARAMS = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true };
/** One answer may take this long before it counts as a hang. */
const DEADLINE_MS = 5000;

let mock: MockServer;
let chat: { id: string; jwt: string; memberId: string };
let mediaRequestId: string;
/** Requests sent by the properties and their statuses, for the report. */
let sent = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  // The media request below comes from the agent; nothing here opens an event stream.
  mock = await start({ agentReplyDelayMs: 5, routeWithoutEventStream: true });
  const f = mock.fixtures.webchat;
  const created = await call(mock, 'postWebchatGuestConversations', {
    body: { organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Fuzz' } },
  });
  chat = { id: created.body.id, jwt: created.body.jwt, memberId: created.body.member.id };
  // A real media request, so the PATCH bodies reach the handler.
  await call(mock, 'postWebchatGuestConversationMemberMessages', { token: chat.jwt, params: { conversationId: chat.id, memberId: chat.memberId }, body: { body: 'can we screen share?' } });
  mediaRequestId = await eventually(async () => {
    const r = await call(mock, 'getWebchatGuestConversationMediarequests', { token: chat.jwt, params: { conversationId: chat.id } });
    return r.body.entities?.[0]?.id as string | undefined;
  });
});
afterAll(() => mock.close());

// ---- Values from a schema --------------------------------------------------------------------------

const DOCS = { textbots: loadBundle('textbots'), webchat: loadBundle('webchat'), botmessage: loadBundle('botmessage') };

function deref(doc: Schema, node: Schema): Schema {
  let n = node;
  while (n && typeof n.$ref === 'string') n = (n.$ref as string).slice(2).split('/').reduce((o: Schema, k: string) => o[k.replace(/~1/g, '/')], doc);
  return n ?? {};
}

const STRING_BY_FORMAT: Record<string, fc.Arbitrary<string>> = {
  'date-time': fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString()),
  uri: fc.webUrl(),
  'uri-reference': fc.webPath(),
};

/** Strings that stress handlers rather than the schema: empty, huge, odd code points, injection-looking. */
const NASTY_STRING = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\ud800', '☃', '../../etc/passwd', '{"a":1}', '<script>', '%00', 'screen share', 'co-browse', 'cancel', '__proto__', 'constructor', '9'.repeat(400)),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/**
 * A value the schema allows; with `edgy`, also values just past its limits (length, range, enum) and
 * nasty strings, which the mock must refuse (or accept) cleanly.
 */
function fromSchema(doc: Schema, node: Schema, edgy: boolean, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, node);
  if (s.allOf) {
    return fc.tuple(...(s.allOf as Schema[]).map((part) => fromSchema(doc, part, edgy, depth))).map((parts) =>
      parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[parts.length - 1],
    );
  }
  let value: fc.Arbitrary<unknown>;
  if (s.const !== undefined) value = fc.constant(s.const);
  else if (s.enum) value = fc.constantFrom(...(s.enum as unknown[]));
  else {
    const types = [s.type ?? (s.properties ? 'object' : 'any')].flat() as string[];
    value = fc.oneof(...types.map((t) => ofType(doc, s, t, edgy, depth)));
  }
  if (!edgy || s.type === 'object' || s.type === 'array' || s.properties) return value;
  const past: unknown[] = [];
  if (typeof s.maxLength === 'number') past.push('x'.repeat(s.maxLength + 1));
  if (typeof s.minLength === 'number' && s.minLength > 0) past.push('x'.repeat(s.minLength - 1));
  if (typeof s.minimum === 'number') past.push(s.minimum - 1);
  if (typeof s.maximum === 'number') past.push(s.maximum + 1);
  if (s.enum) past.push('NOT_IN_ENUM', String(s.enum[0]).toLowerCase());
  return fc.oneof({ arbitrary: value, weight: 3 }, { arbitrary: past.length > 0 ? fc.constantFrom(...past) : NASTY_STRING, weight: 1 }, { arbitrary: NASTY_STRING, weight: 1 });
}

function ofType(doc: Schema, s: Schema, type: string, edgy: boolean, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string': {
      const minLength = s.minLength ?? 0;
      return STRING_BY_FORMAT[s.format as string] ?? fc.string({ minLength, maxLength: Math.min(s.maxLength ?? minLength + 12, minLength + 12) });
    }
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: s.minimum ?? -1e9, max: s.maximum ?? 1e9 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(fromSchema(doc, s.items ?? {}, edgy, depth + 1), { minLength: s.minItems ?? 0, maxLength: 3 });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const names = Object.keys(props).filter((n) => !props[n]?.readOnly);
      const required = (s.required ?? []) as string[];
      const known = fc.record(Object.fromEntries(names.map((n) => [n, fromSchema(doc, props[n]!, edgy, depth + 1)])), { requiredKeys: names.filter((n) => required.includes(n)) });
      if (s.additionalProperties === false || s.additionalProperties === undefined) return known;
      const extra = s.additionalProperties === true ? {} : (s.additionalProperties as Schema);
      return fc.tuple(known, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fromSchema(doc, extra, edgy, depth + 1), { maxKeys: 3 })).map(([a, b]) => ({ ...b, ...a }));
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** A valid value with one field replaced, deleted or added (at any depth). */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), NASTY_STRING, fc.constantFrom(null, -1, 1e308, 2 ** 53 + 1, [], {}, true));
  return fc.tuple(valid, fc.nat(), junk, fc.constantFrom('replace', 'delete', 'add')).map(([value, pick, j, how]) => {
    const copy = structuredClone(value);
    const holders: Array<Record<string, unknown>> = [];
    const walk = (v: unknown) => {
      if (v && typeof v === 'object') {
        holders.push(v as Record<string, unknown>);
        for (const child of Object.values(v)) walk(child);
      }
    };
    walk(copy);
    if (holders.length === 0) return j;
    const holder = holders[pick % holders.length]!;
    const keys = Object.keys(holder);
    const key = keys.length > 0 && how !== 'add' ? keys[pick % keys.length]! : `extra${pick % 7}`;
    if (how === 'delete') delete holder[key];
    else holder[key] = j;
    return copy;
  });
}

/** Text that is not (quite) JSON: truncated documents, stray bytes, other media. */
const NOT_JSON = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.jsonValue({ maxDepth: 3 }).chain((v) => {
    const text = JSON.stringify(v) ?? 'null';
    return fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
  }),
  fc.constantFrom('{', '[', '{"a":}', '{"a" 1}', 'nul', 'NaN', '{"a":1}{"b":2}', '\ufeff{}', '{"a":"\\ud800"}', '[1,]', '0x10'),
);

/** A valid value with a field nested 1 to 12,000 levels deep (the mock accepts up to 64 in all). */
function deepened(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.tuple(valid, fc.integer({ min: 1, max: 12_000 }), fc.constantFrom('[', '{"a":')).map(([value, levels, open]) => {
    const nested = open.repeat(levels) + (open === '[' ? ']' : '1}').repeat(levels);
    const text = JSON.stringify(value) ?? 'null';
    return text.startsWith('{') && text !== '{}' ? `{"deep":${nested},${text.slice(1)}` : `{"deep":${nested}}`;
  });
}

/** Every body a property may send, as the raw text on the wire. */
function bodies(op: TestOperation): fc.Arbitrary<string> {
  const doc = DOCS[op.api];
  const pathItem = doc.paths[op.specPath][op.method.toLowerCase()];
  const schema = pathItem.requestBody.content['application/json'].schema as Schema;
  const valid = fromSchema(doc, schema, false);
  const json = (arb: fc.Arbitrary<unknown>) => arb.map((v) => JSON.stringify(v) ?? 'null');
  return fc.oneof(
    { arbitrary: json(valid), weight: 3 },
    { arbitrary: json(fromSchema(doc, schema, true)), weight: 3 },
    { arbitrary: json(mutated(valid)), weight: 3 },
    { arbitrary: json(fc.jsonValue({ maxDepth: 4 })), weight: 1 },
    { arbitrary: deepened(valid), weight: 1 },
    { arbitrary: NOT_JSON, weight: 1 },
  );
}

// ---- The properties --------------------------------------------------------------------------------

function authFor(op: TestOperation): CallOptions {
  if (op.auth === 'oauth') return { token: mock.fixtures.oauth.accessToken };
  if (op.auth === 'guest') return { token: chat.jwt };
  if (op.auth === 'basic') return { basic: [mock.fixtures.botmessage.username, mock.fixtures.botmessage.password] };
  return {};
}

function paramsFor(op: TestOperation): Record<string, string> {
  const f = mock.fixtures;
  const known: Record<string, string> = {
    deploymentId: f.webchat.deploymentId,
    conversationId: chat.id,
    memberId: chat.memberId,
    mediaRequestId,
    departmentUUID: f.botmessage.departmentUUID,
    userUUID: f.botmessage.userUUID,
  };
  return Object.fromEntries([...op.servedPath.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, known[name!] ?? 'x']));
}

/** One call within the deadline; the answer is checked against the spec by `call`. */
async function answered(operationId: string, options: CallOptions): Promise<CallResult> {
  sent++;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${operationId}: no answer in ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  try {
    const r = await Promise.race([call(mock, operationId, options), deadline]);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(r.status, `${operationId} answered ${r.status}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
    return r;
  } finally {
    clearTimeout(timer);
  }
}

const BODY_OPS = OPERATIONS.filter((op) => op.hasBody);

describe(`fuzzing request bodies from the schemas (${RUNS} runs per property)`, () => {
  it('covers every operation with a body', () => {
    expect(BODY_OPS.map((op) => op.operationId).sort()).toEqual(
      [
        'patchWebchatGuestConversationMediarequest',
        'postTextbotsBotsExecute',
        'postWebchatDeployments',
        'postWebchatGuestConversationMemberMessages',
        'postWebchatGuestConversations',
        'putWebchatDeployment',
        'putWebchatSettings',
        'saveBotMessage',
        'sendBotMessage',
      ].sort(),
    );
  });

  it.each(BODY_OPS.map((op) => [op.operationId, op] as const))('%s: never a 5xx, never a hang, always a declared answer', async (_id, op) => {
    await fc.assert(
      fc.asyncProperty(bodies(op), async (raw) => {
        await answered(op.operationId, { ...authFor(op), params: paramsFor(op), rawBody: raw, headers: { 'Content-Type': 'application/json' } });
      }),
      PARAMS,
    );
  });

  it('arbitrary path ids: never a 5xx, never a hang', async () => {
    const withIds = OPERATIONS.filter((op) => op.servedPath.includes('{') && !op.hasBody);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withIds), fc.string({ unit: 'binary', maxLength: 40 }), async (op, id) => {
        const params = paramsFor(op);
        const name = Object.keys(params)[0]!;
        // Methods that change state only on ids that cannot be the fixtures'.
        await answered(op.operationId, { ...authFor(op), params: { ...params, [name]: op.method === 'GET' ? id : `z${id}` } });
      }),
      PARAMS,
    );
  });

  it('afterwards, every read of the state answers 200 with a valid body', async () => {
    const token = mock.fixtures.oauth.accessToken;
    const list = await call(mock, 'getWebchatDeployments', { token });
    expect(list.status).toBe(200);
    for (const d of list.body.entities as Array<{ id: string }>) {
      expect((await call(mock, 'getWebchatDeployment', { token, params: { deploymentId: d.id } })).status).toBe(200);
    }
    expect((await call(mock, 'getWebchatSettings', { token })).status).toBe(200);
    const guest = { token: chat.jwt, params: { conversationId: chat.id } };
    expect((await call(mock, 'getWebchatGuestConversationMessages', guest)).status).toBe(200);
    expect((await call(mock, 'getWebchatGuestConversationMembers', guest)).status).toBe(200);
    expect((await call(mock, 'getWebchatGuestConversationMediarequests', guest)).status).toBe(200);
    // For the report: how many requests the properties sent.
    const spread = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
    console.log(`fuzz: ${sent} requests over ${BODY_OPS.length + 1} properties (${RUNS} runs each): ${spread}`);
  });
});
