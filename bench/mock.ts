/**
 * Mock server throughput with autocannon: a guest `GET …/members/{memberId}` (JWT check, spec
 * validation, JSON answer) against a bare node:http server answering the same size, in one run.
 * Both servers run in a child process; autocannon runs here. Traffic stays on 127.0.0.1.
 *   npm run bench -- mock
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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

export async function benchMock(seconds = 5): Promise<string> {
  const mock = await load('mock', seconds);
  const baseline = await load('baseline', seconds);
  return [
    `Mock server (autocannon, 16 connections, ${seconds} s after a 1 s warm-up)`,
    '',
    '| server | req/s | vs bare node:http |',
    '|---|---:|---:|',
    `| mock: guest GET member (JWT + spec validation) | ${mock} | ${(mock / baseline).toFixed(2)} |`,
    `| bare node:http, same answer size | ${baseline} | 1.00 |`,
  ].join('\n');
}
