/**
 * Bundle sizes of four browser apps as users build them: with esbuild and with Vite (production build),
 * minified, ESM, code splitting on. "Up front" is the entry chunk plus the chunks it imports statically
 * (all load with the page); lazy chunks (response rules for `validate: 'strict'`, the event stream of
 * `events()`) are reported apart, loaded only when used.
 *   npm run bench -- bundle
 */
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface BundleFigure {
  entry: string;
  /** Bytes the page loads up front (the entry chunk and its static imports), minified. */
  minified: number;
  /** The same, gzip level 9 (each chunk compressed on its own, as served). */
  gzip: number;
  /** Gzip bytes of the chunks loaded on demand, by the name of the module that starts each. */
  lazyGzip: Record<string, number>;
  /** Source files that ended up in the up-front chunks. */
  inputs: string[];
}

export const APPS = {
  guest: { entry: './apps/guest-chat-app.ts', title: 'guest chat (createGuestChatClient: create, typing, send, read, leave)' },
  guestEvents: { entry: './apps/guest-chat-events-app.ts', title: 'guest chat on the event stream (create, send, events())' },
  textbots: { entry: './apps/textbots-app.ts', title: 'textbots only (createTextbotsClient)' },
  botmessage: { entry: './apps/botmessage-app.ts', title: 'sendBotMessage only (createBotMessageClient)' },
} as const;

const gz = (code: Uint8Array | string) => gzipSync(code, { level: 9 }).length;

export async function measureBundle(entry: string): Promise<BundleFigure> {
  const outdir = mkdtempSync(join(tmpdir(), 'bot-apis-bundle-'));
  try {
    const entryPoint = fileURLToPath(new URL(entry, import.meta.url));
    const result = await build({ entryPoints: [entryPoint], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', splitting: true, outdir, metafile: true, write: true, logLevel: 'silent' });
    const meta: Metafile = result.metafile;
    const entryPath = Object.keys(meta.outputs).find((p) => entryPoint.endsWith(meta.outputs[p]!.entryPoint ?? '\0'))!;
    const upFront = [entryPath, ...meta.outputs[entryPath]!.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)];
    const read = (path: string) => readFileSync(join(process.cwd(), path));
    const lazyGzip: Record<string, number> = {};
    for (const [path, output] of Object.entries(meta.outputs)) {
      if (upFront.includes(path) || path.endsWith('.map') || !output.entryPoint) continue;
      lazyGzip[output.entryPoint.split('/').pop()!.replace(/\.ts$/, '')] = gz(read(path));
    }
    const inputs = upFront.flatMap((p) => Object.keys(meta.outputs[p]!.inputs));
    return {
      entry,
      minified: upFront.reduce((n, p) => n + read(p).length, 0),
      gzip: upFront.reduce((n, p) => n + gz(read(p)), 0),
      lazyGzip,
      inputs: [...new Set(inputs)].sort(),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The same app through Vite's production build (Rollup-compatible output, its default minifier). */
export async function measureViteBundle(entry: string): Promise<Omit<BundleFigure, 'inputs'>> {
  const { build: viteBuild } = await import('vite');
  const input = fileURLToPath(new URL(entry, import.meta.url));
  const output = await viteBuild({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('..', import.meta.url)),
    build: { write: false, target: 'es2022', modulePreload: false, rollupOptions: { input, preserveEntrySignatures: 'exports-only' } },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : [])).filter((c) => c.type === 'chunk');
  const main = chunks.find((c) => c.isEntry)!;
  const upFront = new Set([main.fileName, ...main.imports]);
  const lazyGzip: Record<string, number> = {};
  for (const c of chunks) if (!upFront.has(c.fileName)) lazyGzip[c.name] = gz(c.code);
  const picked = chunks.filter((c) => upFront.has(c.fileName));
  return { entry, minified: picked.reduce((n, c) => n + Buffer.byteLength(c.code), 0), gzip: picked.reduce((n, c) => n + gz(c.code), 0), lazyGzip };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const lazy = (figure: { lazyGzip: Record<string, number> }) =>
  Object.entries(figure.lazyGzip).map(([name, bytes]) => `${name} ${kB(bytes)}`).join(', ') || 'none';

export async function benchBundle(): Promise<string> {
  const rows = ['Browser bundles (minified, ESM; up front = entry chunk and its static imports; gzip level 9)', '', '| app | bundler | up front, minified | up front, gzip | lazy chunks (gzip) |', '|---|---|---:|---:|---|'];
  let textbotsInputs: string[] = [];
  for (const [name, app] of Object.entries(APPS)) {
    const esbuild = await measureBundle(app.entry);
    const vite = await measureViteBundle(app.entry);
    if (name === 'textbots') textbotsInputs = esbuild.inputs;
    rows.push(`| ${app.title} | esbuild | ${kB(esbuild.minified)} | ${kB(esbuild.gzip)} | ${lazy(esbuild)} |`);
    rows.push(`| | Vite | ${kB(vite.minified)} | ${kB(vite.gzip)} | ${lazy(vite)} |`);
  }
  const webchatInTextbots = textbotsInputs.filter((i) => /webchat/i.test(i));
  rows.push('', `WebChat files in the textbots bundle: ${webchatInTextbots.length === 0 ? 'none' : webchatInTextbots.join(', ')}`);
  return rows.join('\n');
}
