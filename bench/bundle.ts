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
  /** Bytes of the entry chunk (what the page loads up front), minified. */
  minified: number;
  /** The same, gzip level 9. */
  gzip: number;
  /** Source files that ended up in the entry chunk. */
  inputs: string[];
}

export async function measureBundle(entry: string): Promise<BundleFigure> {
  const outdir = mkdtempSync(join(tmpdir(), 'bot-apis-bundle-'));
  try {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
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
    const [outPath, output] = Object.entries(meta.outputs).find(([, o]) => o.entryPoint)!;
    const code = readFileSync(join(process.cwd(), outPath));
    return { entry, minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs: Object.keys(output.inputs).sort() };
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
