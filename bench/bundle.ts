/**
 * Bundle sizes, measured with esbuild as a browser app would be built: minified, ESM, code splitting on
 * (response validators are a lazy chunk, loaded only for `validate: 'strict'`).
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
  /** The same, gzip level 9. */
  gzip: number;
  /** Source files that ended up in those chunks. */
  inputs: string[];
}

export async function measureBundle(entry: string): Promise<BundleFigure> {
  const outdir = mkdtempSync(join(tmpdir(), 'bot-apis-bundle-'));
  try {
    const entryPoint = fileURLToPath(new URL(entry, import.meta.url));
    const result = await build({
      entryPoints: [entryPoint],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      splitting: true,
      outdir,
      metafile: true,
      write: true,
      logLevel: 'silent',
    });
    const meta: Metafile = result.metafile;
    // The entry chunk and the chunks it imports statically (code it shares with a lazy chunk, such as the
    // rule checker): all of them load up front. Lazy chunks (dynamic imports) are not counted.
    const entryPath = Object.keys(meta.outputs).find((p) => entryPoint.endsWith(meta.outputs[p]!.entryPoint ?? '\0'))!;
    const upFront = [entryPath, ...meta.outputs[entryPath]!.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)];
    let minified = 0;
    let gzip = 0;
    for (const path of upFront) {
      const code = readFileSync(join(process.cwd(), path));
      minified += code.length;
      gzip += gzipSync(code, { level: 9 }).length;
    }
    const inputs = upFront.flatMap((p) => Object.keys(meta.outputs[p]!.inputs));
    return { entry, minified, gzip, inputs: [...new Set(inputs)].sort() };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function benchBundle(): Promise<string> {
  const guest = await measureBundle('./apps/guest-chat-app.ts');
  const textbots = await measureBundle('./apps/textbots-app.ts');
  const webchatInTextbots = textbots.inputs.filter((i) => /webchat/i.test(i));
  return [
    'Browser bundles (esbuild, minified, ESM; entry chunk)',
    '',
    '| app | minified | gzip |',
    '|---|---:|---:|',
    `| guest chat (createGuestChatClient: create, typing, send, read, leave) | ${(guest.minified / 1024).toFixed(1)} kB | ${(guest.gzip / 1024).toFixed(1)} kB |`,
    `| textbots only (createTextbotsClient) | ${(textbots.minified / 1024).toFixed(1)} kB | ${(textbots.gzip / 1024).toFixed(1)} kB |`,
    '',
    `WebChat files in the textbots bundle: ${webchatInTextbots.length === 0 ? 'none' : webchatInTextbots.join(', ')}`,
  ].join('\n');
}
