/**
 * `npm run build` — compiles src/ and generated/ into dist/ (ESM + .d.ts) and copies the generated
 * validator modules, which are already JavaScript. What `npm pack` ships is dist/ and the README.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { APIS } from './lib/apis.ts';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
for (const api of APIS) {
  for (const name of readdirSync(join(root, 'generated', api.name))) {
    if (/validators\.(js|d\.ts)$/.test(name)) copyFileSync(join(root, 'generated', api.name, name), join(root, 'dist/generated', api.name, name));
  }
}
console.log('build: wrote dist/');
