import ajvDraft7 from 'ajv';
import ajvStandalone from 'ajv/dist/standalone/index.js';
import { _ } from 'ajv';
import { lineHeader } from '../lib/header.ts';
import { asObject, listOperations, type Json, type JsonObject, type OperationInfo } from '../lib/spec-model.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/validators.ts';

// CommonJS modules: `.default` is the class/function under both Node's and TypeScript's interop.
// Draft-07 mode: it covers every keyword these specs use, and unlike 2020 mode it emits no top-level
// `validate.evaluated = …` statements, which would stop bundlers from dropping unused validators.
const Ajv = ajvDraft7.default;
const standaloneCode = ajvStandalone.default;

/**
 * Format checks compiled into the validators. Kept here, as source text, so the generated module
 * needs no schema compiler and no `eval` at run time (browsers with a strict CSP load it as is).
 */
const FORMATS_SOURCE = `const formats = {
  "date-time": (s) => /^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[Zz]|[+-]\\d{2}:\\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$/.test(s),
  "uri-reference": (s) => !/\\s/.test(s),
  uuid: (s) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s),
  email: (s) => /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(s),
  int32: { type: "number", validate: (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  int64: { type: "number", validate: (n) => Number.isSafeInteger(n) },
  double: { type: "number", validate: (n) => Number.isFinite(n) },
};`;

const FORMAT_NAMES = ['date-time', 'uri', 'uri-reference', 'uuid', 'email'];
const NUMBER_FORMATS = ['int32', 'int64', 'double'];

const DOC_ONLY = new Set(['example', 'examples', 'description', 'title', 'deprecated', 'externalDocs', 'readOnly', 'writeOnly', 'default']);

/** `#/components/schemas/X` → `<base>#/$defs/X`, everywhere in a schema. */
function rewriteRefs(node: Json, base: string): Json {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, base));
  if (node && typeof node === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        out[k] = `${base}#/$defs/${v.slice('#/components/schemas/'.length)}`;
      } else if (DOC_ONLY.has(k) || k.startsWith('x-')) {
        continue; // documentation only; keeps the generated module small
      } else {
        out[k] = rewriteRefs(v, base);
      }
    }
    return out;
  }
  return node;
}

function paramsSchema(op: OperationInfo, base: string): JsonObject {
  const schema: JsonObject = { type: 'object', properties: {}, required: [] };
  for (const location of ['path', 'query', 'header'] as const) {
    const params = op.params.filter((p) => p.in === location);
    if (params.length === 0) continue;
    (schema.properties as JsonObject)[location] = {
      type: 'object',
      // A misspelt parameter name is a bug the caller wants to hear about, not a silently dropped value.
      additionalProperties: false,
      properties: Object.fromEntries(params.map((p) => [p.name, rewriteRefs(p.schema, base)])),
      required: params.filter((p) => p.required).map((p) => p.name),
    };
    if (params.some((p) => p.required)) (schema.required as string[]).push(location);
  }
  return schema;
}

function newAjv(ctx: ApiContext, base: string) {
  const ajv = new Ajv({
    code: { source: true, esm: true, formats: _`formats`, optimize: 3, lines: false },
    strict: false,
    // Every failing field is reported, not just the first: a ValidationError lists them all.
    allErrors: true,
    validateFormats: true,
    // Messages are worded at run time from keyword + params (src/core/validate.ts), and each referenced
    // model becomes one function instead of being inlined at every use: both keep browser bundles small.
    messages: false,
    inlineRefs: false,
  });
  for (const f of FORMAT_NAMES) ajv.addFormat(f, () => true);
  for (const f of NUMBER_FORMATS) ajv.addFormat(f, { type: 'number', validate: () => true });
  const defs = asObject(asObject(ctx.doc.components).schemas);
  ajv.addSchema({ $id: base, $defs: rewriteRefs(defs, base) } as never);
  return ajv;
}

function moduleFiles(ctx: ApiContext, name: string, schemas: Record<string, Json>, base: string): OutputFile[] {
  const ajv = newAjv(ctx, base);
  const exportsMap: Record<string, string> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    ajv.addSchema(schema as never, id);
    exportsMap[id] = id;
  }
  let code = standaloneCode(ajv, exportsMap);
  // Ajv pulls in its runtime helpers with require(); swap the one we can hit for an inline copy.
  code = code.replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, 'ucs2length');
  if (/require\(/.test(code)) throw new Error(`${ctx.api.name}: validator code still needs require(): ${code.match(/require\([^)]*\)/)?.[0]}`);
  code = code.replace(/^"use strict";/, '');
  const ucs2 = code.includes('ucs2length') ? `function ucs2length(str) { let n = 0; for (const _c of str) n++; return n; }\n` : '';
  const fmts = code.includes('formats') ? `${FORMATS_SOURCE}\n` : '';
  const header = lineHeader({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash });
  const js = `${header}/* eslint-disable */\n${fmts}${ucs2}${code}\n`;
  const dts = [
    header.trimEnd(),
    `import type { Validator } from '../../src/core/validate.js';`,
    ...Object.keys(exportsMap).sort().map((id) => `export declare const ${id}: Validator;`),
    '',
  ].join('\n');
  return [
    { path: `generated/${ctx.api.name}/${name}.js`, content: js },
    { path: `generated/${ctx.api.name}/${name}.d.ts`, content: dts },
  ];
}

/**
 * generated/<api>/validators.js: precompiled request validators (params and body of every operation);
 * generated/<api>/response-validators.js: the response bodies, loaded only for `validate: 'strict'`.
 */
export function validatorFiles(ctx: ApiContext): OutputFile[] {
  const base = `https://bot-apis.invalid/${ctx.api.name}`;
  const requests: Record<string, Json> = {};
  const responses: Record<string, Json> = {};
  for (const op of listOperations(ctx.doc)) {
    requests[`${op.operationId}Params`] = paramsSchema(op, base);
    if (op.body) requests[`${op.operationId}Body`] = rewriteRefs(op.body.schema, base);
    if (op.success.schema) responses[`${op.operationId}Response`] = rewriteRefs(op.success.schema, base);
  }
  return [...moduleFiles(ctx, 'validators', requests, base), ...moduleFiles(ctx, 'response-validators', responses, base)];
}
