import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, run } from '../helpers/workspace.js';
import { runtimePackages } from './installed.js';
import { packedTarball, TEST_CACHE, type Packed } from './tarball.js';

/**
 * What a user who only wants the clients pays at install time: `npm install bot-apis` into a fresh
 * project, then `npm ls --omit=dev --all` (what `npm ls --prod --all` lists) and the bytes on disk of every
 * runtime package besides bot-apis itself. Budget: at most 3 packages, under 1 MB. What only the mock
 * needs is an optional peer dependency and is not installed.
 */

const MAX_PACKAGES = 3;
const MAX_BYTES = 1024 * 1024;

let packed: Packed;
let dir: string;

interface LsNode {
  version?: string;
  dependencies?: Record<string, LsNode>;
}

/** name@version of every installed package npm lists below the project (optional peers that are absent have no version). */
function listed(node: LsNode, out = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(node.dependencies ?? {})) {
    if (child.version === undefined) continue;
    out.add(`${name}@${child.version}`);
    listed(child, out);
  }
  return out;
}

function bytesOnDisk(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesOnDisk(join(path, name)), 0);
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

beforeAll(async () => {
  packed = await packedTarball();
  dir = mkdtempSync(join(TEST_CACHE, 'footprint-'));
}, 240_000);

afterAll(() => dir && rm(dir, { recursive: true, force: true }), 60_000);

describe('install footprint of the clients', () => {
  it(`npm install bot-apis: at most ${MAX_PACKAGES} runtime packages besides bot-apis, under 1 MB, no mock-only package`, async () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'clients-only', version: '1.0.0', private: true, type: 'module' }));
    const install = await run(dir, 'npm', ['install', packed.tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
    expect(install.code, install.stdout + install.stderr).toBe(0);

    const ls = await run(dir, 'npm', ['ls', '--omit=dev', '--all', '--json']);
    expect(ls.code, ls.stderr).toBe(0);
    const all = listed(JSON.parse(ls.stdout) as LsNode);
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(all).toContain(`bot-apis@${version}`);
    const runtime = [...all].filter((p) => !p.startsWith('bot-apis@')).sort();

    // The same set, found the way Node resolves them from bot-apis.
    const packages = runtimePackages(dir);
    expect(packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(runtime);
    const bytes = packages.reduce((sum, p) => sum + bytesOnDisk(p.dir), 0);
    const own = bytesOnDisk(join(dir, 'node_modules/bot-apis'));
    console.log(
      `install footprint: ${runtime.length} runtime package(s) besides bot-apis (${runtime.join(', ')}), ${kB(bytes)} on disk; ` +
        `bot-apis itself ${kB(own)} unpacked (${kB(packed.size)} tarball, ${packed.files.length} files)`,
    );
    expect(runtime.length).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(bytes).toBeLessThan(MAX_BYTES);
    // Only the mock needs these: none is installed for a clients-only user.
    for (const mockOnly of ['libphonenumber-js', 'openapi-backend', 'ajv']) expect(runtime.some((p) => p.startsWith(`${mockOnly}@`))).toBe(false);
  }, 60_000);
});
