import { htmlHeader } from '../lib/header.ts';
import { asObject, authKind, listOperations, refName, type Json, type JsonObject, type SpecOperation } from '../lib/spec-model.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/reference.ts';

const FACTORY: Record<string, { factory: string; module: string; base: string }> = {
  textbots: { factory: 'createTextbotsClient', module: 'bot-apis/textbots', base: `region: 'mypurecloud.com'` },
  webchat: { factory: 'createWebChatClient', module: 'bot-apis/webchat', base: `region: 'mypurecloud.com'` },
  botmessage: { factory: 'createBotMessageClient', module: 'bot-apis/botmessage', base: '' },
};

/** The `auth` option an operation needs, by its security requirement. */
const AUTH: Record<string, string> = {
  none: '',
  oauth: `auth: clientCredentials({ clientId: process.env.GENESYS_CLIENT_ID!, clientSecret: process.env.GENESYS_CLIENT_SECRET! })`,
  guest: `auth: { guestJwt: jwt } // the jwt of the created guest conversation`,
  basic: `auth: { username: process.env.MYKAARMA_USER!, password: process.env.MYKAARMA_PASSWORD! }`,
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();

function typeOf(schema: JsonObject): string {
  const name = refName(schema);
  if (name) return name;
  const fmt = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (schema.type === 'array') return `${typeOf(asObject(schema.items))}[]`;
  return `${String(schema.type ?? 'any')}${fmt}`;
}

function limits(schema: JsonObject): string {
  const parts: string[] = [];
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.minimum !== undefined) parts.push(`min ${String(schema.minimum)}`);
  if (schema.maximum !== undefined) parts.push(`max ${String(schema.maximum)}`);
  if (schema.minLength !== undefined) parts.push(`min length ${String(schema.minLength)}`);
  if (schema.maxLength !== undefined) parts.push(`max length ${String(schema.maxLength)}`);
  return parts.join(', ');
}

function example(ctx: ApiContext, op: SpecOperation): string {
  const f = FACTORY[ctx.api.name]!;
  const init: string[] = [];
  const path = op.params.filter((p) => p.in === 'path');
  if (path.length > 0) init.push(`params: { path: { ${path.map((p) => `${p.name}: '…'`).join(', ')} } }`);
  if (op.body) init.push(`body: ${JSON.stringify(op.body.example ?? {}, null, 2).replace(/\n/g, '\n  ')}`);
  const call = `await client.${op.operationId}(${init.length ? `{\n  ${init.join(',\n  ')}\n}` : ''})`;
  const kind = authKind(op, ctx.doc);
  const opts = [f.base, AUTH[kind]].filter(Boolean).join(', ');
  return [
    '```ts',
    `import { ${f.factory}${kind === 'oauth' ? ', clientCredentials' : ''} } from '${f.module}';`,
    '',
    `const client = ${f.factory}({ ${opts} });`,
    `const result = ${call};`,
    '```',
  ].join('\n');
}

function security(op: SpecOperation): string {
  if (op.security.length === 0) return 'None: anonymous (no `Authorization` header is sent).';
  const parts = op.security.map((req) => Object.entries(req).map(([name, scopes]) => (scopes.length ? `${name} (scope ${scopes.map((s) => `\`${s}\``).join(', ')})` : name)).join(' + '));
  let text = parts.join(' **or** ');
  if (op.permissions.length) text += `. Permissions (any of): ${op.permissions.map((p) => `\`${p}\``).join(', ')}`;
  if (op.requiredScope) text += `. Subscriber scope: \`${op.requiredScope.scope}\` (${op.requiredScope.level})`;
  return text + '.';
}

function section(ctx: ApiContext, op: SpecOperation): string {
  const out: string[] = [];
  out.push(`## ${op.operationId}`, '');
  out.push(`\`${op.method.toUpperCase()} ${op.path}\`${op.deprecated ? ' — **deprecated**' : ''}`, '');
  out.push(op.summary, '');
  out.push(op.description.trim(), '');
  out.push(example(ctx, op), '');
  out.push('### Parameters', '');
  if (op.params.length === 0 && !op.body) out.push('None.', '');
  else {
    out.push('| name | in | type | required | limits | description |', '|---|---|---|---|---|---|');
    for (const p of op.params) out.push(`| \`${p.name}\` | ${p.in} | ${cell(typeOf(p.schema))} | ${p.required ? 'yes' : 'no'} | ${cell(limits(p.schema))} | ${cell(p.description)} |`);
    if (op.body) out.push(`| body | body | ${cell(typeOf(op.body.schema))} | ${op.body.required ? 'yes' : 'no'} |  | request body |`);
    out.push('');
  }
  out.push('### Returns', '');
  out.push(op.success.schema ? `\`${op.success.status}\` with \`${typeOf(op.success.schema)}\`; the method resolves to that body.` : `\`${op.success.status}\` with no body; the method resolves to \`undefined\`.`, '');
  out.push('### Auth', '', security(op), '');
  out.push('### Errors', '');
  out.push('| status | meaning | codes |', '|---|---|---|');
  for (const e of op.errors) {
    const codes = Object.keys(e.codes).map((c) => `\`${c}\``).join(', ');
    out.push(`| ${e.status} | ${cell(e.description)} | ${codes} |`);
  }
  out.push('');
  return out.join('\n');
}

/** generated/<api>/REFERENCE.md: a method table like the vendor's pages, then one section per operation. */
export function referenceFile(ctx: ApiContext): OutputFile {
  const ops = listOperations(ctx.doc);
  const info = asObject(ctx.doc.info);
  const server = asObject(((ctx.doc.servers as Json[]) ?? [])[0]);
  const out: string[] = [];
  out.push(htmlHeader({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash }));
  out.push(`# ${String(info.title)}`, '');
  out.push(`All paths are relative to \`${String(server.url)}\`. Spec version ${ctx.specVersion}.`, '');
  out.push('| Method | HTTP request | Description |', '|---|---|---|');
  for (const op of ops) out.push(`| [\`${op.operationId}\`](#${op.operationId.toLowerCase()}) | **${op.method.toUpperCase()}** ${op.path} | ${cell(op.summary)}${op.deprecated ? ' (deprecated)' : ''} |`);
  out.push('');
  for (const op of ops) out.push(section(ctx, op));
  return { path: `generated/${ctx.api.name}/REFERENCE.md`, content: out.join('\n').replace(/\n{3,}/g, '\n\n') };
}
