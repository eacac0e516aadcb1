import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sha256 } from '../lib/hash.ts';
import { headerText } from '../lib/header.ts';
import { redocly, redoclyVersion } from '../lib/redocly.ts';
import type { ApiDef } from '../lib/apis.ts';
import type { ApiContext, OutputFile } from './types.ts';

export const SCRIPT = 'scripts/gen/docs.ts';

const DOCS_ARGS = ['--inlineBundle'];
/** Bump when the post-processing below changes. */
const SCRIPT_VERSION = 'docs-2';

/**
 * The renderer shows its vendor's logo from a CDN at run time; offline docs load nothing from outside,
 * so the image is swapped for an empty inline SVG.
 */
const CDN_IMAGE = /https:\/\/cdn\.redoc\.ly\/[A-Za-z0-9/_.-]+\.svg/g;
const EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

/**
 * What the rendered page depends on: the spec source, the files its `$ref`s read (the shared Genesys file,
 * for an event stream the API whose models it uses), the renderer version and its options. The manifest
 * records it so neither `--check` nor an unchanged spec needs a new render.
 */
export async function docsInputHash(root: string, api: ApiDef): Promise<string> {
  const shared = (await readdir(join(root, 'openapi/shared'))).sort();
  const parts = [await readFile(join(root, api.spec), 'utf8')];
  for (const name of shared) parts.push(name, await readFile(join(root, 'openapi/shared', name), 'utf8'));
  for (const used of api.uses) parts.push(used, await readFile(join(root, used), 'utf8'));
  return sha256([...parts, redoclyVersion(), DOCS_ARGS.join(' '), SCRIPT_VERSION].join('\0'));
}

/** The renderer's temp folder and the checkout's path never end up in a page. */
function scrub(html: string, dir: string, root: string): string {
  return html.split(dir).join('.').split(root).join('.');
}

/** One page through the Redocly CLI (a Node start-up per page): the fallback when the worker cannot load. */
export async function renderDocsWithCli(root: string, api: ApiDef): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bot-apis-docs-'));
  try {
    const output = join(dir, `${api.name}.html`);
    const result = await redocly(['build-docs', api.name, ...DOCS_ARGS, '--config', join(root, 'redocly.yaml'), '-o', output], root);
    if (result.code !== 0) throw new Error(`redocly build-docs failed for ${api.name}:\n${result.stdout}${result.stderr}`);
    return scrub(await readFile(output, 'utf8'), dir, root);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Renders generated/<api>/docs.html with `redocly build-docs --inlineBundle`'s own handler, in a worker
 * thread (scripts/lib/docs-worker.mjs) that loads the renderer once: every page of a run, and in `--watch`
 * every later save, reuses it, and the pages render on the second core while lint, bundle and types run on
 * the first. Pages come from the source spec (authors' order of paths and fields), as with the CLI.
 */
export class DocsRenderer {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #failed: Error | undefined;
  #next = 1;
  readonly #pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  constructor(private readonly root: string) {}

  /** Starts loading the renderer (idempotent); rendering waits for it. */
  start(): void {
    if (this.#ready) return;
    const worker = new Worker(join(this.root, 'scripts/lib/docs-worker.mjs'), {
      workerData: { root: this.root },
      // Plain Node: the TypeScript loader of the parent would slow the renderer's import several times over.
      execArgv: [],
      // The handler prints banners and progress; the pipeline prints its own summary.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    this.#worker = worker;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: { ready?: boolean; id?: number; ok?: boolean; error?: string }) => {
        if (msg.ready) return resolve();
        const job = this.#pending.get(msg.id!);
        this.#pending.delete(msg.id!);
        if (msg.ok) job?.resolve();
        else job?.reject(new Error(msg.error));
      });
      const fail = (err: Error) => {
        this.#failed = err;
        reject(err);
        for (const job of this.#pending.values()) job.reject(err);
        this.#pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`docs worker exited (${code})`)));
    });
    this.#ready.catch(() => undefined);
    worker.unref();
  }

  async render(api: ApiDef): Promise<string> {
    this.start();
    try {
      await this.#ready;
    } catch {
      // The CLI's internals moved (or the worker died): the CLI itself still renders the same page.
      return renderDocsWithCli(this.root, api);
    }
    const dir = await mkdtemp(join(tmpdir(), 'bot-apis-docs-'));
    try {
      const output = join(dir, `${api.name}.html`);
      const id = this.#next++;
      this.#worker!.ref();
      try {
        await new Promise<void>((resolve, reject) => {
          this.#pending.set(id, { resolve, reject });
          this.#worker!.postMessage({ id, root: this.root, api: api.name, output });
        });
      } finally {
        if (this.#pending.size === 0) this.#worker?.unref();
      }
      return scrub(await readFile(output, 'utf8'), dir, this.root);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  get failed(): Error | undefined {
    return this.#failed;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

/** Adds the provenance header to a rendered page. */
export function docsFile(ctx: ApiContext, rendered: string): OutputFile {
  const html = rendered.replace(CDN_IMAGE, EMPTY_SVG);
  const header = `<!-- ${headerText({ script: SCRIPT, spec: ctx.api.spec, specVersion: ctx.specVersion, specHash: ctx.specHash })} -->`;
  // The header goes right after the doctype: a comment before it would put browsers in quirks mode.
  const content = /^<!DOCTYPE html>/i.test(html) ? html.replace(/^<!DOCTYPE html>/i, (d) => `${d}${header}`) : `${header}\n${html}`;
  return { path: `generated/${ctx.api.name}/docs.html`, content };
}
