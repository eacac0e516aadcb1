/**
 * `npm run build` — compiles src/ and generated/ into dist/ (ESM + .d.ts) and copies the generated
 * validator modules, which are already JavaScript; the Node entry points are then bundled into shared
 * chunks (scripts/lib/node-bundle.ts). What `npm pack` ships is dist/ and the README.
 *
 * `--out-dir <dir>` writes the same output elsewhere (the package tests build into a folder of their
 * own, so they never race another build of dist/).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APIS } from './lib/apis.ts';
import { bundleNodeEntries } from './lib/node-bundle.ts';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const out = values['out-dir'] ? resolve(values['out-dir']) : join(root, 'dist');
rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit', cwd: root });
for (const api of APIS) {
  for (const name of readdirSync(join(root, 'generated', api.name))) {
    if (/validators\.(js|d\.ts)$/.test(name)) copyFileSync(join(root, 'generated', api.name, name), join(out, 'generated', api.name, name));
  }
}
await bundleNodeEntries(out);
console.log(`build: wrote ${values['out-dir'] ? out : 'dist/'}`);
