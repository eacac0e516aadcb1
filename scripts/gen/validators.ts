import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineHeader } from '../lib/header.ts';
import { asObject, listOperations, type Json, type JsonObject, type SpecOperation } from '../lib/spec-model.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/validators.ts';

/**
 * The keywords src/core/rules.ts checks. Any other keyword in a spec schema stops the generator: a rule
 * the checker would silently skip is a hole in validation, so it must be implemented there first.
 */
const CHECKED = new Set([
  'type', '$ref', 'const', 'enum', 'allOf', 'anyOf', 'oneOf',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'format',
  'minItems', 'maxItems', 'items', 'required', 'properties', 'additionalProperties',
]);

/** Annotations without a validation meaning: left out of the rules to keep them small. */
const DOC_ONLY = new Set(['example', 'examples', 'description', 'title', 'deprecated', 'externalDocs', 'readOnly', 'writeOnly', 'default', '$comment']);

const COMPONENT_REF = '#/components/schemas/';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The file whose predicates are copied into the rules files that use them (read as text: see {@link formatTable}). */
export const FORMATS_SOURCE = 'src/core/rules-formats.ts';

interface FormatTable {
  /** Format name → export name of its predicate, for strings and for numbers. */
  string: Map<string, string>;
  number: Map<string, string>;
  /** Export name → the predicate's source text (`(s: string): boolean => …;`). */
  sources: Map<string, string>;
}

let table: FormatTable | undefined;

/**
 * {@link FORMATS_SOURCE} read as text (never imported, so a cached build of this script cannot hold a
 * stale copy): each `export const name = … => …;` on one line, or up to the `};` closing a block body,
 * and the entries `'format': name,` of its `STRING_FORMATS` and `NUMBER_FORMATS` tables.
 */
function formatTable(): FormatTable {
  if (table) return table;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, FORMATS_SOURCE)) && dirname(dir) !== dir) dir = dirname(dir);
  const lines = readFileSync(join(dir, FORMATS_SOURCE), 'utf8').split('\n');
  const found: FormatTable = { string: new Map(), number: new Map(), sources: new Map() };
  let inTable: Map<string, string> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const head = /^export const (\w+) = (.*=>.*)$/.exec(line);
    if (head) {
      let end = i;
      if (line.endsWith('{')) while (end < lines.length - 1 && lines[end] !== '};') end++;
      found.sources.set(head[1]!, [head[2]!, ...lines.slice(i + 1, end + 1)].join('\n'));
      i = end;
      continue;
    }
    if (/^export const STRING_FORMATS\b/.test(line)) inTable = found.string;
    else if (/^export const NUMBER_FORMATS\b/.test(line)) inTable = found.number;
    else if (line.startsWith('}')) inTable = undefined;
    else if (inTable) {
      const entry = /^\s*'?([\w-]+)'?: (\w+),?$/.exec(line);
      if (entry) inTable.set(entry[1]!, entry[2]!);
    }
  }
  for (const name of [...found.string.values(), ...found.number.values()]) {
    if (!found.sources.has(name)) throw new Error(`${FORMATS_SOURCE}: \`${name}\` must be one \`export const ${name} = (…) => …\` of its own`);
  }
  return (table = found);
}

/** A format's predicate: the rule field that holds it and its name in {@link FORMATS_SOURCE}; undefined when not checked. */
function formatPredicate(format: string): { field: 'stringFormat' | 'numberFormat'; name: string } | undefined {
  const { string, number } = formatTable();
  const inString = string.get(format);
  if (inString) return { field: 'stringFormat', name: inString };
  const inNumber = number.get(format);
  return inNumber ? { field: 'numberFormat', name: inNumber } : undefined;
}

/** Writes rules as TypeScript source: named component rules as `const`s, referenced by name. */
class RuleWriter {
  /** Component name → emitted `const` (in dependency order), or `null` while being written. */
  private readonly consts = new Map<string, string | null>();
  private readonly names = new Map<string, string>();
  /** Export names (in {@link FORMATS_SOURCE}) of the format predicates the rules written so far call. */
  private readonly predicates = new Set<string>();

  constructor(private readonly components: JsonObject, private readonly api: string) {}

  /** Source text of a rule for `schema`; `where` names it in errors. */
  rule(schema: Json, where: string): string {
    const node = asObject(schema);
    const keys = Object.keys(node).filter((k) => !DOC_ONLY.has(k) && !k.startsWith('x-'));
    if (keys.length === 1 && keys[0] === '$ref') return this.ref(node.$ref ?? null, where, false);
    const parts: string[] = [];
    for (const key of keys) {
      if (!CHECKED.has(key)) throw new Error(`${this.api}: ${where} uses \`${key}\`, which src/core/rules.ts does not check; implement it there and list it in scripts/gen/validators.ts`);
      parts.push(`${key === '$ref' ? '$ref' : propertyKey(key)}:${this.value(key, node[key]!, `${where}.${key}`)}`);
      const predicate = key === 'format' && typeof node.format === 'string' ? formatPredicate(node.format) : undefined;
      if (predicate) {
        this.predicates.add(predicate.name);
        parts.push(`${predicate.field}:$$${predicate.name}`);
      }
    }
    return `{${parts.join(',')}}`;
  }

  private value(key: string, value: Json, where: string): string {
    switch (key) {
      case '$ref':
        return this.ref(value, where, true);
      case 'items':
        return this.rule(value, where);
      case 'additionalProperties':
        return typeof value === 'boolean' ? String(value) : this.rule(value, where);
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        return `[${(value as Json[]).map((s, i) => this.rule(s, `${where}[${i}]`)).join(',')}]`;
      case 'properties':
        return `{${Object.entries(asObject(value)).map(([name, s]) => `${propertyKey(name)}:${this.rule(s, `${where}.${name}`)}`).join(',')}}`;
      case 'const':
      case 'enum':
        for (const v of key === 'enum' ? (value as Json[]) : [value]) {
          if (v !== null && typeof v === 'object') throw new Error(`${this.api}: ${where} holds an object or array; the checker compares primitives only`);
        }
        return JSON.stringify(value);
      default:
        return JSON.stringify(value);
    }
  }

  /** A named rule by reference; as a function where it points back into a rule still being written. */
  private ref(target: Json, where: string, wrapped: boolean): string {
    if (typeof target !== 'string' || !target.startsWith(COMPONENT_REF)) throw new Error(`${this.api}: ${where}: only ${COMPONENT_REF}… references are supported, got ${String(target)}`);
    const component = target.slice(COMPONENT_REF.length);
    const name = this.constName(component);
    if (!this.consts.has(component)) {
      this.consts.set(component, null);
      const source = this.rule(this.components[component] ?? null, `components.schemas.${component}`);
      this.consts.delete(component); // re-inserted last: every const follows the ones it uses
      this.consts.set(component, `const ${name}: Rule = ${source};`);
    }
    if (this.consts.get(component) !== null) return name;
    return wrapped ? `() => ${name}` : `{$ref:() => ${name}}`;
  }

  private constName(component: string): string {
    let name = this.names.get(component);
    if (!name) {
      const base = `$${component.replace(/[^\w$]/g, '_')}`;
      const taken = new Set(this.names.values());
      name = base;
      for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
      this.names.set(component, name);
    }
    return name;
  }

  /**
   * The format predicates the rules call (copied from {@link FORMATS_SOURCE}: each chunk carries its own),
   * then the `const` declarations of every component rule used so far, each after those it uses.
   */
  declarations(): string[] {
    const predicates = [...this.predicates].sort().map((name) => `const $$${name} = ${formatTable().sources.get(name)!}`);
    return [...predicates, ...[...this.consts.values()].filter((s): s is string => s !== null)];
  }
}

function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/**
 * The rule for an operation's parameters, as the client passes them: `{ path, query }`. Unknown names
 * are refused (a misspelt parameter is a bug the caller wants to hear about, not a dropped value), on
 * every operation: one that declares no query parameter refuses `?pageSize=5` as well, by name.
 */
function paramsSchema(op: SpecOperation): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const location of ['path', 'query', 'header'] as const) {
    const params = op.params.filter((p) => p.in === location);
    if (params.length === 0) {
      if (location !== 'header') properties[location] = { type: 'object', additionalProperties: false };
      continue;
    }
    const names = params.filter((p) => p.required).map((p) => p.name);
    properties[location] = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      ...(names.length > 0 ? { required: names } : {}),
    };
    if (names.length > 0) required.push(location);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/**
 * One module of named validators (`roots`: export name, schema, doc comment) over `ctx.doc.components.schemas`.
 * `bound` (the default): exports are validators; otherwise plain rules, bound by whoever loads them.
 */
export function moduleFile(ctx: ApiContext, name: string, roots: Array<[string, Json, string]>, bound = true): OutputFile {
  const writer = new RuleWriter(asObject(asObject(ctx.doc.components).schemas), ctx.api.name);
  const exports = roots.map(([id, schema, doc]) => {
    const rule = writer.rule(schema, id);
    return `/** ${doc} */\nexport const ${id}${bound ? ` = /* @__PURE__ */ validator(${rule})` : `: Rule = ${rule}`};`;
  });
  const header = lineHeader({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash });
  const lines = [
    header.trimEnd(),
    bound ? `import { validator, type Rule } from '../../src/core/rules.js';` : `import type { Rule } from '../../src/core/rules.js';`,
    '',
    ...writer.declarations(),
    '',
    ...exports,
    '',
  ];
  return { path: `generated/${ctx.api.name}/${name}.ts`, content: lines.join('\n') };
}

/**
 * generated/<api>/validators.ts: the request rules (params and body of every operation) bound to the
 * checker in src/core/rules.ts; generated/<api>/response-validators.ts: the success bodies' rules,
 * loaded only for `validate: 'strict'` and bound on load (`validators()`), so that lazy chunk is data
 * only. Each named model is one shared `const`.
 */
export function validatorFiles(ctx: ApiContext): OutputFile[] {
  const requests: Array<[string, Json, string]> = [];
  const responses: Array<[string, Json, string]> = [];
  for (const op of listOperations(ctx.doc)) {
    const route = `${op.method.toUpperCase()} ${op.path}`;
    requests.push([`${op.operationId}Params`, paramsSchema(op), `${route}: parameters`]);
    if (op.body) requests.push([`${op.operationId}Body`, op.body.schema, `${route}: request body`]);
    if (op.success.schema) responses.push([`${op.operationId}Response`, op.success.schema, `${route}: ${op.success.status} response body`]);
  }
  return [moduleFile(ctx, 'validators', requests, true), moduleFile(ctx, 'response-validators', responses, false)];
}
