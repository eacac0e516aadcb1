/**
 * Ajv as an independent oracle for the generated rule set: every operation's parameter, body and
 * response rules are compiled straight from the bundled spec with Ajv (JSON Schema 2020-12), and both
 * judge the same fast-check inputs (valid ones drawn from the schema, mutated ones, and arbitrary JSON).
 * They must agree on accept/refuse and on the failing fields and their wording.
 * Formats are this package's own definitions (src/core/rules-formats.ts) on both sides; the last test
 * checks those against ajv-formats on valid values.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_FORMATS, STRING_FORMATS } from '../../src/core/rules-formats.js';
import { validators, type Rule, type Validator } from '../../src/core/rules.js';
import type { OperationDef } from '../../src/core/operation.js';
import { operations as textbotsOps } from '../../generated/textbots/operations.js';
import { operations as webchatOps } from '../../generated/webchat/operations.js';
import { operations as botmessageOps } from '../../generated/botmessage/operations.js';
import * as textbotsResponses from '../../generated/textbots/response-validators.js';
import * as webchatResponses from '../../generated/webchat/response-validators.js';
import * as botmessageResponses from '../../generated/botmessage/response-validators.js';
import { loadBundle, type Schema } from '../helpers/specs.js';

type Api = 'textbots' | 'webchat' | 'botmessage';
const OURS: Record<Api, { ops: Record<string, OperationDef>; responses: Record<string, unknown> }> = {
  textbots: { ops: textbotsOps as unknown as Record<string, OperationDef>, responses: validators(textbotsResponses as Record<string, Rule>) },
  webchat: { ops: webchatOps as unknown as Record<string, OperationDef>, responses: validators(webchatResponses as Record<string, Rule>) },
  botmessage: { ops: botmessageOps as unknown as Record<string, OperationDef>, responses: validators(botmessageResponses as Record<string, Rule>) },
};
const DOC_ID = 'https://oracle.invalid/doc';
const RUNS = 150;

interface Target {
  name: string;
  schema: Schema;
  ours: Validator;
  ajv: ValidateFunction;
}

function newAjv(doc: Schema): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  for (const [name, check] of Object.entries(STRING_FORMATS)) ajv.addFormat(name, check);
  for (const [name, check] of Object.entries(NUMBER_FORMATS)) ajv.addFormat(name, { type: 'number', validate: check });
  ajv.addSchema({ $id: DOC_ID, components: { schemas: doc.components.schemas } });
  return ajv;
}

const deref = (doc: Schema, node: Schema): Schema => {
  let n = node;
  while (n && typeof n.$ref === 'string') n = n.$ref.slice(2).split('/').reduce((o: Schema, k: string) => o[k.replace(/~1/g, '/')], doc);
  return n;
};
const absolute = (schema: Schema): Schema => JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, `"${DOC_ID}#/components/schemas/`)) as Schema;

/** OpenAPI parameters as the client passes them: `{ path, query }`, unknown names refused (also where none are declared). */
function paramsSchema(params: Schema[]): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const location of ['path', 'query']) {
    const own = params.filter((p) => p.in === location);
    if (own.length === 0) {
      properties[location] = { type: 'object', additionalProperties: false };
      continue;
    }
    properties[location] = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
      required: own.filter((p) => p.required).map((p) => p.name),
    };
    if (own.some((p) => p.required)) required.push(location);
  }
  return { type: 'object', properties, required };
}

/** Every rule the generated modules hold, each paired with Ajv's compilation of the same spec schema. */
function targetsOf(api: Api): Target[] {
  const doc = loadBundle(api);
  const ajv = newAjv(doc);
  const targets: Target[] = [];
  const add = (name: string, schema: Schema, ours: unknown) => {
    expect(typeof ours, `${name} has a generated validator`).toBe('function');
    targets.push({ name, schema, ours: ours as Validator, ajv: ajv.compile(absolute(schema)) });
  };
  for (const item of Object.values(doc.paths as Record<string, Schema>)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters' || typeof op?.operationId !== 'string') continue;
      const def = OURS[api].ops[op.operationId]!;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Schema) => deref(doc, p));
      add(`${op.operationId} params`, paramsSchema(params), def.validateParams);
      const body = deref(doc, op.requestBody ?? {}).content?.['application/json']?.schema;
      if (body) add(`${op.operationId} body`, body, def.validateBody);
      const status = Object.keys(op.responses).sort().find((s) => s.startsWith('2'))!;
      const response = deref(doc, op.responses[status]).content?.['application/json']?.schema;
      if (response) add(`${op.operationId} response`, response, OURS[api].responses[`${op.operationId}Response`]);
    }
  }
  return targets;
}

// ---- what Ajv's errors say, in this package's words (the wording src/core/rules.ts must produce) ----

const WORDING: Record<string, (p: Record<string, any>) => string> = {
  required: () => 'is required',
  additionalProperties: () => 'is not a parameter of this operation',
  type: (p) => `must be ${String(p.type)}`,
  enum: (p) => `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
  const: (p) => `must be ${JSON.stringify(p.allowedValue)}`,
  format: (p) => `must be a valid ${p.format}`,
  minLength: (p) => `must have at least ${p.limit} character(s)`,
  maxLength: (p) => `must have at most ${p.limit} characters`,
  minItems: (p) => `must have at least ${p.limit} item(s)`,
  maxItems: (p) => `must have at most ${p.limit} items`,
  minimum: (p) => `must be >= ${p.limit}`,
  maximum: (p) => `must be <= ${p.limit}`,
};

function ajvIssues(errors: ErrorObject[]): string[] {
  return errors.map((e) => {
    const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') segments.push(String(e.params.missingProperty));
    if (e.keyword === 'additionalProperties') segments.push(String(e.params.additionalProperty));
    const say = WORDING[e.keyword];
    return `${segments.map((s) => `.${s}`).join('')} ${say ? say(e.params) : `fails ${e.keyword}`}`;
  }).sort();
}

function verdicts(target: Target, value: unknown): { ours: string[] | true; ajv: string[] | true } {
  const ours = target.ours(value) || (target.ours.errors ?? []).map((i) => `${i.path} ${i.message}`).sort();
  const ajv = target.ajv(value) || ajvIssues(target.ajv.errors ?? []);
  return { ours, ajv };
}

// ---- inputs: valid values drawn from the schema, the same with one thing broken, and any JSON ----

function merge(doc: Schema, parts: Schema[]): Schema {
  const out: Schema = {};
  for (const raw of parts) {
    const part = deref(doc, raw);
    const flat = part.allOf ? merge(doc, part.allOf) : part;
    for (const [key, value] of Object.entries(flat)) {
      if (key === 'properties') {
        out.properties ??= {};
        for (const [name, s] of Object.entries(value as Schema)) out.properties[name] = out.properties[name] ? { allOf: [out.properties[name], s] } : s;
      } else if (key === 'required') out.required = [...(out.required ?? []), ...(value as string[])];
      else out[key] = value;
    }
  }
  return out;
}

/**
 * Values of the schema; with `edgy`, every leaf may instead sit just past one of its limits
 * (a number one past its bound or outside int32, a string one character too long or short or not in
 * its format, a value outside its enum).
 */
function validValue(doc: Schema, node: Schema, depth = 0, edgy = false): fc.Arbitrary<unknown> {
  let s = deref(doc, node);
  if (s.allOf) s = merge(doc, s.allOf);
  const value = s.const !== undefined ? fc.constant(s.const) : s.enum ? fc.constantFrom(...(s.enum as unknown[])) : fc.oneof(...([s.type ?? 'any'].flat() as string[]).map((t) => valueOfType(doc, s, t, depth, edgy)));
  return edgy && s.type !== 'object' && s.type !== 'array' ? fc.oneof(value, pastLimits(s)) : value;
}

function pastLimits(s: Schema): fc.Arbitrary<unknown> {
  const near: unknown[] = ['bogus'];
  if (s.minimum !== undefined) near.push(s.minimum - 1, s.minimum - 0.5);
  if (s.maximum !== undefined) near.push(s.maximum + 1, s.maximum + 0.5);
  if (s.format === 'int32') near.push(2 ** 31, -(2 ** 31) - 1, 3000000000);
  if (s.format === 'int64') near.push(2 ** 53, 1.5);
  if (s.minLength !== undefined) near.push('x'.repeat(Math.max(0, s.minLength - 1)));
  if (s.maxLength !== undefined) near.push('x'.repeat(s.maxLength + 1), '😀'.repeat(s.maxLength));
  if (s.format && STRING_FORMATS[s.format]) near.push('not-a-' + s.format, '2024-02-30T10:00:00Z');
  return fc.constantFrom(...near);
}

const STRING_BY_FORMAT: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid(),
  'date-time': fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }).map((d) => d.toISOString()),
  uri: fc.webUrl(),
  'uri-reference': fc.webPath(),
  email: fc.constantFrom('a@example.com', 'first.last@example.org'),
};

function valueOfType(doc: Schema, s: Schema, type: string, depth: number, edgy: boolean): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string': {
      const minLength = s.minLength ?? 0;
      return STRING_BY_FORMAT[s.format] ?? fc.string({ minLength, maxLength: Math.min(s.maxLength ?? minLength + 8, minLength + 8) });
    }
    case 'integer': {
      const wide = s.format !== 'int32';
      const min = Math.max(s.minimum ?? -1e6, -(2 ** 31));
      const max = Math.min(s.maximum ?? 1e6, 2 ** 31 - 1);
      return wide ? fc.oneof(fc.integer({ min, max }), fc.constant(Number.MAX_SAFE_INTEGER).filter(() => max > 1e6 || s.maximum === undefined)) : fc.integer({ min, max });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: s.minimum ?? -1e9, max: s.maximum ?? 1e9 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(validValue(doc, s.items ?? {}, depth + 1, edgy), { minLength: s.minItems ?? 0, maxLength: 3 });
    case 'object':
      return objectValue(doc, s, depth, edgy);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(doc: Schema, s: Schema, depth: number, edgy: boolean): fc.Arbitrary<unknown> {
  const required: string[] = s.required ?? [];
  const names = Object.keys(s.properties ?? {}).filter((n) => depth < 4 || required.includes(n));
  const known = fc.record(Object.fromEntries(names.map((n) => [n, validValue(doc, s.properties[n], depth + 1, edgy)])), { requiredKeys: names.filter((n) => required.includes(n)) });
  const extraSchema = s.additionalProperties;
  if (!extraSchema || extraSchema === true || depth > 3) return known;
  const extraKey = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !(k in (s.properties ?? {})) && k !== '__proto__');
  return fc.tuple(known, fc.dictionary(extraKey, validValue(doc, extraSchema, depth + 1, edgy), { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a }));
}

const JUNK = fc.constantFrom<unknown>('', 'x', 'a b', 'not-a-uuid', '2024-13-01T25:00:00Z', 0, -1, 1.5, 101, 3000000000, 2 ** 60, true, null, {}, [], ['x'], { zz: 1 });

/** The value with one node replaced by junk, one key removed, or one unknown key added. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), JUNK, fc.constantFrom('replace', 'delete', 'add')).map(([value, pick, junk, how]) => {
    const copy = structuredClone(value);
    const nodes: Array<{ parent?: any; key?: string | number; node: unknown }> = [];
    const walk = (node: unknown, parent?: any, key?: string | number) => {
      nodes.push({ parent, key, node });
      if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, node, Array.isArray(node) ? Number(k) : k);
    };
    walk(copy);
    const { parent, key, node } = nodes[pick % nodes.length]!;
    if (how === 'add' && node && typeof node === 'object' && !Array.isArray(node)) (node as Record<string, unknown>).zz = junk;
    else if (how === 'delete' && parent && !Array.isArray(parent)) delete parent[key!];
    else if (parent) parent[key!] = junk;
    else return junk;
    return copy;
  });
}

// ---- the cross-check ----

describe.each(['textbots', 'webchat', 'botmessage'] as const)('generated rules agree with Ajv on the %s spec', (api) => {
  const doc = loadBundle(api);
  const targets = targetsOf(api);

  it('covers every operation: parameters, every request body, every success body', () => {
    const ops = Object.entries(OURS[api].ops);
    expect(ops.length).toBeGreaterThan(0);
    for (const [id, def] of ops) {
      expect(targets.some((t) => t.name === `${id} params`), `${id} params`).toBe(true);
      // A body rule for exactly the operations that take a body, each cross-checked below.
      expect(targets.some((t) => t.name === `${id} body`), `${id} body`).toBe(def.body !== 'none');
      expect(def.validateBody !== undefined, `${id} has a generated body validator`).toBe(def.body !== 'none');
      if (def.successBody) expect(targets.some((t) => t.name === `${id} response`), `${id} response`).toBe(true);
    }
  });

  it.each(targets.map((t) => [t.name, t] as const))('%s', (_name, target) => {
    const valid = validValue(doc, target.schema);
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: validValue(doc, target.schema, 0, true), weight: 3 }, { arbitrary: mutated(valid), weight: 2 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 }), (value) => {
        const { ours, ajv } = verdicts(target, value);
        expect(ours).toEqual(ajv);
        if (ajv === true) accepted++;
      }),
      { numRuns: RUNS },
    );
    // Both sides of the line are exercised: some inputs pass, some fail.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(RUNS);
  });
});

describe('formats', () => {
  it("this package's string formats accept what ajv-formats accepts on valid values, and refuse the same broken ones", () => {
    const ajv = ajvFormats.default(new Ajv2020({ strict: false }));
    const byAjv = (format: string) => ajv.compile({ type: 'string', format });
    for (const format of ['uuid', 'date-time', 'uri', 'email'] as const) {
      const theirs = byAjv(format);
      fc.assert(fc.property(STRING_BY_FORMAT[format]!, (s) => { expect([s, STRING_FORMATS[format]!(s)]).toEqual([s, theirs(s)]); }), { numRuns: 100 });
      for (const broken of ['', 'a b', 'not valid at all']) expect([format, broken, STRING_FORMATS[format]!(broken)]).toEqual([format, broken, theirs(broken)]);
    }
  });

  it('date-time is judged on the calendar, as ajv-formats judges it (Date.parse rolls February 30 over to March)', () => {
    const theirs = ajvFormats.default(new Ajv2020({ strict: false })).compile({ type: 'string', format: 'date-time' });
    const edges = [
      '2026-02-30T10:00:00Z', '2024-02-29T10:00:00Z', '2023-02-29T10:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-05-00T00:00:00Z',
      '2026-05-06T24:00:00Z', '2026-05-06T23:60:00Z', '2026-05-06T23:59:60Z', '2026-05-06T22:59:60-01:00', '2026-05-06T23:59:60+01:00', '2026-05-06T10:00:60Z',
      '2026-05-06T10:00:00+24:00', '2026-05-06T10:00:00+05:60', '2026-05-06T10:00:00.123456+05:30', '2026-05-06t10:00:00z', '2026-05-06T10:00:00',
    ];
    for (const s of edges) expect([s, STRING_FORMATS['date-time']!(s)]).toEqual([s, theirs(s)]);
    // Any calendar instant in either written form.
    fc.assert(fc.property(fc.date({ min: new Date(-62135596800000), max: new Date(253402300799000), noInvalidDate: true }), fc.constantFrom('Z', '+05:30', '-11:00'), (d, zone) => {
      const s = d.toISOString().replace('Z', zone);
      expect([s, STRING_FORMATS['date-time']!(s)]).toEqual([s, theirs(s)]);
    }), { numRuns: 300 });
  });
});
