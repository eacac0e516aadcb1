/**
 * An AsyncAPI 3.0 event stream → generated/<api>/: the frame types (a discriminated union), a small runtime
 * table (kinds, topic patterns, `metadata.type` values, the server and channel), and a Markdown reference.
 * Everything is read from the document: a keyword this generator does not translate stops it.
 */
import { htmlHeader, lineHeader } from '../lib/header.ts';
import { asObject, type Json, type JsonObject } from '../lib/spec-model.ts';
import type { EventApiDef } from '../lib/apis.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/events.ts';

export interface EventContext extends ApiContext {
  api: EventApiDef;
  /** The document as written (its `$ref`s intact): types name the models they reuse. */
  source: JsonObject;
}

const LOCAL_SCHEMA = '#/components/schemas/';
/** `./webchat.yaml#/components/schemas/Model` or `…/Model/properties/field`. */
const MODEL_REF = /^\.\/([\w-]+)\.yaml#\/components\/schemas\/(\w+)(?:\/properties\/(\w+))?$/;

/** Keywords with no effect on the TypeScript type (validation-only or documentation). */
const TYPE_NEUTRAL = new Set([
  'description', 'title', 'examples', 'example', 'format', 'readOnly', 'writeOnly', 'deprecated', 'default', '$comment',
  'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'uniqueItems',
]);
const TYPED = new Set(['type', '$ref', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'allOf', 'anyOf', 'oneOf', 'pattern']);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const comment = (text: string, indent: string) => {
  const lines = text.trim().replace(/\*\//g, '*\\/').split('\n');
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
};

/** Follows local `#/…` references of the source document. */
function resolveLocal(doc: JsonObject, node: Json | undefined): JsonObject {
  let current = asObject(node);
  for (let hops = 0; typeof current.$ref === 'string' && current.$ref.startsWith('#/') && hops < 10; hops++) {
    let target: Json | undefined = doc;
    for (const segment of current.$ref.slice(2).split('/')) target = asObject(target)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    current = asObject(target);
  }
  return current;
}

/**
 * A `^…$` pattern whose only variable parts are named groups of one path segment, e.g.
 * `^v2\.conversations\.chats\.(?<conversationId>[^.]+)\.messages$`, as a topic template
 * (`v2.conversations.chats.{conversationId}.messages`); undefined for any other pattern.
 */
export function topicTemplate(pattern: string): { template: string; params: string[] } | undefined {
  const m = /^\^(.*)\$$/.exec(pattern);
  if (!m) return undefined;
  const params: string[] = [];
  let template = '';
  const re = /\(\?<(\w+)>\[\^([^\]]+)\]\+\)|\\(.)|([^\\()[\]{}^$*+?.|])/gy;
  let pos = 0;
  const body = m[1]!;
  while (pos < body.length) {
    re.lastIndex = pos;
    const t = re.exec(body);
    if (!t) return undefined;
    if (t[1]) {
      params.push(t[1]);
      template += `{${t[1]}}`;
    } else template += t[3] ?? t[4];
    pos = re.lastIndex;
  }
  return { template, params };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class TypeWriter {
  /** Model types of the OpenAPI spec the payloads reuse: model name → imported. */
  readonly imports = new Set<string>();
  constructor(private readonly api: EventApiDef) {}

  type(schema: Json | undefined, where: string, indent = ''): string {
    const node = asObject(schema);
    for (const k of Object.keys(node)) {
      if (!TYPED.has(k) && !TYPE_NEUTRAL.has(k) && !k.startsWith('x-')) throw new Error(`${this.api.spec}: ${where} uses \`${k}\`, which ${SCRIPT} does not translate to a type`);
    }
    if (typeof node.$ref === 'string') return this.ref(node.$ref, where);
    if ('const' in node) return JSON.stringify(node.const);
    if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
    if (node.allOf) return (node.allOf as Json[]).map((s, i) => this.type(s, `${where}.allOf[${i}]`, indent)).join(' & ');
    for (const k of ['oneOf', 'anyOf'] as const) if (node[k]) return (node[k] as Json[]).map((s, i) => this.type(s, `${where}.${k}[${i}]`, indent)).join(' | ');
    const types = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : [];
    if (types.length === 0) {
      if (node.properties) return this.object(node, where, indent);
      return 'unknown';
    }
    return types.map((t) => this.primitive(t, node, where, indent)).join(' | ');
  }

  private primitive(t: string, node: JsonObject, where: string, indent: string): string {
    switch (t) {
      case 'string': {
        if (typeof node.pattern !== 'string') return 'string';
        const topic = topicTemplate(node.pattern);
        return topic ? `\`${topic.template.replace(/`/g, '\\`').replace(/\{\w+\}/g, '${string}')}\`` : 'string';
      }
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        return `Array<${this.type(node.items, `${where}.items`, indent)}>`;
      case 'object':
        return this.object(node, where, indent);
      default:
        throw new Error(`${this.api.spec}: ${where}: unknown type ${t}`);
    }
  }

  object(node: JsonObject, where: string, indent: string): string {
    const required = new Set((node.required as string[] | undefined) ?? []);
    const inner = `${indent}  `;
    let out = '{\n';
    for (const [name, prop] of Object.entries(asObject(node.properties))) {
      const p = asObject(prop);
      const doc = typeof p.description === 'string' ? p.description : this.describedRef(p);
      if (doc) out += comment(doc, inner);
      out += `${inner}${key(name)}${required.has(name) ? '' : '?'}: ${this.type(prop, `${where}.${name}`, inner)};\n`;
    }
    const extra = node.additionalProperties;
    if (extra && typeof extra === 'object') out += `${inner}[key: string]: ${this.type(extra, `${where}.additionalProperties`, inner)};\n`;
    return `${out}${indent}}`;
  }

  /** The description a property borrows from the model field it references. */
  private describedRef(p: JsonObject): string | undefined {
    const m = typeof p.$ref === 'string' ? MODEL_REF.exec(p.$ref) : null;
    if (m?.[3]) return `The \`${m[3]}\` of a \`${m[2]}\` (${m[1]}.yaml).`;
    return undefined;
  }

  private ref(ref: string, where: string): string {
    if (ref.startsWith(LOCAL_SCHEMA)) return ref.slice(LOCAL_SCHEMA.length);
    const m = MODEL_REF.exec(ref);
    if (!m || m[1] !== this.api.models) throw new Error(`${this.api.spec}: ${where}: only ${LOCAL_SCHEMA}… and ./${this.api.models}.yaml#/components/schemas/… references are supported, got ${ref}`);
    this.imports.add(m[2]!);
    // The model's field is optional there; the event's own `required` says whether it is here.
    return m[3] ? `NonNullable<${m[2]}[${JSON.stringify(m[3])}]>` : m[2]!;
  }
}

interface EventKind {
  /** The message's `name`: `metadata.type` where the frame has one. */
  kind: string;
  messageKey: string;
  title: string;
  summary: string;
  /** Schema (component) name of the frame, the TypeScript type. */
  schema: string;
  metadataType: string | null;
  topic: { template: string; pattern: string; params: string[] };
}

/** The kinds of frame, one per message of the receive operation(s), in document order. */
export function eventKinds(ctx: EventContext): EventKind[] {
  const doc = ctx.source;
  const out: EventKind[] = [];
  for (const [opId, opNode] of Object.entries(asObject(doc.operations))) {
    const op = asObject(opNode);
    if (op.action !== 'receive') continue;
    for (const ref of (op.messages as Json[] | undefined) ?? []) {
      const message = resolveLocal(doc, ref);
      const messageKey = String(asObject(ref).$ref ?? '').split('/').pop() ?? '';
      const payloadRef = asObject(message.payload).$ref;
      if (typeof payloadRef !== 'string' || !payloadRef.startsWith(LOCAL_SCHEMA)) throw new Error(`${ctx.api.spec}: operations.${opId}: message ${messageKey} needs a payload $ref to ${LOCAL_SCHEMA}…`);
      const schema = payloadRef.slice(LOCAL_SCHEMA.length);
      const payload = resolveLocal(doc, message.payload);
      const props = asObject(payload.properties);
      const metaType = asObject(asObject(resolveLocal(doc, props.metadata).properties).type);
      const topicNode = resolveLocal(doc, props.topicName);
      let topic: EventKind['topic'];
      if (typeof topicNode.const === 'string') topic = { template: topicNode.const, pattern: `^${escapeRegExp(topicNode.const)}$`, params: [] };
      else if (typeof topicNode.pattern === 'string') {
        const t = topicTemplate(topicNode.pattern);
        if (!t) throw new Error(`${ctx.api.spec}: ${schema}.topicName: pattern ${topicNode.pattern} is not a topic template (literal text and (?<name>[^.]+) groups)`);
        topic = { ...t, pattern: topicNode.pattern };
      } else throw new Error(`${ctx.api.spec}: ${schema}.topicName needs a const or a pattern`);
      const kind = String(message.name ?? messageKey);
      const metadataType = typeof metaType.const === 'string' ? metaType.const : null;
      if (metadataType !== null && metadataType !== kind) throw new Error(`${ctx.api.spec}: message ${messageKey}: name ${kind} differs from its metadata.type ${metadataType}`);
      out.push({ kind, messageKey, title: String(message.title ?? kind), summary: String(message.summary ?? ''), schema, metadataType, topic });
    }
  }
  if (out.length === 0) throw new Error(`${ctx.api.spec}: no receive operation with messages`);
  return out;
}

function streamInfo(ctx: EventContext) {
  const doc = ctx.doc;
  const [serverName, serverNode] = Object.entries(asObject(doc.servers))[0] ?? [];
  const server = asObject(serverNode);
  const [channelName, channelNode] = Object.entries(asObject(doc.channels))[0] ?? [];
  const channel = asObject(channelNode);
  const address = String(channel.address ?? '');
  const params = Object.keys(asObject(channel.parameters));
  const addressPattern = `^${address.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? `(?<${part}>[^/]+)` : escapeRegExp(part))).join('')}$`;
  const variables = Object.fromEntries(
    Object.entries(asObject(server.variables)).map(([name, v]) => [name, { default: String(asObject(v).default ?? ''), enum: ((asObject(v).enum as string[] | undefined) ?? []).map(String) }]),
  );
  return { server: serverName, protocol: String(server.protocol ?? ''), host: String(server.host ?? ''), channel: channelName, address, addressPattern, params, variables };
}

/** generated/<api>/events.ts: the frame types, the union and the runtime table. */
export function eventsFile(ctx: EventContext): OutputFile {
  const P = ctx.api.prefix;
  const p = P[0]!.toLowerCase() + P.slice(1);
  const writer = new TypeWriter(ctx.api);
  const schemas = asObject(asObject(ctx.source.components).schemas);
  const kinds = eventKinds(ctx);
  const decls: string[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    const node = asObject(schema);
    const doc = typeof node.description === 'string' ? comment(node.description, '') : '';
    const isObject = node.type === 'object' && !node.allOf && !node.oneOf && !node.anyOf;
    decls.push(isObject ? `${doc}export interface ${name} ${writer.object(node, name, '')}\n` : `${doc}export type ${name} = ${writer.type(node, name)};\n`);
  }
  const info = asObject(ctx.doc.info);
  const stream = streamInfo(ctx);
  const lines: string[] = [];
  lines.push(lineHeader({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash }).trimEnd());
  lines.push('/* eslint-disable */');
  if (writer.imports.size > 0) lines.push(`import type { ${[...writer.imports].sort().join(', ')} } from '../${ctx.api.models}/schema.js';`);
  lines.push('');
  lines.push(`/** The document this file was generated from. */`);
  lines.push(`export const spec = ${JSON.stringify({ api: ctx.api.name, title: String(info.title), version: ctx.specVersion, sha256: ctx.specHash })} as const;`);
  lines.push('');
  lines.push(...decls);
  lines.push(`/**`, ` * Every frame of the event stream: one member per message of the receive operation. Tell them apart`, ` * with {@link ${p}EventKindOf} (by \`topicName\` and \`metadata.type\`), then narrow with {@link is${P}Event}.`, ` */`);
  lines.push(`export type ${P}Event = ${kinds.map((k) => k.schema).join(' | ')};`);
  lines.push('');
  lines.push(`/** Frame type by kind (the message \`name\`, which is the frame's \`metadata.type\` where it has one). */`);
  lines.push(`export interface ${P}EventMap {`);
  for (const k of kinds) lines.push(`  ${comment(`${k.title}: ${k.summary}`, '').trim()}`, `  ${JSON.stringify(k.kind)}: ${k.schema};`);
  lines.push('}');
  lines.push('');
  lines.push(`export type ${P}EventKind = keyof ${P}EventMap;`);
  lines.push('');
  lines.push(`/** The \`metadata.type\` values of the stream. */`);
  lines.push(`export type ${P}EventMetadataType = ${kinds.filter((k) => k.metadataType).map((k) => JSON.stringify(k.metadataType)).join(' | ')};`);
  lines.push('');
  const table = Object.fromEntries(kinds.map((k) => [k.kind, { schema: k.schema, title: k.title, metadataType: k.metadataType, topic: k.topic.template, topicPattern: k.topic.pattern, topicParams: k.topic.params }]));
  lines.push(`/**`, ` * Each kind of frame: its frame schema, \`metadata.type\` (null where frames have none), topic template,`, ` * topic pattern (named groups for the template's parameters) and title. In document order.`, ` */`);
  lines.push(`export const ${p}EventKinds = ${JSON.stringify(table, null, 2)} as const;`);
  lines.push('');
  lines.push(`/** Where the stream lives: server host template, protocol, channel address and its pattern, server variables. */`);
  lines.push(`export const ${p}EventStream = ${JSON.stringify({ ...stream, deprecated: asObject(asObject(ctx.doc.operations)[Object.keys(asObject(ctx.doc.operations))[0] ?? '']) ['x-deprecated'] === true }, null, 2)} as const;`);
  lines.push('');
  lines.push(`const topicRegExps = /* @__PURE__ */ Object.fromEntries(Object.entries(${p}EventKinds).map(([kind, k]) => [kind, new RegExp(k.topicPattern)])) as Record<${P}EventKind, RegExp>;`);
  lines.push('');
  lines.push(`/**`, ` * The kind of a parsed frame, by its \`topicName\` and \`metadata.type\`; undefined for a frame of no known kind.`, ` * It does not check the body: validate with \`validators.ts\` where that matters.`, ` */`);
  lines.push(`export function ${p}EventKindOf(frame: unknown): ${P}EventKind | undefined {`);
  lines.push(`  if (typeof frame !== 'object' || frame === null) return undefined;`);
  lines.push(`  const { topicName, metadata } = frame as { topicName?: unknown; metadata?: { type?: unknown } | null };`);
  lines.push(`  if (typeof topicName !== 'string') return undefined;`);
  lines.push(`  const type = typeof metadata === 'object' && metadata !== null ? metadata.type : undefined;`);
  lines.push(`  for (const kind of Object.keys(${p}EventKinds) as ${P}EventKind[]) {`);
  lines.push(`    const k = ${p}EventKinds[kind];`);
  lines.push(`    if ((k.metadataType === null || k.metadataType === type) && topicRegExps[kind].test(topicName)) return kind;`);
  lines.push(`  }`);
  lines.push(`  return undefined;`);
  lines.push(`}`);
  lines.push('');
  lines.push(`/** Narrows a frame to one kind (by {@link ${p}EventKindOf}; the body is not validated). */`);
  lines.push(`export function is${P}Event<K extends ${P}EventKind>(frame: unknown, kind: K): frame is ${P}EventMap[K] {`);
  lines.push(`  return ${p}EventKindOf(frame) === kind;`);
  lines.push(`}`);
  lines.push('');
  lines.push(`/** The parameters of a kind's topic (e.g. \`{ conversationId }\`), or undefined when the topic is not of that kind. */`);
  lines.push(`export function match${P}Topic(kind: ${P}EventKind, topicName: string): Record<string, string> | undefined {`);
  lines.push(`  const m = topicRegExps[kind].exec(topicName);`);
  lines.push(`  return m ? { ...m.groups } : undefined;`);
  lines.push(`}`);
  return { path: `generated/${ctx.api.name}/events.ts`, content: lines.join('\n') + '\n' };
}

/** The frame schemas to validate: one root per kind, named after its frame type. */
export function eventValidatorRoots(ctx: EventContext): Array<[string, Json, string]> {
  return eventKinds(ctx).map((k) => [k.schema, { $ref: `${LOCAL_SCHEMA}${k.schema}` }, `${k.title} frame (\`${k.kind}\`)`]);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();

function fieldRows(doc: JsonObject, node: JsonObject, prefix: string, rows: string[], depth = 0): void {
  const required = new Set((node.required as string[] | undefined) ?? []);
  for (const [name, prop] of Object.entries(asObject(node.properties))) {
    const ref = asObject(prop).$ref;
    const target = resolveLocal(doc, prop);
    const refName = typeof ref === 'string' ? ref.split('/').pop() : undefined;
    let type = 'const' in target ? `\`${JSON.stringify(target.const)}\`` : Array.isArray(target.enum) ? target.enum.map((v) => `\`${String(v)}\``).join(' / ') : String(target.type ?? refName ?? '');
    if (typeof target.pattern === 'string') type += ` matching \`${target.pattern}\``;
    if (typeof target.format === 'string') type += ` (${target.format})`;
    rows.push(`| \`${prefix}${name}\` | ${cell(type)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(String(target.description ?? ''))} |`);
    if (target.type === 'object' && target.properties && depth < 3) fieldRows(doc, target, `${prefix}${name}.`, rows, depth + 1);
  }
}

/** generated/<api>/REFERENCE.md: the stream, then one section per kind of frame with its fields and an example. */
export function eventsReferenceFile(ctx: EventContext): OutputFile {
  const doc = ctx.doc;
  const info = asObject(doc.info);
  const stream = streamInfo(ctx);
  const kinds = eventKinds(ctx);
  const out: string[] = [];
  out.push(htmlHeader({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash }));
  out.push(`# ${String(info.title)}`, '');
  out.push(`AsyncAPI ${String(doc.asyncapi)} document, version ${ctx.specVersion}. **Deprecated** with the rest of WebChat.`, '');
  out.push(`Connect: \`${stream.protocol}://${stream.host}${stream.address}\` (use the \`eventStreamUri\` the create call returns). ` + `Server variables: ${Object.entries(stream.variables).map(([n, v]) => `\`${n}\` (default \`${v.default}\`, ${v.enum.length} values)`).join(', ')}.`, '');
  out.push('| kind | topicName | metadata.type | frame type |', '|---|---|---|---|');
  for (const k of kinds) out.push(`| [\`${k.kind}\`](#${k.kind.toLowerCase()}) | \`${k.topic.template}\` | ${k.metadataType ? `\`${k.metadataType}\`` : '(none)'} | \`${k.schema}\` |`);
  out.push('');
  out.push(`TypeScript: \`import type { ${ctx.api.prefix}Event } from 'bot-apis/${ctx.api.models}'\` is the union of the frame types above.`, '');
  const messages = asObject(asObject(doc.components).messages);
  for (const k of kinds) {
    const message = asObject(messages[k.messageKey]);
    out.push(`## ${k.kind}`, '');
    out.push(`**${k.title}.** ${k.summary}`, '');
    if (typeof message.description === 'string') out.push(message.description.trim(), '');
    out.push('| field | type | required | description |', '|---|---|---|---|');
    const rows: string[] = [];
    fieldRows(doc, asObject(asObject(asObject(doc.components).schemas)[k.schema]), '', rows);
    out.push(...rows, '');
    const example = asObject(((message.examples as Json[] | undefined) ?? [])[0]).payload;
    if (example !== undefined) out.push('Example:', '', '```json', JSON.stringify(example, null, 2), '```', '');
  }
  return { path: `generated/${ctx.api.name}/REFERENCE.md`, content: out.join('\n').replace(/\n{3,}/g, '\n\n') };
}

/**
 * The bundled document without the bundler's copies of single fields: Redocly moves every external `$ref`
 * target into components (as `id`, `id-2`, `body`, …); a referenced field (not a model) is put back inline.
 */
export function inlineBorrowedFields(bundled: JsonObject, source: JsonObject): JsonObject {
  const own = new Set(Object.keys(asObject(asObject(source.components).schemas)));
  const schemas = asObject(asObject(bundled.components).schemas);
  const borrowed = new Map<string, Json>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (!own.has(name) && asObject(schema).type !== 'object') borrowed.set(`${LOCAL_SCHEMA}${name}`, schema);
  }
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string' && borrowed.has(node.$ref)) return walk(borrowed.get(node.$ref)!);
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  const out = walk(bundled) as JsonObject;
  const outSchemas = asObject(asObject(out.components).schemas);
  for (const ref of borrowed.keys()) delete outSchemas[ref.slice(LOCAL_SCHEMA.length)];
  return out;
}
