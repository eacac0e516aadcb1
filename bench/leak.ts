/**
 * No per-call leak in the Node transport: N calls (default 1,000,000) through the Node client against
 * the echo server in its own process, heap measured after a full GC before and after.
 *   npm run bench -- leak      (LEAK_CALLS=200000 for a shorter run)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTextbotsClient } from '../src/node/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function benchLeak(calls = Number(process.env.LEAK_CALLS ?? 1_000_000)): Promise<string> {
  const child = fork(fileURLToPath(new URL('./echo-server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  try {
    const client = createTextbotsClient({ baseUrl: `http://127.0.0.1:${port}`, auth: { accessToken: 'bench-token' } });
    const body = { botId: 'b1', integrationId: 'i1', botSessionId: '6f1c0d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', postTextMessage: { type: 'Text' as const, text: 'hi' } };
    const run = async (n: number) => {
      let left = n;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (left-- > 0) await client.postTextbotsBotsExecute({ body });
      }));
    };
    await run(10_000); // warm-up: agents, sockets, JIT
    const before = heapMb();
    const started = performance.now();
    await run(calls);
    const seconds = (performance.now() - started) / 1000;
    const after = heapMb();
    return [
      `Heap across ${calls.toLocaleString('en-US')} calls (Node transport, 8 callers, after a full GC)`,
      '',
      '| before | after | growth | per call | calls/s |',
      '|---:|---:|---:|---:|---:|',
      `| ${before.toFixed(1)} MB | ${after.toFixed(1)} MB | ${(after - before).toFixed(2)} MB | ${(((after - before) * 1024 * 1024) / calls).toFixed(3)} B | ${Math.round(calls / seconds)} |`,
    ].join('\n');
  } finally {
    child.kill();
  }
}
