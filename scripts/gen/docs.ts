import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * What the rendered page depends on: the spec source, the shared Genesys file, the renderer version and
 * its options. The manifest records it so neither `--check` nor an unchanged spec needs a new render.
 */
export async function docsInputHash(root: string, api: ApiDef): Promise<string> {
  const shared = (await readdir(join(root, 'openapi/shared'))).sort();
  const parts = [await readFile(join(root, api.spec), 'utf8')];
  for (const name of shared) parts.push(name, await readFile(join(root, 'openapi/shared', name), 'utf8'));
  return sha256([...parts, redoclyVersion(), DOCS_ARGS.join(' '), SCRIPT_VERSION].join('\0'));
}

/** generated/<api>/docs.html: Redocly's renderer with its scripts inlined, so the page works offline. */
export async function renderDocs(root: string, api: ApiDef): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bot-apis-docs-'));
  try {
    const output = join(dir, `${api.name}.html`);
    // Rendered from the source (authors' order of paths and fields), started before lint so it overlaps.
    const result = await redocly(['build-docs', api.name, ...DOCS_ARGS, '--config', join(root, 'redocly.yaml'), '-o', output], root);
    if (result.code !== 0) throw new Error(`redocly build-docs failed for ${api.name}:\n${result.stdout}${result.stderr}`);
    const html = await readFile(output, 'utf8');
    return html.split(dir).join('.').split(root).join('.');
  } finally {
    await rm(dir, { recursive: true, force: true });
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
