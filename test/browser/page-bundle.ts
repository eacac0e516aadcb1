import { basename } from 'node:path';
import { build } from 'esbuild';

export type PageFiles = Map<string, string | Uint8Array>;

/**
 * A test page and its bundle, built as a browser app would be (ESM, code splitting: lazy chunks stay
 * lazy) and held in memory for the static server: `/<name>.html` and every output file by its name.
 * `inputs` are the bundle's source files, for checks on what a page ships.
 */
export async function bundlePage(name: string, entry: string, html: string | Uint8Array): Promise<{ files: PageFiles; inputs: string[] }> {
  const result = await build({
    entryPoints: { [name]: entry },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir: '/bundle',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files: PageFiles = new Map([[`/${name}.html`, html]]);
  for (const output of result.outputFiles) files.set(`/${basename(output.path)}`, output.contents);
  return { files, inputs: Object.keys(result.metafile.inputs) };
}
