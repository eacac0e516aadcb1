/**
 * The Node entry points as the package ships them: the compiled `dist/src/node/{index,textbots,webchat,
 * botmessage}.js` bundled by esbuild into one module each, with what they share in `dist/src/node/chunks/`.
 * A fresh process then reads a handful of files instead of every module of src/ one by one: this is most
 * of the time from `import` to the first request (`npm run bench -- cold`). Dependencies stay external
 * (imported from node_modules as usual); the type declarations are tsc's, unchanged.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

export const NODE_ENTRIES = ['index', 'textbots', 'webchat', 'botmessage'] as const;

/** Bundles the compiled Node entries under `outRoot` (a `dist/`-shaped folder) in place. */
export async function bundleNodeEntries(outRoot: string): Promise<void> {
  const dir = join(outRoot, 'src/node');
  await build({
    entryPoints: NODE_ENTRIES.map((name) => join(dir, `${name}.js`)),
    outdir: dir,
    allowOverwrite: true,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Class and function names as written: `error.name`, stack traces and `constructor.name` stay the same.
    keepNames: true,
    logLevel: 'warning',
  });
}
