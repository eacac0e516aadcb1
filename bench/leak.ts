/**
 * No per-call leak: N calls (default 1,000,000) through the Node client (node:http transport), then N/5
 * through the platform-fetch client (its shared deadline signals included), against the echo server in
 * its own process, heap measured after a full GC before and after each run.
 *   npm run bench -- leak      (LEAK_CALLS=200000 for a shorter run)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTextbotsClient as createPlatformFetchClient } from '../src/index.js';
import { createTextbotsClient } from '../src/node/index.js';
import { forkEchoServer } from './echo-server.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function benchLeak(calls = Number(process.env.LEAK_CALLS ?? 1_000_000)): Promise<string> {
  const server = await forkEchoServer();
  const port = server.port;
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    const body = { botId: 'b1', integrationId: 'i1', botSessionId: '6f1c0d8e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', postTextMessage: { type: 'Text' as const, text: 'hi' } };
    const measure = async (transport: string, client: ReturnType<typeof createPlatformFetchClient>, n: number) => {
      const run = async (count: number) => {
        let left = count;
        await Promise.all(Array.from({ length: 8 }, async () => {
          while (left-- > 0) await client.postTextbotsBotsExecute({ body });
        }));
      };
      await run(10_000); // warm-up: agents, sockets, JIT
      const before = heapMb();
      const started = performance.now();
      await run(n);
      const seconds = (performance.now() - started) / 1000;
      const after = heapMb();
      return `| ${transport} | ${n.toLocaleString('en-US')} | ${before.toFixed(1)} MB | ${after.toFixed(1)} MB | ${(after - before).toFixed(2)} MB | ${(((after - before) * 1024 * 1024) / n).toFixed(3)} B | ${Math.round(n / seconds)} |`;
    };
    return [
      'Heap across many calls (8 callers, after a full GC before and after)',
      '',
      '| transport | calls | before | after | growth | per call | calls/s |',
      '|---|---:|---:|---:|---:|---:|---:|',
      await measure('Node (node:http)', createTextbotsClient({ baseUrl, auth: { accessToken: 'bench-token' } }), calls),
      await measure('platform fetch (shared deadline signals)', createPlatformFetchClient({ baseUrl, auth: { accessToken: 'bench-token' } }), Math.round(calls / 5)),
    ].join('\n');
  } finally {
    server.stop();
  }
}
