/**
 * Type-check cost for a user: `tsc --extendedDiagnostics` on two consumers of the built package that make
 * the same calls (every operation once, with its spec example), one through this package's entry points,
 * the other through openapi-fetch alone with the same generated `schema.ts` types. Interleaved runs,
 * medians; the budget is ≤ 1.5× the openapi-fetch consumer's total time.
 *   npm run bench -- typecheck
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleInit, literal } from '../scripts/gen/operations.ts';
import { APIS } from '../scripts/lib/apis.ts';
import { listOperations, type JsonObject } from '../scripts/lib/spec-model.ts';
import { median } from './lib.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

const CLIENTS: Record<string, { factory: string; entry: string; auth: string }> = {
  textbots: { factory: 'createTextbotsClient', entry: 'bot-apis/textbots', auth: `{ accessToken: 't' }` },
  webchat: { factory: 'createWebChatClient', entry: 'bot-apis/webchat', auth: `{ accessToken: 't', guestJwt: 'j' }` },
  botmessage: { factory: 'createBotMessageClient', entry: 'bot-apis/botmessage', auth: `{ username: 'u', password: 'p' }` },
};

export interface TypecheckFigure {
  name: string;
  totalMs: number;
  checkMs: number;
  types: number;
  instantiations: number;
  memoryKb: number;
}

/** The two consumers' sources: the same calls, through the package and through openapi-fetch. */
function consumers(): { pkg: string; openapiFetch: string } {
  const pkg: string[] = [
    `import { isApiError } from 'bot-apis';`,
    `import { createNodeFetch } from 'bot-apis/node';`,
  ];
  const raw: string[] = [`import createClient from 'openapi-fetch';`];
  const pkgBody: string[] = [];
  const rawBody: string[] = [];
  for (const api of APIS) {
    const doc = JSON.parse(readFileSync(join(REPO, 'generated', api.name, 'openapi.json'), 'utf8')) as JsonObject;
    const ctx = { api, doc, specHash: '', specVersion: '' };
    const c = CLIENTS[api.name]!;
    pkg.push(`import { ${c.factory} } from '${c.entry}';`);
    raw.push(`import type { paths as ${api.name}Paths } from '${join(REPO, 'dist/generated', api.name, 'schema.js')}';`);
    pkgBody.push(`  const ${api.name} = ${c.factory}({ baseUrl: 'http://127.0.0.1:1', auth: ${c.auth}, fetch: createNodeFetch() });`);
    rawBody.push(`  const ${api.name} = createClient<${api.name}Paths>({ baseUrl: 'http://127.0.0.1:1' });`);
    for (const op of listOperations(doc)) {
      const init = exampleInit(ctx, op);
      const text = init ? literal(init, 1) : '';
      pkgBody.push(`  results.push(await ${api.name}.${op.operationId}(${text}));`);
      rawBody.push(`  results.push((await ${api.name}.${op.method.toUpperCase()}(${JSON.stringify(op.path)}${init ? `, ${text}` : ''})).data);`);
    }
  }
  const wrap = (imports: string[], body: string[], after: string) => [...imports, '', 'export async function all(results: unknown[]): Promise<void> {', ...body, after, '}', ''].join('\n');
  return {
    pkg: wrap(pkg, pkgBody, `  try { await botmessage.sendBotMessage(undefined as never); } catch (e) { if (isApiError(e, 'sendBotMessage') && e.status === 400) results.push(e.body.errors); }`),
    openapiFetch: wrap(raw, rawBody, ''),
  };
}

function diagnostics(project: string): TypecheckFigure {
  let out: string;
  try {
    out = execFileSync(process.execPath, [TSC, '-p', project, '--extendedDiagnostics'], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`tsc failed in ${project}:\n${(err as { stdout?: string }).stdout ?? err}`);
  }
  const num = (label: string) => Number((new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(out) ?? [])[1] ?? NaN);
  return { name: project, totalMs: num('Total time') * 1000, checkMs: num('Check time') * 1000, types: num('Types'), instantiations: num('Instantiations'), memoryKb: num('Memory used') };
}

export async function benchTypecheck(runs = 5): Promise<string> {
  execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/build.ts')], { stdio: 'ignore', cwd: REPO });
  const dir = mkdtempSync(join(tmpdir(), 'bot-apis-typecheck-'));
  try {
    mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
    // The package as installed (its exports map, its dist/), and its dependencies from this repo's install.
    symlinkSync(REPO, join(dir, 'node_modules/bot-apis'), 'dir');
    for (const dep of ['openapi-fetch', 'openapi-typescript-helpers', '@types/node', 'undici-types']) symlinkSync(join(REPO, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const { pkg, openapiFetch } = consumers();
    const variants = [
      { name: 'openapi-fetch with the same schema.ts types', file: 'openapi-fetch.ts', code: openapiFetch },
      { name: 'bot-apis, every entry point', file: 'bot-apis.ts', code: pkg },
    ];
    const figures = new Map<string, { skip: TypecheckFigure[]; full: TypecheckFigure[] }>();
    for (const v of variants) {
      for (const skipLibCheck of [true, false]) {
        const project = join(dir, `${v.file}.${skipLibCheck ? 'skip' : 'full'}`);
        mkdirSync(project);
        writeFileSync(join(project, v.file), v.code);
        writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck, lib: ['ES2022', 'DOM'], types: ['node'] }, files: [v.file] }));
      }
      figures.set(v.name, { skip: [], full: [] });
    }
    for (const v of variants) for (const mode of ['skip', 'full'] as const) diagnostics(join(dir, `${v.file}.${mode}`)); // warm-up
    for (let r = 0; r < runs; r++) {
      for (const v of variants) {
        for (const mode of ['skip', 'full'] as const) figures.get(v.name)![mode].push(diagnostics(join(dir, `${v.file}.${mode}`)));
      }
    }
    const row = (name: string, mode: 'skip' | 'full', base: number) => {
      const xs = figures.get(name)![mode];
      const total = median(xs.map((x) => x.totalMs));
      return `| ${name} | ${mode === 'skip' ? 'true' : 'false'} | ${Math.round(total)} ms | ${Math.round(median(xs.map((x) => x.checkMs)))} ms | ${xs[0]!.types} | ${xs[0]!.instantiations} | ${(total / base).toFixed(2)} |`;
    };
    const lines = [
      `Type-check cost (tsc --extendedDiagnostics, median of ${runs}, interleaved): a consumer calling every operation once`,
      '',
      '| consumer | skipLibCheck | total | check | types | instantiations | vs openapi-fetch |',
      '|---|---|---:|---:|---:|---:|---:|',
    ];
    for (const mode of ['skip', 'full'] as const) {
      const base = median(figures.get(variants[0]!.name)![mode].map((x) => x.totalMs));
      for (const v of variants) lines.push(row(v.name, mode, base));
    }
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
