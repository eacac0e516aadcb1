/**
 * A tiny static file server on 127.0.0.1 for the browser tests: files from one folder (never above it)
 * and, first, files held in memory (a bundle esbuild built with `write: false`).
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  /** e.g. `http://127.0.0.1:43210` */
  origin: string;
  /** Paths requested, with the status answered. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** Folder served at `/`. */
  root?: string;
  /** URL path → content, served before `root`. */
  files?: ReadonlyMap<string, string | Uint8Array>;
}

async function lookup(path: string, options: StaticServerOptions): Promise<string | Uint8Array | undefined> {
  const inMemory = options.files?.get(path);
  if (inMemory !== undefined) return inMemory;
  if (!options.root) return undefined;
  const root = resolve(options.root);
  let file: string;
  try {
    file = resolve(root, `.${decodeURIComponent(path)}`);
  } catch {
    return undefined; // malformed percent-encoding
  }
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  return readFile(file).catch(() => undefined);
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const log: StaticServer['log'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    lookup(path, options).then(
      (body) => {
        const status = req.method !== 'GET' && req.method !== 'HEAD' ? 405 : body === undefined ? 404 : 200;
        log.push({ path, status });
        if (status !== 200 || body === undefined) return void res.writeHead(status).end();
        res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(500).end(),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    log,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
