import { lineHeader } from '../lib/header.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/schema.ts';

/** generated/<api>/schema.ts: openapi-typescript's paths/components plus one named type per model. */
export async function schemaFile(ctx: ApiContext): Promise<OutputFile> {
  // Loaded on demand: it is slow to import, and `--check` usually does not need it.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(structuredClone(ctx.doc) as never, {
    alphabetize: true,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    // A default is what the server assumes when a field is left out: the field stays optional to send.
    defaultNonNullable: false,
    silent: true,
  });
  const body = astToString(ast);
  const header = lineHeader({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash });
  return { path: `generated/${ctx.api.name}/schema.ts`, content: header + '/* eslint-disable */\n' + body };
}
