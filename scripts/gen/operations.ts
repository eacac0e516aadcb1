import { lineHeader } from '../lib/header.ts';
import { asObject, authKind, deref, listOperations, scopeAlternatives, type Json, type JsonObject, type SpecOperation } from '../lib/spec-model.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/operations.ts';

/**
 * generated/<api>/operations.ts: one entry per operationId with the metadata the runtime needs
 * (method, path, auth, idempotency, pagination, parameters) and the path/method pair its typed
 * call signature is built from.
 */
export function operationsFile(ctx: ApiContext): OutputFile {
  const ops = listOperations(ctx.doc);
  const lines: string[] = [];
  lines.push(lineHeader({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash }).trimEnd());
  lines.push(`import type { MethodResult } from '../../src/core/client.js';`);
  lines.push(`import type { CallOptions } from '../../src/core/options.js';`);
  lines.push(`import type { OperationDef, OperationFacts } from '../../src/core/operation.js';`);
  if (ops.some((o) => o.params.some((p) => p.in === 'query'))) lines.push(`import { serializeQuery } from '../../src/core/query.js';`);
  lines.push(`import { validators, type Validator } from '../../src/core/rules.js';`);
  const models = [...new Set(ops.flatMap((o) => [modelName(ctx, o.body?.schema), modelName(ctx, o.success.schema)]).filter((n): n is string => n !== undefined))].sort();
  lines.push(`import type { ${['paths', ...models.map((m) => `${m} as ${m}Model`)].join(', ')} } from './schema.js';`);
  // Named imports (not a namespace) so a bundler can drop the validators of unused operations.
  const validatorNames = ops.flatMap((o) => [`${o.operationId}Params`, ...(o.body ? [`${o.operationId}Body`] : [])]);
  lines.push(`import {\n${validatorNames.map((n) => `  ${n},`).join('\n')}\n} from './validators.js';`);
  lines.push('');
  lines.push(`/** The spec this file was generated from. */`);
  lines.push(`export const spec = ${JSON.stringify({ api: ctx.api.name, title: String((ctx.doc.info as Record<string, unknown>).title), version: ctx.specVersion, sha256: ctx.specHash })} as const;`);
  lines.push('');
  lines.push(`/** Default server of the spec (Genesys: the \`domain\` variable holds the region). */`);
  const server = ((ctx.doc.servers as Array<{ url: string; variables?: Record<string, { default: string; enum?: string[] }> }>) ?? [])[0];
  lines.push(`export const server = ${JSON.stringify({ url: server?.url ?? '', variables: Object.fromEntries(Object.entries(server?.variables ?? {}).map(([k, v]) => [k, { default: v.default, enum: v.enum ?? [] }])) })} as const;`);
  lines.push('');
  // One export per operation, so a bundler keeps only the operations (and validators) an app uses. The
  // per-call definition holds only what a call reads; the rest (scopes, paging, deprecation) is in
  // `operationFacts`, which no client imports, so a page does not ship it.
  const facts: string[] = [];
  for (const op of ops) {
    const meta = {
      id: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      auth: authKind(op, ctx.doc),
      idempotent: op.idempotent,
      pathParams: op.params.filter((p) => p.in === 'path').map((p) => p.name),
      body: op.body ? (op.body.required ? 'required' : 'optional') : 'none',
      successBody: op.success.schema !== undefined,
    };
    const json = JSON.stringify(meta).slice(0, -1);
    const hasQuery = op.params.some((p) => p.in === 'query');
    const validators = `validateParams: ${op.operationId}Params, validateBody: ${op.body ? `${op.operationId}Body` : 'undefined'}${hasQuery ? ', query: serializeQuery' : ''}`;
    lines.push(`/** ${op.method.toUpperCase()} ${op.path}: ${op.summary.replace(/\*\//g, '*\\/')}${op.deprecated ? ' (deprecated)' : ''} */`);
    lines.push(`export const ${op.operationId} = ${json}, ${validators} } as const satisfies OperationDef;`);
    facts.push(`  ${op.operationId}: ${JSON.stringify({ scopes: scopeAlternatives(op), pagination: op.pagination, deprecated: op.deprecated, successStatus: op.success.status })},`);
  }
  lines.push('');
  lines.push(`/** Every operation, keyed by operationId. */`);
  lines.push(`export const operations = { ${ops.map((o) => o.operationId).join(', ')} } as const;`);
  lines.push('');
  lines.push(`/** What the spec says of each operation beyond a call's needs: scope alternatives, paging, deprecation, success status. */`);
  lines.push(`export const operationFacts = {\n${facts.join('\n')}\n} as const satisfies Record<OperationId, OperationFacts>;`);
  lines.push('');
  lines.push(`/** Response validators, loaded only when a client asks for \`validate: 'strict'\`. */`);
  lines.push(`export const loadResponseValidators = (): Promise<Record<string, Validator | undefined>> => import('./response-validators.js').then(validators);`);
  lines.push('');
  lines.push(`export type OperationId = keyof typeof operations;`);
  lines.push('');
  lines.push(`/** The openapi-fetch path and method of every operation: the typed call signatures are built from these. */`);
  lines.push(`export interface OperationRoutes {`);
  for (const op of ops) {
    lines.push(`  ${op.operationId}: { path: ${JSON.stringify(op.path)}; method: ${JSON.stringify(op.method)}; op: paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}] };`);
  }
  lines.push(`}`);
  lines.push('');
  lines.push(...modelInterfaces(ctx, models));
  lines.push('');
  lines.push(...methodsInterface(ctx, ops));
  return { path: `generated/${ctx.api.name}/operations.ts`, content: lines.join('\n') + '\n' };
}

/** Per API: the name of its methods interface, the variable its examples call, and its factory. */
const API_NAMES: Record<string, { type: string; client: string; factory: string }> = {
  textbots: { type: 'TextbotsMethods', client: 'textbots', factory: 'createTextbotsClient' },
  webchat: { type: 'WebChatMethods', client: 'webchat', factory: 'createWebChatClient' },
  botmessage: { type: 'BotMessageMethods', client: 'bot', factory: 'createBotMessageClient' },
};

/** Longest description kept in a doc comment; the rest is in the HTML docs (`@see`). */
const DESCRIPTION_LIMIT = 700;

/**
 * The typed methods of one API as a declared interface, one member per operation with the doc comment
 * an editor shows on hover and completion. Being declared members (not a mapped type), go-to-definition
 * on `client.<operationId>` lands here, on the operation.
 */
function methodsInterface(ctx: ApiContext, ops: SpecOperation[]): string[] {
  const names = API_NAMES[ctx.api.name]!;
  const lines: string[] = [];
  lines.push(`/**`);
  lines.push(` * The typed methods of the ${String((ctx.doc.info as JsonObject).title)}: one per operationId, each taking one object`);
  lines.push(` * (\`params\`, \`body\` and the per-call options \`signal\`, \`timeout\`, \`retry\`, \`headers\`) and resolving to the`);
  lines.push(` * success body (\`undefined\` for a 204). Created by \`${names.factory}\`.`);
  lines.push(` */`);
  lines.push(`export interface ${names.type} {`);
  for (const [i, op] of ops.entries()) {
    if (i > 0) lines.push('');
    const opType = `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]`;
    const result = op.success.schema === undefined ? 'undefined' : (modelName(ctx, op.success.schema) ?? `MethodResult<${opType}>`);
    for (const line of docComment(ctx, op, names.client)) lines.push(`  ${line}`);
    lines.push(`  ${op.operationId}(init${initIsOptional(op) ? '?' : ''}: ${initName(op)}): Promise<${result}>;`);
  }
  lines.push(`}`);
  // One named argument type per operation: what hover and error messages show instead of a mapped type.
  for (const op of ops) {
    const opType = `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]`;
    const required = op.params.some((p) => p.in === 'path' || p.required);
    const where = [...new Set(op.params.map((p) => p.in))];
    const body = op.body ? (modelName(ctx, op.body.schema) ?? `NonNullable<${opType}['requestBody']>['content']['application/json']`) : 'never';
    lines.push('');
    lines.push(`/** The one argument of \`${op.operationId}\`: its parameters and body, and the per-call options. */`);
    lines.push(`export interface ${initName(op)} extends CallOptions {`);
    lines.push(`  /** ${where.length ? `Parameters: ${where.map((w) => `\`${w}\``).join(', ')}.` : 'The operation has no parameters.'} */`);
    lines.push(`  params${required ? '' : '?'}: ${opType}['parameters'];`);
    lines.push(`  /** ${op.body ? `The request body${modelName(ctx, op.body.schema) ? ` (\`${modelName(ctx, op.body.schema)}\`)` : ''}.` : 'The operation takes no body.'} */`);
    lines.push(`  body${op.body?.required ? '' : '?'}: ${body};`);
    lines.push(`}`);
  }
  return lines;
}

/**
 * The request and response models the methods name, as interfaces: an alias of schema.ts's indexed
 * type would show as its expanded structure in hovers and error messages; an interface shows its name.
 */
function modelInterfaces(ctx: ApiContext, models: string[]): string[] {
  const lines: string[] = [];
  for (const name of models) {
    const schema = asObject(asObject(asObject(ctx.doc.components).schemas)[name]);
    const description = splitDescription(String(schema.description ?? '')).text.split('\n\n')[0]?.trim();
    lines.push('');
    lines.push(`/** ${description ? escapeComment(description).replace(/\n/g, '\n * ') : `The \`${name}\` model of the spec.`} */`);
    lines.push(`export interface ${name} extends ${name}Model {}`);
  }
  return lines;
}

/** `sendBotMessage` → `SendBotMessageInit`. */
function initName(op: SpecOperation): string {
  return `${op.operationId[0]!.toUpperCase()}${op.operationId.slice(1)}Init`;
}

/** The named model type (exported by schema.ts) a schema refers to, if it is a plain `$ref` to one. */
function modelName(ctx: ApiContext, schema: JsonObject | undefined): string | undefined {
  const ref = typeof schema?.$ref === 'string' ? schema.$ref : undefined;
  const match = ref ? /^#\/components\/schemas\/([A-Za-z_$][\w$]*)$/.exec(ref) : null;
  const target = match ? asObject(asObject(asObject(ctx.doc.components).schemas)[match[1]!]) : {};
  // Only plain object models can be extended by an interface.
  const plainObject = (target.type === 'object' || target.properties !== undefined) && !target.oneOf && !target.anyOf;
  return match && plainObject ? match[1] : undefined;
}

/** Whether a call may leave out its one argument: no path parameter, no required query/header parameter, no required body. */
function initIsOptional(op: SpecOperation): boolean {
  return !op.params.some((p) => p.in === 'path' || p.required) && !op.body?.required;
}

function docComment(ctx: ApiContext, op: SpecOperation, client: string): string[] {
  const { text, deprecation } = splitDescription(op.description);
  const body: string[] = [];
  body.push(sentence(op.summary));
  if (text) body.push('', ...text.split('\n'));
  body.push('', `\`${op.method.toUpperCase()} ${op.path}\``);
  body.push('', `**Auth:** ${authText(ctx, op)}`);
  body.push('', `**Retried:** ${retryText(op)}`);
  body.push('', `**Throws:** ${throwsText(ctx, op)}`);
  body.push('', `@see ${docsLink(ctx, op)} (HTML docs; Markdown: \`generated/${ctx.api.name}/REFERENCE.md\`)`);
  if (op.deprecated) body.push(`@deprecated ${deprecation ? sentence(deprecation) : 'Deprecated by the vendor.'}`);
  body.push('@example', ...exampleCall(ctx, op, client));
  return ['/**', ...body.map((l) => (l === '' ? ' *' : ` * ${escapeComment(l)}`)), ' */'];
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' ? '' : t[0]!.toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}

/**
 * The description as a hover can show it: the paragraphs before the first heading, fenced block or
 * table, at most {@link DESCRIPTION_LIMIT} characters; the `**Deprecated:**` paragraph is taken out for
 * `@deprecated`.
 */
export function splitDescription(description: string): { text: string; deprecation: string | undefined } {
  const paragraphs = description.trim().split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  let deprecation: string | undefined;
  const kept: string[] = [];
  let length = 0;
  let cut = false;
  for (const p of paragraphs) {
    const note = /^\*\*Deprecated:?\*\*:?\s*/i.exec(p);
    if (note) {
      deprecation ??= p.slice(note[0].length).replace(/\s*\n\s*/g, ' ');
      continue;
    }
    if (cut) continue;
    if (/^(#|```|\|)/.test(p) || length + p.length > DESCRIPTION_LIMIT) {
      cut = true;
      continue;
    }
    kept.push(p);
    length += p.length;
  }
  if (cut && kept.length > 0) kept.push('More in the HTML docs (see below).');
  return { text: kept.join('\n\n'), deprecation };
}

function authText(ctx: ApiContext, op: SpecOperation): string {
  const kind = authKind(op, ctx.doc);
  const scopes = scopeAlternatives(op).map((s) => s.map((x) => `\`${x}\``).join(' + '));
  switch (kind) {
    case 'none':
      return 'none (anonymous).';
    case 'oauth':
      return `Genesys OAuth access token (\`auth: clientCredentials(...)\`, \`{ accessToken }\` or \`{ getAccessToken }\`)${scopes.length ? `; scope ${scopes.join(' or ')}` : ''}${op.permissions.length ? `; permission ${op.permissions.map((p) => `\`${p}\``).join(', ')}` : ''}.`;
    case 'guest':
      return 'the guest chat JWT (`auth: { guestJwt }`, or a `GuestChat` from `startGuestChat`).';
    case 'basic':
      return `HTTP Basic (\`auth: { username, password }\`)${op.requiredScope ? `; the subscriber needs scope \`${op.requiredScope.scope}\` (${op.requiredScope.level})` : ''}.`;
  }
}

function retryText(op: SpecOperation): string {
  const always = 'on 429 (honouring `Retry-After`)';
  if (op.idempotent === true) return `yes, safe to repeat: ${always}, 502/503/504, network failures and timeouts, up to \`retry.maxRetries\` (default 2).`;
  if (op.idempotent === false) {
    return `only ${always}: after a 5xx, a lost connection or a timeout it is not repeated, because the first attempt may have been processed${op.operationId === 'sendBotMessage' ? ' (a repeat texts the user again)' : ''}.`;
  }
  return `${always} always; on 502/503/504, network failures and timeouts only when the body has \`${op.idempotent.ifBodyHas}\` (then a repeat changes nothing).`;
}

const CLASS_BY_STATUS: Record<number, string> = { 400: 'BadRequestError', 401: 'AuthenticationError', 403: 'PermissionDeniedError', 404: 'NotFoundError', 409: 'ConflictError', 429: 'RateLimitError' };

function throwsText(ctx: ApiContext, op: SpecOperation): string {
  const byClass = new Map<string, number[]>();
  for (const e of op.errors) {
    const cls = CLASS_BY_STATUS[e.status] ?? (e.status >= 500 ? 'ServerError' : 'ApiError');
    byClass.set(cls, [...(byClass.get(cls) ?? []), e.status]);
  }
  // Every operation can also be answered 429 and 5xx by a gateway, whatever the spec lists.
  for (const [cls, status] of [['RateLimitError', 429], ['ServerError', 502]] as const) if (!byClass.has(cls)) byClass.set(cls, [status]);
  const order = ['BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'RateLimitError', 'ServerError', 'ApiError'];
  const parts = [...byClass.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([cls, statuses]) => `\`${cls}\` (${statuses.join(', ')})`);
  const failure = canReportFailure(ctx, op) ? [`\`ApiError\` (a ${op.success.status} whose body says \`status: FAILURE\`)`] : [];
  return [
    '`ValidationError` (bad input, refused before sending)',
    ...parts,
    ...failure,
    '`NetworkError`',
    '`TimeoutError`',
  ].join(', ') + `. Narrow a caught error with \`isApiError(error, '${op.operationId}')\` for its typed \`status\` and \`body\`.`;
}

/** Whether a success answer can still be a failure (myKaarma's `status: FAILURE`), which the clients throw as `ApiError`. */
function canReportFailure(ctx: ApiContext, op: SpecOperation): boolean {
  const status = deref(ctx.doc, asObject(deref(ctx.doc, op.success.schema).properties).status);
  return Array.isArray(status.enum) && status.enum.includes('FAILURE');
}

/** Redoc's section anchor: `#/<tag slug>/<operationId lower-cased>`. */
function docsLink(ctx: ApiContext, op: SpecOperation): string {
  const tag = (op.tags[0] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `generated/${ctx.api.name}/docs.html#/${tag}/${op.operationId.toLowerCase()}`;
}

/** A call built from the spec's examples: path and required query parameters, and the request body. */
export function exampleInit(ctx: ApiContext, op: SpecOperation): JsonObject | undefined {
  const init: JsonObject = {};
  const params: JsonObject = {};
  for (const where of ['path', 'query'] as const) {
    const group: JsonObject = {};
    for (const p of op.params.filter((x) => x.in === where && (where === 'path' || x.required))) group[p.name] = paramExample(ctx, op, p.name, p.schema);
    if (Object.keys(group).length > 0) params[where] = group;
  }
  if (Object.keys(params).length > 0) init.params = params;
  if (op.body) init.body = op.body.example ?? {};
  return Object.keys(init).length > 0 ? init : undefined;
}

function paramExample(ctx: ApiContext, op: SpecOperation, name: string, schema: JsonObject): Json {
  const item = asObject(asObject(ctx.doc.paths)[op.path]);
  const all = [...((item.parameters as Json[] | undefined) ?? []), ...((asObject(item[op.method]).parameters as Json[] | undefined) ?? [])].map((p) => deref(ctx.doc, p));
  const param = all.find((p) => p.name === name) ?? {};
  const examples = Object.values(asObject(param.examples)).map((e) => deref(ctx.doc, e).value);
  return param.example ?? schema.example ?? examples[0] ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined) ?? schema.default ?? `<${name}>`;
}

function exampleCall(ctx: ApiContext, op: SpecOperation, client: string): string[] {
  const init = exampleInit(ctx, op);
  const call = `await ${client}.${op.operationId}(${init ? literal(init, 0) : ''});`;
  const lines = (op.success.schema ? `const result = ${call}` : call).split('\n');
  return lines;
}

/** A JSON value as a TypeScript literal: identifier keys unquoted, single-quoted strings, two-space indent. */
export function literal(value: Json | undefined, depth: number): string {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, depth + 1));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 80 && !flat.includes('\n') ? flat : `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${end}]`;
  }
  const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${literal(v, depth + 1)}`);
  if (entries.length === 0) return '{}';
  const flat = `{ ${entries.join(', ')} }`;
  return flat.length <= 80 && !flat.includes('\n') ? flat : `{\n${entries.map((e) => `${pad}${e},`).join('\n')}\n${end}}`;
}

/** Keeps text safe inside a block comment: no `*\/`, and a leading `@` in prose is not read as a tag. */
function escapeComment(line: string): string {
  return line.replace(/\*\//g, '*\\/');
}
