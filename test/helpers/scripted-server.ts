/**
 * A hostile HTTP server for client tests: each request is answered by a script that may misbehave
 * (never answer, reset before or after the headers, truncate the body, echo credentials back).
 * Loopback only, port 0; `close()` destroys every socket so nothing outlives the test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Script = (req: SeenRequest, res: ServerResponse, index: number) => unknown;

export interface ScriptedServer {
  url: string;
  /** Every request the server saw, in order. */
  seen: SeenRequest[];
  /** Sockets closed by their peer while a request was unanswered (an abandoned request). */
  abandoned: number;
  setScript(script: Script): void;
  close(): Promise<void>;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  let current = script;
  const state: ScriptedServer = {
    url: '',
    seen: [],
    abandoned: 0,
    setScript: (next) => (current = next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      state.seen.push(seen);
      res.on('close', () => {
        if (!res.writableFinished) state.abandoned++;
      });
      void current(seen, res, state.seen.length - 1);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return state;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A JSON text nested `depth` levels deep, built without recursion. */
export function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
