/**
 * The packed package, built once and shared: every test file of test/package installs the same
 * tarball. It is built with scripts/build.ts into a folder of its own (never the repository's dist/,
 * which another build may be writing) and packed with `npm pack` there. The folder is keyed by a hash
 * of everything that goes into the tarball, so test files running in parallel wait for one build
 * (a lock directory), and a rerun with unchanged sources reuses it.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO, run } from '../helpers/workspace.js';

export interface Packed {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  files: string[];
  /** Bytes of the tarball and of its unpacked files. */
  size: number;
  unpackedSize: number;
}

/** Where test/package keeps what it may reuse between runs: packs, and package-manager caches. */
export const TEST_CACHE = join(tmpdir(), 'bot-apis-test-cache');

/** What decides the tarball's bytes. */
const INPUTS = ['src', 'generated', 'package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.ts', 'scripts/lib'];
/** An abandoned lock (a killed run) is taken over after this long. */
const STALE_LOCK_MS = 5 * 60_000;

function inputsHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const full = join(REPO, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
      return;
    }
    hash.update(`${relative(REPO, full)}\0`).update(readFileSync(full)).update('\0');
  };
  INPUTS.forEach(add);
  // The compiler writes the .js and .d.ts files.
  hash.update(JSON.parse(readFileSync(join(REPO, 'node_modules/typescript/package.json'), 'utf8')).version as string);
  return hash.digest('hex').slice(0, 16);
}

function readPacked(done: string): Packed {
  return JSON.parse(readFileSync(done, 'utf8')) as Packed;
}

async function buildAndPack(dir: string): Promise<Packed> {
  rmSync(dir, { recursive: true, force: true });
  const stage = join(dir, 'package');
  mkdirSync(stage, { recursive: true });
  const built = await run(REPO, process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--out-dir', join(stage, 'dist')]);
  if (built.code !== 0) throw new Error(`scripts/build.ts failed:\n${built.stdout}${built.stderr}`);
  for (const file of ['package.json', 'README.md']) copyFileSync(join(REPO, file), join(stage, file));
  const packed = await run(dir, 'npm', ['pack', stage, '--json', '--pack-destination', dir, '--loglevel=error']);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  rmSync(stage, { recursive: true, force: true });
  return { tarball: join(dir, info!.filename), files: info!.files.map((f) => f.path), size: info!.size, unpackedSize: info!.unpackedSize };
}

/**
 * Older packs (sources changed since) are removed once a new one is written, and so are the projects of
 * runs that were killed before their cleanup (any folder an hour old: no test file runs that long).
 */
function pruneOlder(keep: string): void {
  for (const name of readdirSync(TEST_CACHE)) {
    const full = join(TEST_CACHE, name);
    if (full === keep || name.endsWith('.lock') || name.startsWith('node-')) continue;
    const age = Date.now() - statSync(full).mtimeMs;
    if ((name.startsWith('pack-') && age > 10 * 60_000) || age > 60 * 60_000) rmSync(full, { recursive: true, force: true });
  }
}

/** The tarball of the current sources: built and packed by the first caller, waited for by the others. */
export async function packedTarball(): Promise<Packed> {
  mkdirSync(TEST_CACHE, { recursive: true });
  const dir = join(TEST_CACHE, `pack-${inputsHash()}`);
  const done = join(dir, 'packed.json');
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(done)) return readPacked(done);
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // The lock went away between the two calls: try again.
      }
      await sleep(250);
    }
  }
  try {
    if (existsSync(done)) return readPacked(done);
    const packed = await buildAndPack(dir);
    writeFileSync(done, JSON.stringify(packed));
    pruneOlder(dir);
    return packed;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
