/**
 * The benchmarks' target: a minimal HTTP server. Run as a script (forked) it listens in its own process,
 * so it does not share the client's event loop; `startEchoServer()` runs the same server in-process.
 * Given a folder (the browser benchmark's page and bundle), it also serves the files in it on GET, so
 * the page calls the API on its own origin (no CORS preflight).
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EXECUTE_REPLY, MESSAGE_REPLY } from './calls.js';


const PAGE_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** The files directly in `dir`, by URL path (`/name`). */
function pageFiles(dir: string | undefined): Map<string, Buffer> {
  return new Map(dir ? readdirSync(dir).map((name) => [`/${name}`, readFileSync(join(dir, name))]) : []);
}

function echoServer(files = new Map<string, Buffer>()) {
  return createServer((req, res) => {
    const file = req.method === 'GET' ? files.get(req.url!) : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': PAGE_TYPES[extname(req.url!)] ?? 'application/octet-stream', 'content-length': file.length });
      res.end(file);
      return;
    }
    req.resume();
    req.on('end', () => {
      const body = req.url!.includes('/textbots/') ? EXECUTE_REPLY : MESSAGE_REPLY;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'inin-correlation-id': '6b0f6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
      res.end(body);
    });
  });
}

/** The same server in this process, for the in-process variant of a benchmark. */
export function startEchoServer(pageDir?: string): Promise<{ port: number; close(): void }> {
  const server = echoServer(pageFiles(pageDir));
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() })));
}

/** The same server in a child process (the cost measured is then the client's alone); `stop` ends it. */
export function forkEchoServer(pageDir?: string): Promise<{ port: number; stop(): void }> {
  const child = fork(fileURLToPath(import.meta.url), pageDir ? [pageDir] : [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ port: m.port, stop: () => child.kill() }));
    child.once('error', reject);
  });
}

// Forked as a script: listen, tell the parent the port, and end with it.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { port } = await startEchoServer(process.argv[2]);
  process.send({ port });
  process.on('disconnect', () => process.exit(0));
}
