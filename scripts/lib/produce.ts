/**
 * Computes every file of generated/ in memory. Nothing is written here (the TypeScript outputs are handed
 * to `onTypes` as soon as they exist, for the caller to write before the docs are done), so a lint or
 * bundle failure leaves generated/ exactly as it was.
 *
 * Work is skipped by hash, at three levels:
 * 1. sources (every spec, openapi/shared/, redocly.yaml), generator code and every file on disk as the
 *    manifest recorded: nothing to do (this is what `--check` and an unchanged `generate` cost);
 * 2. per API: its inputs (spec, the files its `$ref`s read, redocly.yaml) and the generator unchanged and
 *    its files intact: its outputs are reused without lint, bundle or render;
 * 3. per docs page: the page's inputs unchanged: the page on disk is reused.
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ALL_APIS, type ApiDef, type EventApiDef } from './apis.ts';
import { sha256 } from './hash.ts';
import { redoclyVersion } from './redocly.ts';
import { sortKeys, stableJson } from './stable-json.ts';
import type { JsonObject } from './spec-model.ts';
import type { ApiContext, OutputFile } from '../gen/types.ts';
import { bundleFile } from '../gen/bundle.ts';
import { operationsFile } from '../gen/operations.ts';
import { FORMATS_SOURCE, validatorFiles } from '../gen/validators.ts';
import { referenceFile } from '../gen/reference.ts';
import { DocsRenderer, docsFile, docsInputHash } from '../gen/docs.ts';
import { readmeFile } from '../gen/readme.ts';
import { indexFile } from '../gen/index-page.ts';
import { modelsFiles } from '../gen/models.ts';
import { eventsFile, eventsReferenceFile, inlineBorrowedFields, type EventContext } from '../gen/events.ts';
import { eventValidatorFiles } from '../gen/event-validators.ts';

export class LintError extends Error {}

export interface Produced {
  files: OutputFile[];
  docsRendered: string[];
  /** The APIs whose outputs were computed again (the others were reused from disk by hash). */
  regenerated: string[];
  /** True when sources, generator and every file were as the manifest recorded: nothing was computed. */
  upToDate: boolean;
}

export interface ProduceOptions {
  root: string;
  mode: 'write' | 'check';
  force: boolean;
  /** Write mode: gets the TypeScript outputs (schema, operations, validators, events) before the docs are rendered. */
  onTypes?: (files: OutputFile[]) => Promise<void>;
  /** A renderer kept warm by the caller (`--watch`); otherwise one is started and closed per run. */
  renderer?: DocsRenderer;
}

interface Manifest {
  docs: Record<string, { inputHash: string; fileHash: string }>;
  files: Record<string, string>;
  generator: string;
  /** Per API: hash of everything its lint and bundle read. */
  inputs?: Record<string, string>;
  /** Hash of the spec sources and lint config the last successful (lint-clean) run read. */
  sources: string;
  specs: Record<string, { sha256: string; version: string }>;
}

const require = createRequire(import.meta.url);
const toolVersions = (root: string) => ({
  ajv: (require('ajv/package.json') as { version: string }).version,
  'openapi-typescript': (require('openapi-typescript/package.json') as { version: string }).version,
  redocly: redoclyVersion(),
  // Its package.json is not exported, so it is read from disk.
  '@redocly/openapi-core': (JSON.parse(readFileSync(join(root, 'node_modules/@redocly/openapi-core/package.json'), 'utf8')) as { version: string }).version,
});

const T0 = performance.now();
/** `BOT_APIS_TIMING=1` prints when each stage finished (for tuning the pipeline). */
const mark = (stage: string) => {
  if (process.env.BOT_APIS_TIMING) console.error(`[timing] ${stage}: ${Math.round(performance.now() - T0)} ms`);
};

/** Every input file's text, read once per run. */
class Inputs {
  readonly #cache = new Map<string, Promise<string>>();
  constructor(readonly root: string) {}
  read(path: string): Promise<string> {
    let text = this.#cache.get(path);
    if (!text) this.#cache.set(path, (text = readFile(join(this.root, path), 'utf8')));
    return text;
  }
  async shared(): Promise<string[]> {
    return (await readdir(join(this.root, 'openapi/shared'))).sort().map((n) => `openapi/shared/${n}`);
  }
}

/** Hash of everything one API's lint and bundle read: its spec, the files its `$ref`s read, openapi/shared/, redocly.yaml. */
async function apiInputHash(inputs: Inputs, api: ApiDef): Promise<string> {
  const paths = ['redocly.yaml', api.spec, ...api.uses, ...(await inputs.shared())];
  const parts: string[] = [];
  for (const p of paths) parts.push(p, await inputs.read(p));
  return sha256(parts.join('\0'));
}

/** Hash of the generator's own code (and the format predicates it copies) and tool versions: with the spec hashes, everything generated/ depends on. */
async function generatorHash(root: string): Promise<string> {
  const parts: string[] = [JSON.stringify(toolVersions(root))];
  for (const dir of ['scripts/gen', 'scripts/lib']) {
    for (const name of (await readdir(join(root, dir))).sort()) parts.push(name, await readFile(join(root, dir, name), 'utf8'));
  }
  // The format predicates are copied from here into the rules files.
  parts.push(FORMATS_SOURCE, await readFile(join(root, FORMATS_SOURCE), 'utf8'));
  return sha256(parts.join('\0'));
}

async function previousManifest(root: string): Promise<{ manifest?: Manifest; text?: string }> {
  try {
    const text = await readFile(join(root, 'generated/manifest.json'), 'utf8');
    return { manifest: JSON.parse(text) as Manifest, text };
  } catch {
    return {};
  }
}

/** The recorded files (all, or those under `prefix`) as they are on disk, or undefined if any differs from its hash. */
async function intactFiles(root: string, prev: Manifest, filter: (path: string) => boolean): Promise<OutputFile[] | undefined> {
  const entries = Object.entries(prev.files ?? {}).filter(([path]) => filter(path));
  const files = await Promise.all(
    entries.map(async ([path, hash]) => {
      const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
      return content !== undefined && sha256(content) === hash ? { path, content } : undefined;
    }),
  );
  return files.every((f) => f !== undefined) ? (files as OutputFile[]) : undefined;
}

const ownFile = (api: ApiDef) => (path: string) => path.startsWith(`generated/${api.name}/`) && !path.endsWith('/models.ts');
const bundlePath = (api: ApiDef) => `generated/${api.name}/${api.kind === 'asyncapi' ? 'asyncapi.json' : 'openapi.json'}`;


async function lintAll(root: string, apis: readonly ApiDef[]): Promise<void> {
  const { lintSpec } = await import('./redocly-core.ts');
  const problems = (await Promise.all(apis.map((api) => lintSpec(root, api.spec, api.name).catch((err: unknown) => [describeLoadError(root, api, err)])))).flat();
  if (problems.length > 0) throw new LintError(`${problems.join('\n')}\n${problems.length} lint problem(s)`);
}

/** A spec that does not even parse (YAML syntax) as `file:line:col error message`. */
function describeLoadError(root: string, api: ApiDef, err: unknown): string {
  const e = err as { message?: string; source?: { absoluteRef?: string }; mark?: { line: number; column: number }; reason?: string };
  const message = e.message ?? String(err);
  // The YAML parser's message names the file and ends with `(line:col)`: `… in "/abs/spec.yaml" (111:7)`.
  const named = / in "([^"]+)" \((\d+):(\d+)\)/.exec(message);
  const file = (named?.[1] ?? e.source?.absoluteRef ?? join(root, api.spec)).replace(`${root}/`, '');
  if (named) return `${file}:${named[2]}:${named[3]} error yaml: ${message.slice(0, named.index)}`;
  if (e.mark) return `${file}:${e.mark.line + 1}:${e.mark.column + 1} error yaml: ${e.reason ?? message}`;
  return `${file} error ${message}`;
}

async function bundleApi(root: string, api: ApiDef, inputs: Inputs): Promise<ApiContext | EventContext> {
  const { bundleSpec, parseSpecSource } = await import('./redocly-core.ts');
  let doc = sortKeys(await bundleSpec(root, api.spec, api.name)) as JsonObject;
  let source: JsonObject | undefined;
  if (api.kind === 'asyncapi') {
    source = (await parseSpecSource(await inputs.read(api.spec))) as JsonObject;
    doc = sortKeys(inlineBorrowedFields(doc, source)) as JsonObject;
  }
  const ctx = { api, doc, specHash: sha256(stableJson(doc)), specVersion: String((doc.info as JsonObject).version) };
  return source ? { ...ctx, api: api as EventApiDef, source } : ctx;
}

/** The context of an API whose outputs are reused: its bundled spec as generated/ holds it. */
function contextFromBundle(api: ApiDef, files: OutputFile[]): ApiContext {
  const text = files.find((f) => f.path === bundlePath(api))?.content;
  if (!text) throw new Error(`no ${bundlePath(api)} to reuse`);
  const { 'x-generated': generated, ...doc } = JSON.parse(text) as JsonObject & { 'x-generated': { sha256: string; version: string } };
  return { api, doc, specHash: generated.sha256, specVersion: generated.version };
}

async function typeFiles(ctx: ApiContext): Promise<OutputFile[]> {
  if (ctx.api.kind === 'asyncapi') {
    const e = ctx as EventContext;
    return [eventsFile(e), ...eventValidatorFiles(e)];
  }
  const { schemaFile } = await import('../gen/schema.ts');
  return [await schemaFile(ctx), operationsFile(ctx), ...validatorFiles(ctx)];
}

function otherFiles(ctx: ApiContext): OutputFile[] {
  if (ctx.api.kind === 'asyncapi') return [bundleFile(ctx, 'asyncapi.json'), eventsReferenceFile(ctx as EventContext)];
  return [bundleFile(ctx), referenceFile(ctx)];
}

/** Loads the lint engine and openapi-typescript ahead of the first save (`--watch`), off the save's clock. */
export async function warmUp(root: string): Promise<void> {
  const { redoclyConfig } = await import('./redocly-core.ts');
  await Promise.all([redoclyConfig(root, await readFile(join(root, 'redocly.yaml'), 'utf8')), import('openapi-typescript')]);
}

export async function produce(opts: ProduceOptions): Promise<Produced> {
  const { root } = opts;
  mark('start');
  const inputs = new Inputs(root);
  const [{ manifest: prev, text: prevText }, generator, apiInputs] = await Promise.all([
    previousManifest(root),
    generatorHash(root),
    Promise.all(ALL_APIS.map((api) => apiInputHash(inputs, api))),
  ]);
  const inputHashes = Object.fromEntries(ALL_APIS.map((api, i) => [api.name, apiInputs[i]!]));
  const sources = sha256(ALL_APIS.map((api) => `${api.name}\0${inputHashes[api.name]}`).join('\0'));
  mark('hashes');

  // 1. Nothing changed: sources, generator and every file on disk as the manifest recorded.
  if (!opts.force && prev && prevText && prev.generator === generator && prev.sources === sources) {
    const same = await intactFiles(root, prev, () => true);
    if (same) {
      mark('up to date');
      return { files: [...same, { path: 'generated/manifest.json', content: prevText }], docsRendered: [], regenerated: [], upToDate: true };
    }
  }

  // 2. Per API: reuse, or lint + bundle + generate.
  const reused = new Map<string, OutputFile[]>();
  if (!opts.force && prev && prev.generator === generator) {
    await Promise.all(
      ALL_APIS.map(async (api) => {
        if (prev.inputs?.[api.name] !== inputHashes[api.name]) return;
        const files = await intactFiles(root, prev, ownFile(api));
        if (files?.some((f) => f.path === bundlePath(api))) reused.set(api.name, files);
      }),
    );
  }
  const todo = ALL_APIS.filter((api) => !reused.has(api.name));

  // 3. Docs of the APIs to regenerate, started first so the pages render while lint and types run.
  const docsHashes = Object.fromEntries(await Promise.all(todo.map(async (api) => [api.name, await docsInputHash(root, api)] as const)));
  const renderer = opts.renderer ?? (opts.mode === 'write' ? new DocsRenderer(root) : undefined);
  const docsJobs = new Map<string, { reuse?: string; render?: Promise<string> }>();
  try {
    for (const api of todo) {
      const path = `generated/${api.name}/docs.html`;
      const recorded = prev?.docs?.[api.name];
      const onDisk = !opts.force && recorded?.inputHash === docsHashes[api.name] ? await readFile(join(root, path), 'utf8').catch(() => undefined) : undefined;
      if (onDisk !== undefined && sha256(onDisk) === recorded!.fileHash) docsJobs.set(api.name, { reuse: onDisk });
      // In --check mode a stale page is reported, not rendered; a placeholder can never equal the file on disk.
      else if (opts.mode === 'check') docsJobs.set(api.name, { reuse: `stale:${docsHashes[api.name]}` });
      else {
        const render = renderer!.render(api);
        render.catch(() => undefined); // awaited below; this keeps an early lint failure from leaving it unhandled
        docsJobs.set(api.name, { render });
      }
    }
    if (todo.length > 0) {
      // Reloaded when redocly.yaml's text changed (a long `--watch` session sees config edits).
      const { redoclyConfig } = await import('./redocly-core.ts');
      await redoclyConfig(root, await inputs.read('redocly.yaml'));
      await lintAll(root, todo);
      mark('lint');
    }
    const built = new Map<string, ApiContext>();
    for (const ctx of await Promise.all(todo.map((api) => bundleApi(root, api, inputs)))) built.set(ctx.api.name, ctx);
    mark('bundle');

    const files: OutputFile[] = [];
    const typesOut: OutputFile[] = [];
    for (const api of todo) typesOut.push(...(await typeFiles(built.get(api.name)!)));
    mark('types');
    if (opts.mode === 'write' && opts.onTypes) await opts.onTypes(typesOut);
    files.push(...typesOut);
    for (const api of todo) files.push(...otherFiles(built.get(api.name)!));
    mark('bundle, reference');

    const contexts: ApiContext[] = ALL_APIS.map((api) => built.get(api.name) ?? contextFromBundle(api, reused.get(api.name)!));
    for (const api of ALL_APIS) files.push(...(reused.get(api.name) ?? []));
    const docsRendered: string[] = [];
    const docsRecord: Manifest['docs'] = {};
    for (const api of ALL_APIS) {
      if (reused.has(api.name)) {
        docsRecord[api.name] = prev!.docs[api.name]!;
        continue;
      }
      const ctx = built.get(api.name)!;
      const job = docsJobs.get(api.name)!;
      const file = job.reuse !== undefined ? { path: `generated/${api.name}/docs.html`, content: job.reuse } : docsFile(ctx, await job.render!);
      if (job.render) docsRendered.push(api.name);
      files.push(file);
      docsRecord[api.name] = { inputHash: docsHashes[api.name]!, fileHash: sha256(file.content) };
    }
    mark('docs');

    const openapi = contexts.filter((c) => c.api.kind === 'openapi');
    const specs = Object.fromEntries(contexts.map((c) => [c.api.name, { sha256: c.specHash, version: c.specVersion }]));
    files.push(readmeFile(specs));
    files.push(...modelsFiles(openapi));
    files.push(indexFile(Object.fromEntries(contexts.map((c) => [c.api.name, String((c.doc.info as JsonObject).title)]))));
    const manifest = {
      note: 'Generated by scripts/lib/produce.ts. Do not edit: run `npm run generate`.',
      docs: docsRecord,
      files: Object.fromEntries(files.map((f) => [f.path, sha256(f.content)])),
      generator,
      inputs: inputHashes,
      sources,
      specs,
      tools: toolVersions(root),
    };
    files.push({ path: 'generated/manifest.json', content: stableJson(manifest) });
    files.sort((a, b) => a.path.localeCompare(b.path));
    return { files, docsRendered, regenerated: todo.map((a) => a.name), upToDate: false };
  } finally {
    if (!opts.renderer) await renderer?.close();
  }
}


