import { lineHeader } from '../lib/header.ts';
import { asObject } from '../lib/spec-model.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/models.ts';

/** Model names that would collide with the package's own exports get the API's prefix. */
const RESERVED = new Set(['ApiError', 'ValidationError', 'NetworkError', 'TimeoutError', 'GuestChat']);
const PREFIX: Record<string, string> = { textbots: 'Textbots', webchat: 'WebChat', botmessage: 'BotMessage' };

function exportName(api: string, model: string): string {
  return RESERVED.has(model) ? `${PREFIX[api] ?? ''}${model}` : model;
}

function exportBlock(ctx: ApiContext, names: string[], from: string): string {
  const specs = names.map((n) => {
    const as = exportName(ctx.api.name, n);
    return as === n ? `  ${n},` : `  ${n} as ${as},`;
  });
  return `export type {\n${specs.join('\n')}\n} from '${from}';\n`;
}

function header(contexts: ApiContext[]): string {
  return lineHeader({ script: SCRIPT, spec: contexts.map((c) => c.api.spec).join(', '), specVersion: contexts.map((c) => c.specVersion).join('/'), specHash: contexts.map((c) => c.specHash.slice(0, 8)).join('') });
}

const modelNames = (ctx: ApiContext) => Object.keys(asObject(asObject(ctx.doc.components).schemas)).sort();

/**
 * generated/<api>/models.ts: the API's model types under their vendor names (a name that collides with
 * the package's own exports, such as myKaarma's `ApiError`, gets the API prefix: `BotMessageApiError`).
 * generated/models.ts: the same for all three APIs at once; models the Genesys specs share are exported once.
 */
export function modelsFiles(contexts: ApiContext[]): OutputFile[] {
  const perApi = contexts.map((ctx) => ({ path: `generated/${ctx.api.name}/models.ts`, content: header([ctx]) + '\n' + exportBlock(ctx, modelNames(ctx), './schema.js') }));
  const seen = new Set<string>();
  const blocks = contexts.map((ctx) => {
    const names = modelNames(ctx).filter((n) => !seen.has(n));
    names.forEach((n) => seen.add(n));
    return exportBlock(ctx, names, `./${ctx.api.name}/schema.js`);
  });
  return [...perApi, { path: 'generated/models.ts', content: header(contexts) + '\n' + blocks.join('\n') }];
}
