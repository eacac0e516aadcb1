/**
 * Mock server throughput with autocannon: a guest `GET …/members/{memberId}` (JWT check, the rule set,
 * JSON answer) against a bare node:http server answering the same size, in one run, as a ratio (goal:
 * at least 0.5). Both servers run in a child process; autocannon runs here. Traffic stays on 127.0.0.1.
 * And the mock's start-up: a fresh process from `import` of the compiled entry to listening, median of
 * several processes (goal: at most 150 ms), next to a bare node:http server's in the same run.
 *   npm run bench -- mock
 */
import { execFile, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median } from './lib.js';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; non2xx: number; errors: number }>;

async function load(mode: 'mock' | 'baseline', seconds: number): Promise<number> {
  const child = fork(fileURLToPath(new URL('./mock-server-process.ts', import.meta.url)), [mode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const target = await new Promise<{ url: string; jwt?: string }>((resolve) => child.once('message', resolve as never));
    const headers = target.jwt ? { authorization: `Bearer ${target.jwt}` } : {};
    await autocannon({ url: target.url, connections: 16, duration: 1, headers }); // warm-up
    const result = await autocannon({ url: target.url, connections: 16, duration: seconds, headers });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return Math.round(result.requests.average);
  } finally {
    child.kill();
  }
}

const root = join(import.meta.dirname, '..');

/** Import to listening, in a fresh process: the script prints the milliseconds. */
const STARTUPS: Record<string, string> = {
  'bot-apis/mock: startMockServer()': `const t0 = performance.now(); const { startMockServer } = await import(ENTRY); const mock = await startMockServer({ port: 0 }); console.log(performance.now() - t0); await mock.close();`,
  'bare node:http': `const t0 = performance.now(); const { createServer } = await import('node:http'); const s = createServer(); await new Promise((r) => s.listen(0, '127.0.0.1', r)); console.log(performance.now() - t0); s.close();`,
};

function runChild(script: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd }, (err, stdout) => (err ? reject(err) : resolve(Number(stdout.trim()))));
  });
}

/** The .ts files under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.ts$/.test(name) && !name.endsWith('.d.ts')).map((name) => join(dir, name));
}

/**
 * Start-up medians: src/ and generated/ compiled file by file to plain ESM, as the published package
 * runs (a single-file bundle would hoist the lazily imported `ws` and libphonenumber-js to the top).
 */
async function startup(runs: number): Promise<Record<string, number>> {
  const out = mkdtempSync(join(tmpdir(), 'bot-apis-mock-start-'));
  try {
    const entry = join(out, 'src/mock/index.js');
    await build({ entryPoints: [...sources(join(root, 'src')), ...sources(join(root, 'generated'))], outdir: out, outbase: root, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
    const result: Record<string, number> = {};
    for (const [name, script] of Object.entries(STARTUPS)) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await runChild(`const ENTRY = ${JSON.stringify(entry)}; ${script}`, out));
      result[name] = median(times);
    }
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function benchMock(seconds = 3, rounds = 3, startupRuns = 7): Promise<string> {
  // Alternating rounds, medians: the machine's other load falls on both sides alike.
  const mocks: number[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < rounds; i++) {
    mocks.push(await load('mock', seconds));
    baselines.push(await load('baseline', seconds));
  }
  const mock = median(mocks);
  const baseline = median(baselines);
  const started = await startup(startupRuns);
  return [
    `Mock server (autocannon, 16 connections, ${seconds} s after a 1 s warm-up; medians of ${rounds} alternating rounds)`,
    '',
    '| server | req/s | vs bare node:http (goal ≥ 0.5) |',
    '|---|---:|---:|',
    `| mock: guest GET member (JWT + the rule set) | ${mock} | ${(mock / baseline).toFixed(2)} |`,
    `| bare node:http, same answer size | ${baseline} | 1.00 |`,
    '',
    `Mock start-up (fresh process, import to listening, median of ${startupRuns}; goal ≤ 150 ms)`,
    '',
    '| server | ms |',
    '|---|---:|',
    ...Object.entries(started).map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} |`),
  ].join('\n');
}
