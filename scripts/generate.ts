/**
 * `npm run generate` — lint, bundle and regenerate everything in generated/ from openapi/.
 *   (no flag) regenerate what changed: unchanged inputs are skipped by hash; the TypeScript outputs are
 *             written before the HTML docs are rendered
 *   --check   exit 1 when generated/ is stale (names the files and the fix); writes nothing
 *   --force   recompute and render everything, ignoring the hashes
 *   --watch   regenerate on every save of a spec or of redocly.yaml (a burst of saves is one run, on the
 *             final content); a broken save prints its problems and keeps the last good outputs
 * A spec that fails lint prints the problems as `file:line:col` and leaves generated/ as it was. Every file is
 * written to a temporary name and renamed into place, so an interrupted run never leaves half a file.
 * Exit codes: 0 done (or up to date), 1 lint failed or (--check) generated/ is stale, 2 usage.
 */
import { existsSync, watch as watchPath } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { produce, warmUp, LintError, type Produced } from './lib/produce.ts';
import { DocsRenderer } from './gen/docs.ts';
import type { OutputFile } from './gen/types.ts';

/** The package root: the nearest folder up from the working directory with openapi/ and package.json. */
function findRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'openapi')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(dirname(fileURLToPath(import.meta.url)), '..');
  }
}

const ROOT = findRoot();
const FIX = 'npm run generate';

async function listGenerated(dir = join(ROOT, 'generated')): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listGenerated(full)));
    else out.push(relative(ROOT, full));
  }
  return out.sort();
}

const readOr = (path: string) => readFile(join(ROOT, path), 'utf8').catch(() => undefined);

/** Interrupts wait for the file being written: temp file + rename is never cut in half. */
let writing: Promise<unknown> = Promise.resolve();
/** Set on Ctrl+C: no new file is started. */
let interrupted = false;
class Interrupted extends Error {}

/** Writes `content` to `path` atomically: a temporary file in the same folder, renamed over the old one. */
async function writeAtomic(path: string, content: string): Promise<void> {
  if (interrupted) throw new Interrupted('interrupted');
  const full = join(ROOT, path);
  await mkdir(dirname(full), { recursive: true });
  const tmp = join(dirname(full), `.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const done = (async () => {
    try {
      await writeFile(tmp, content);
      await rename(tmp, full);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  })();
  writing = done.catch(() => undefined);
  await done;
}

/** Writes the files whose content differs from disk; returns their paths. */
async function writeChanged(files: OutputFile[], log: (line: string) => void): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    if ((await readOr(file.path)) === file.content) continue;
    await writeAtomic(file.path, file.content);
    written.push(file.path);
    log(`wrote ${file.path} (${Buffer.byteLength(file.content)} bytes)`);
  }
  return written;
}

async function compare(result: Produced): Promise<{ stale: string[]; extra: string[] }> {
  const stale: string[] = [];
  for (const file of result.files) {
    if ((await readOr(file.path)) !== file.content) stale.push(file.path);
  }
  const wanted = new Set(result.files.map((f) => f.path));
  const extra = (await listGenerated()).filter((p) => !wanted.has(p));
  return { stale, extra };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface RunResult {
  code: number;
  /** ms from the start of the run to the TypeScript outputs written (undefined when none were computed). */
  typesAt?: number;
}

async function run(mode: 'write' | 'check', force: boolean, renderer?: DocsRenderer): Promise<RunResult> {
  const start = performance.now();
  let typesAt: number | undefined;
  const written: string[] = [];
  let result: Produced;
  try {
    result = await produce({
      root: ROOT,
      mode,
      force,
      renderer,
      onTypes: async (files) => {
        written.push(...(await writeChanged(files, console.log)));
        typesAt = performance.now() - start;
      },
    });
  } catch (err) {
    if (err instanceof LintError) {
      console.error(err.message);
      console.error(`generate: lint failed; generated/ was left as it was${renderer ? ' (the last good outputs stay)' : ''}.`);
      return { code: 1 };
    }
    throw err;
  }
  if (mode === 'check') {
    const { stale, extra } = await compare(result);
    if (stale.length === 0 && extra.length === 0) {
      console.log(`generate --check: generated/ is up to date (${result.files.length} files)`);
      return { code: 0 };
    }
    for (const p of stale) console.error(`stale: ${p}`);
    for (const p of extra) console.error(`not generated by any spec: ${p}`);
    console.error(`generate --check: generated/ is out of date with openapi/. Fix: ${FIX}`);
    return { code: 1 };
  }
  if (result.upToDate) {
    console.log(`generate: up to date (${result.files.length} files) in ${seconds(performance.now() - start)}`);
    return { code: 0 };
  }
  written.push(...(await writeChanged(result.files, console.log)));
  const wanted = new Set(result.files.map((f) => f.path));
  const extra = (await listGenerated()).filter((p) => !wanted.has(p));
  for (const path of extra) {
    await rm(join(ROOT, path));
    console.log(`removed ${path} (no longer generated)`);
  }
  const unchanged = result.files.length - written.length;
  const parts = [`${written.length} written, ${unchanged} unchanged, ${extra.length} removed`];
  if (result.regenerated.length < 4) parts.push(`regenerated ${result.regenerated.join(', ') || 'nothing'} (the rest reused by hash)`);
  if (result.docsRendered.length) parts.push(`docs rendered for ${result.docsRendered.join(', ')}`);
  const timing = typesAt !== undefined ? ` (types written at ${seconds(typesAt)})` : '';
  console.log(`generate: ${parts.join('; ')} in ${seconds(performance.now() - start)}${timing}`);
  return { code: 0, typesAt };
}

const WATCHED = /\.(ya?ml|json)$/;

async function watch(debounceMs: number): Promise<void> {
  const renderer = new DocsRenderer(ROOT);
  renderer.start();
  await run('write', false, renderer).catch((e: unknown) => console.error(e));
  const warm = warmUp(ROOT).catch(() => undefined);
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopping = false;

  const fire = async () => {
    if (running) return; // the run in progress re-fires when it ends
    running = true;
    await warm;
    try {
      while (changed.size > 0 && !stopping) {
        const files = [...changed].sort();
        changed.clear();
        const mtimes = await Promise.all(files.map((f) => stat(join(ROOT, f)).then((s) => s.mtimeMs, () => 0)));
        const savedAt = Math.max(...mtimes);
        console.log(`\nchanged: ${files.join(', ')}`);
        const startedAt = Date.now();
        const result = await run('write', false, renderer).catch((e: unknown) => {
          if (!(e instanceof Interrupted)) console.error(e);
          return { code: 1 } as RunResult;
        });
        if (result.typesAt !== undefined && savedAt > 0) {
          console.log(`types written ${seconds(startedAt + result.typesAt - savedAt)} after the save`);
        }
        if (result.code !== 0) console.log('fix the problems above and save again; watching');
      }
    } finally {
      running = false;
    }
  };

  const onEvent = (file: string) => {
    if (stopping || !WATCHED.test(file)) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void fire(), debounceMs);
  };
  watchPath(join(ROOT, 'openapi'), { recursive: true }, (_e, name) => name && onEvent(`openapi/${String(name)}`));
  watchPath(ROOT, (_e, name) => name === 'redocly.yaml' && onEvent('redocly.yaml'));
  console.log(`watching openapi/ and redocly.yaml for changes (Ctrl-C to stop)`);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    interrupted = true;
    clearTimeout(timer);
    await writing; // a file being written is finished (renamed into place), never cut; no new one starts
    process.exit(130);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const argv = process.argv.slice(2);
const args = new Set(argv);
const known = new Set(['--check', '--force', '--watch']);
const unknown = argv.filter((a) => !known.has(a) && !a.startsWith('--debounce='));
if (unknown.length > 0) {
  console.error(`generate: unknown option ${unknown.join(' ')}\nusage: npm run generate [-- --check | --force | --watch]`);
  process.exitCode = 2;
} else if (args.has('--watch')) {
  const debounce = Number(argv.find((a) => a.startsWith('--debounce='))?.split('=')[1] ?? 100);
  await watch(debounce);
} else {
  const { code } = await run(args.has('--check') ? 'check' : 'write', args.has('--force'));
  process.exitCode = code;
}


