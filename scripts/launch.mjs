#!/usr/bin/env node
/**
 * `node scripts/launch.mjs <script.ts> [args]`: runs one of scripts/*.ts under plain Node. The script and
 * everything it imports from scripts/ is compiled once with esbuild into node_modules/.cache/bot-apis/,
 * keyed by the hash of every scripts/ source file, and reused until one changes. Under the TypeScript
 * loader (tsx) every import of a dependency goes through the loader's hooks, which made loading the lint
 * engine, openapi-typescript and the docs renderer 3-4 times slower than plain Node: most of what
 * `npm run generate` used to cost when nothing had changed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/launch.mjs scripts/<name>.ts [args]');
  process.exit(2);
}

function sources(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) sources(full, out);
    else if (/\.(ts|mjs)$/.test(e.name)) out.push(full);
  }
  return out;
}

const require = createRequire(join(root, 'package.json'));
const hash = createHash('sha256');
hash.update('launch-2\0').update(script).update('\0').update(require('esbuild/package.json').version);
for (const file of sources(join(root, 'scripts'))) hash.update('\0').update(relative(root, file)).update('\0').update(readFileSync(file));
const key = hash.digest('hex').slice(0, 20);
const cacheDir = join(root, 'node_modules/.cache/bot-apis');
const out = join(cacheDir, `${script.replace(/[^\w.-]/g, '_')}-${key}.mjs`);

if (!existsSync(out)) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(root, script)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    // The bundle lives in node_modules/.cache/ (shared by every checkout that links this node_modules): code
    // that finds files next to itself gets the script's own URL, set at run time below.
    define: { 'import.meta.url': '__BOT_APIS_SCRIPT_URL' },
    banner: { js: 'const __BOT_APIS_SCRIPT_URL = globalThis.__BOT_APIS_SCRIPT_URL;' },
  });
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].text);
  renameSync(tmp, out); // atomic: a concurrent run sees the whole file or none
}

process.argv = [process.argv[0], join(root, script), ...args];
globalThis.__BOT_APIS_SCRIPT_URL = pathToFileURL(join(root, script)).href;
await import(pathToFileURL(out).href);
