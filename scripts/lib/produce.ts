/**
 * Computes every file of generated/ in memory. Nothing is written here, so a failure at any step
 * leaves generated/ exactly as it was.
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { APIS, type ApiDef } from './apis.ts';
import { sha256 } from './hash.ts';
import { redoclyVersion } from './redocly.ts';
import { sortKeys, stableJson } from './stable-json.ts';
import type { JsonObject } from './spec-model.ts';
import type { ApiContext, OutputFile } from '../gen/types.ts';
import { bundleFile } from '../gen/bundle.ts';
import { schemaFile } from '../gen/schema.ts';
import { operationsFile } from '../gen/operations.ts';
import { validatorFiles } from '../gen/validators.ts';
import { referenceFile } from '../gen/reference.ts';
import { docsFile, docsInputHash, renderDocs } from '../gen/docs.ts';
import { readmeFile } from '../gen/readme.ts';
import { indexFile } from '../gen/index-page.ts';
import { modelsFiles } from '../gen/models.ts';

export class LintError extends Error {}

export interface Produced {
  files: OutputFile[];
  docsRendered: string[];
}

const require = createRequire(import.meta.url);
const toolVersions = () => ({
  ajv: (require('ajv/package.json') as { version: string }).version,
  'openapi-typescript': (require('openapi-typescript/package.json') as { version: string }).version,
  redocly: redoclyVersion(),
  // Its package.json is not exported, so it is read from disk.
  '@redocly/openapi-core': (JSON.parse(readFileSync(new URL('../../node_modules/@redocly/openapi-core/package.json', import.meta.url), 'utf8')) as { version: string }).version,
});

async function lintAll(root: string): Promise<void> {
  const { lintSpec } = await import('./redocly-core.ts');
  const problems = (await Promise.all(APIS.map((api) => lintSpec(root, api.spec)))).flat();
  if (problems.length > 0) throw new LintError(`${problems.join('\n')}\n${problems.length} lint problem(s)`);
}

async function bundleAll(root: string): Promise<ApiContext[]> {
  const { bundleSpec } = await import('./redocly-core.ts');
  return Promise.all(
    APIS.map(async (api) => {
      const doc = sortKeys(await bundleSpec(root, api.spec)) as JsonObject;
      return { api, doc, specHash: sha256(stableJson(doc)), specVersion: String((doc.info as JsonObject).version) };
    }),
  );
}

interface Manifest {
  docs: Record<string, { inputHash: string; fileHash: string }>;
  files: Record<string, string>;
  generator: string;
  /** Hash of the spec sources and lint config the last successful (lint-clean) run read. */
  sources: string;
  specs: Record<string, { sha256: string; version: string }>;
}

/** Hash of everything a spec's lint and bundle read: the specs, the shared Genesys file, redocly.yaml. */
async function sourcesHash(root: string): Promise<string> {
  const parts: string[] = [await readFile(join(root, 'redocly.yaml'), 'utf8')];
  for (const api of APIS) parts.push(api.spec, await readFile(join(root, api.spec), 'utf8'));
  for (const name of (await readdir(join(root, 'openapi/shared'))).sort()) parts.push(name, await readFile(join(root, 'openapi/shared', name), 'utf8'));
  return sha256(parts.join('\0'));
}

/** Hash of the generator's own code and tool versions: with the spec hashes, everything generated/ depends on. */
async function generatorHash(root: string): Promise<string> {
  const dirs = ['scripts/gen', 'scripts/lib'];
  const parts: string[] = [JSON.stringify(toolVersions())];
  for (const dir of dirs) {
    for (const name of (await readdir(join(root, dir))).sort()) {
      parts.push(name, await readFile(join(root, dir, name), 'utf8'));
    }
  }
  return sha256(parts.join('\0'));
}

/**
 * --check fast path: when the specs and the generator are what the manifest recorded and every file on
 * disk still has its recorded hash, regenerating would give the same bytes, so nothing is recomputed.
 */
async function unchangedSinceManifest(root: string, prev: Manifest | undefined, sources: string, generator: string): Promise<OutputFile[] | undefined> {
  if (!prev || prev.generator !== generator || prev.sources !== sources) return undefined;
  const files: OutputFile[] = [];
  for (const [path, hash] of Object.entries(prev.files ?? {})) {
    const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (content === undefined || sha256(content) !== hash) return undefined;
    files.push({ path, content });
  }
  const manifest = await readFile(join(root, 'generated/manifest.json'), 'utf8');
  return [...files, { path: 'generated/manifest.json', content: manifest }];
}

async function previousManifest(root: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(root, 'generated/manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/**
 * The HTML docs are the slow part (a full React render in a child process). Their inputs are hashed:
 * when the inputs and the file on disk both match the manifest, the file on disk is reused as is.
 * Otherwise the render starts at once, in parallel with lint and the other steps.
 */
async function startDocs(root: string, api: ApiDef, prev: Manifest | undefined, mode: 'write' | 'check', force: boolean) {
  const path = `generated/${api.name}/docs.html`;
  const inputHash = await docsInputHash(root, api);
  const recorded = prev?.docs?.[api.name];
  const onDisk = await readFile(join(root, path), 'utf8').catch(() => undefined);
  const fresh = !force && recorded?.inputHash === inputHash && onDisk !== undefined && sha256(onDisk) === recorded.fileHash;
  if (fresh) return { inputHash, reuse: onDisk, render: undefined };
  // In --check mode a stale page is reported, not rendered; a placeholder can never equal the file on disk.
  if (mode === 'check') return { inputHash, reuse: `stale:${inputHash}`, render: undefined };
  const render = renderDocs(root, api);
  render.catch(() => undefined); // awaited below; this keeps an early lint failure from leaving it unhandled
  return { inputHash, reuse: undefined, render };
}

const T0 = performance.now();
/** `BOT_APIS_TIMING=1` prints when each stage finished (for tuning the pipeline). */
const mark = (stage: string) => {
  if (process.env.BOT_APIS_TIMING) console.error(`[timing] ${stage}: ${Math.round(performance.now() - T0)} ms`);
};

/**
 * One API's outputs (docs aside) when its bundled spec and the generator are what the manifest recorded
 * and its files on disk still have their recorded hashes: regenerating would give the same bytes.
 * `--force` skips this and recomputes everything.
 */
async function unchangedApiFiles(root: string, prev: Manifest | undefined, ctx: ApiContext, generator: string): Promise<OutputFile[] | undefined> {
  if (!prev || prev.generator !== generator || prev.specs?.[ctx.api.name]?.sha256 !== ctx.specHash) return undefined;
  const prefix = `generated/${ctx.api.name}/`;
  const own = Object.entries(prev.files ?? {}).filter(([path]) => path.startsWith(prefix) && !path.endsWith('/docs.html') && !path.endsWith('/models.ts'));
  if (own.length === 0) return undefined;
  const files: OutputFile[] = [];
  for (const [path, hash] of own) {
    const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (content === undefined || sha256(content) !== hash) return undefined;
    files.push({ path, content });
  }
  return files;
}

export async function produce(opts: { root: string; mode: 'write' | 'check'; force: boolean }): Promise<Produced> {
  mark('start');
  const prev = await previousManifest(opts.root);
  const sources = await sourcesHash(opts.root);
  const generator = await generatorHash(opts.root);
  // --check: byte-identical sources, lint config and generator as the last clean run, and every file
  // still as recorded, means regenerating would give the same bytes (and lint the same verdict).
  if (opts.mode === 'check') {
    const same = await unchangedSinceManifest(opts.root, prev, sources, generator);
    if (same) return { files: same, docsRendered: [] };
  }
  const docsJobs = await Promise.all(APIS.map((api) => startDocs(opts.root, api, prev, opts.mode, opts.force)));
  await lintAll(opts.root);
  mark('lint');
  const contexts = await bundleAll(opts.root);
  mark('bundle');
  const files: OutputFile[] = [];
  for (const ctx of contexts) {
    const reused = opts.force ? undefined : await unchangedApiFiles(opts.root, prev, ctx, generator);
    files.push(...(reused ?? [bundleFile(ctx), await schemaFile(ctx), operationsFile(ctx), ...validatorFiles(ctx), referenceFile(ctx)]));
  }
  const docs = await Promise.all(
    contexts.map(async (ctx, i) => {
      const job = docsJobs[i]!;
      const file = job.reuse !== undefined ? { path: `generated/${ctx.api.name}/docs.html`, content: job.reuse } : docsFile(ctx, await job.render!);
      return { file, inputHash: job.inputHash, rendered: job.render !== undefined };
    }),
  );
  mark('schema, operations, validators, reference');
  files.push(...docs.map((d) => d.file));
  mark('docs');
  const specs = Object.fromEntries(contexts.map((c) => [c.api.name, { sha256: c.specHash, version: c.specVersion }]));
  files.push(readmeFile(specs));
  files.push(...modelsFiles(contexts));
  files.push(indexFile(Object.fromEntries(contexts.map((c) => [c.api.name, String((c.doc.info as JsonObject).title)]))));
  const manifest = {
    note: 'Generated by scripts/lib/produce.ts. Do not edit: run `npm run generate`.',
    docs: Object.fromEntries(contexts.map((c, i) => [c.api.name, { inputHash: docs[i]!.inputHash, fileHash: sha256(docs[i]!.file.content) }])),
    files: Object.fromEntries(files.map((f) => [f.path, sha256(f.content)])),
    generator,
    sources,
    specs,
    tools: toolVersions(),
  };
  files.push({ path: 'generated/manifest.json', content: stableJson(manifest) });
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, docsRendered: contexts.filter((_, i) => docs[i]!.rendered).map((c) => c.api.name) };
}
