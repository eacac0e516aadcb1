/**
 * Peer clients for the client benchmark, generated from the same bundled specs (generated/<api>/openapi.json)
 * into bench/.generated/ (git-ignored) when the benchmark runs: orval's fetch client, and a
 * @hey-api/openapi-ts SDK on its fetch client, plain and with valibot checking requests and responses.
 * Regenerated only when a spec's hash changed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

const root = join(import.meta.dirname, '..');
export const PEERS_DIR = join(root, 'bench/.generated');
const APIS = ['textbots', 'webchat'] as const;
type Api = (typeof APIS)[number];
/** orval bakes the base URL in; the placeholder is replaced per server (see {@link orvalClient}). */
export const BASE_PLACEHOLDER = 'http://bench-base.invalid';

function specHash(api: Api): string {
  return createHash('sha256').update(readFileSync(join(root, 'generated', api, 'openapi.json'))).digest('hex');
}

/** Generates what is missing or stale, in a child process (orval prints a banner and a schema warning). */
export function generatePeers(): void {
  if (APIS.every((api) => existsSync(stampOf(api)) && readFileSync(stampOf(api), 'utf8') === specHash(api))) return;
  try {
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'generate'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    throw new Error(`generating the peer clients failed:\n${String((error as { stderr?: unknown }).stderr ?? error)}`);
  }
}

const stampOf = (api: Api) => join(PEERS_DIR, `${api}.sha256`);

async function generateStale(): Promise<void> {
  for (const api of APIS) {
    const hash = specHash(api);
    if (existsSync(stampOf(api)) && readFileSync(stampOf(api), 'utf8') === hash) continue;
    const input = join(root, 'generated', api, 'openapi.json');
    for (const dir of ['orval', 'hey', 'hey-valibot']) rmSync(join(PEERS_DIR, dir, api), { recursive: true, force: true });
    mkdirSync(join(PEERS_DIR, 'orval', api), { recursive: true });
    const { generate } = await import('orval');
    await generate({ input: { target: input }, output: { target: join(PEERS_DIR, 'orval', api, 'client.ts'), client: 'fetch', mode: 'single', baseUrl: BASE_PLACEHOLDER, prettier: false } });
    const { createClient } = await import('@hey-api/openapi-ts');
    await createClient({ input, output: { path: join(PEERS_DIR, 'hey', api), format: null, lint: null }, plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'], logs: { level: 'silent' } });
    await createClient({ input, output: { path: join(PEERS_DIR, 'hey-valibot', api), format: null, lint: null }, plugins: ['@hey-api/client-fetch', '@hey-api/typescript', { name: '@hey-api/sdk', validator: true }, 'valibot'], logs: { level: 'silent' } });
    writeFileSync(stampOf(api), hash);
  }
}

/** A package's version, read from its package.json (not every package exports that file). */
export function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

/** orval's generated module for `api`, with its base URL set to `base`. */
export async function orvalClient(api: Api, base: string): Promise<Record<string, (...args: unknown[]) => Promise<unknown>>> {
  const source = readFileSync(join(PEERS_DIR, 'orval', api, 'client.ts'), 'utf8').replaceAll(BASE_PLACEHOLDER, base);
  const file = join(PEERS_DIR, 'orval', api, `client-${new URL(base).port}.ts`);
  writeFileSync(file, source);
  return import(pathToFileURL(file).href);
}

/** The hey-api SDK of `api` (`valibot` for the validating one) and a fetch client of its own pointed at `base`. */
export async function heyClient(api: Api, variant: 'hey' | 'hey-valibot', base: string, token: string) {
  const dir = join(PEERS_DIR, variant, api);
  const sdk = (await import(pathToFileURL(join(dir, 'sdk.gen.ts')).href)) as Record<string, (options: Record<string, unknown>) => Promise<unknown>>;
  const { createClient, createConfig } = (await import(pathToFileURL(join(dir, 'client/index.ts')).href)) as { createClient: (c: unknown) => unknown; createConfig: (c: unknown) => unknown };
  const client = createClient(createConfig({ baseUrl: base, auth: () => token, throwOnError: true }));
  return { sdk, client };
}

// Run as a script by generatePeers().
if (process.argv[2] === 'generate' && process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await generateStale();
