import { lineHeader } from '../lib/header.ts';
import { authKind, listOperations, scopeAlternatives } from '../lib/spec-model.ts';
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
  lines.push(`import type { OperationDef } from '../../src/core/operation.js';`);
  lines.push(`import { validators, type Validator } from '../../src/core/rules.js';`);
  lines.push(`import type { paths } from './schema.js';`);
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
  // One export per operation, so a bundler keeps only the operations (and validators) an app uses.
  for (const op of ops) {
    const meta = {
      id: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      auth: authKind(op, ctx.doc),
      scopes: scopeAlternatives(op),
      idempotent: op.idempotent,
      pagination: op.pagination,
      deprecated: op.deprecated,
      pathParams: op.params.filter((p) => p.in === 'path').map((p) => p.name),
      body: op.body ? (op.body.required ? 'required' : 'optional') : 'none',
      successStatus: op.success.status,
      successBody: op.success.schema !== undefined,
    };
    const json = JSON.stringify(meta).slice(0, -1);
    const validators = `validateParams: ${op.operationId}Params, validateBody: ${op.body ? `${op.operationId}Body` : 'undefined'}`;
    lines.push(`/** ${op.method.toUpperCase()} ${op.path}: ${op.summary.replace(/\*\//g, '*\\/')}${op.deprecated ? ' (deprecated)' : ''} */`);
    lines.push(`export const ${op.operationId} = ${json}, ${validators} } as const satisfies OperationDef;`);
  }
  lines.push('');
  lines.push(`/** Every operation, keyed by operationId. */`);
  lines.push(`export const operations = { ${ops.map((o) => o.operationId).join(', ')} } as const;`);
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
  return { path: `generated/${ctx.api.name}/operations.ts`, content: lines.join('\n') + '\n' };
}
