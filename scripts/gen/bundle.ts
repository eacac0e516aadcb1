import { stableJson } from '../lib/stable-json.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/bundle.ts';

/** generated/<api>/openapi.json (an AsyncAPI document: asyncapi.json): the bundled spec with its provenance recorded in `x-generated`. */
export function bundleFile(ctx: ApiContext, name = 'openapi.json'): OutputFile {
  const withProvenance = {
    ...ctx.doc,
    'x-generated': {
      by: SCRIPT,
      from: ctx.api.spec,
      note: 'Generated file. Do not edit: run `npm run generate`.',
      sha256: ctx.specHash,
      version: ctx.specVersion,
    },
  };
  return { path: `generated/${ctx.api.name}/${name}`, content: stableJson(withProvenance) };
}
