/**
 * The benchmarks' target: a minimal HTTP server. Run as a script (forked) it listens in its own process,
 * so it does not share the client's event loop; `startEchoServer()` runs the same server in-process.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

const EXECUTE_REPLY = JSON.stringify({ botState: 'MoreData', intentName: 'BookServiceAppointment', replyMessages: [{ type: 'Text', text: 'Which day suits you?' }], slots: { service: 'oil change' }, botCorrelationId: 'c-1' });
const MESSAGE_REPLY = JSON.stringify({ id: 'm-1', body: 'Hello', bodyType: 'standard', timestamp: '2025-03-28T11:34:43.226Z', conversation: { id: 'conv-1' }, sender: { id: 'mem-1', role: 'CUSTOMER' } });

function echoServer() {
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = req.url!.includes('/textbots/') ? EXECUTE_REPLY : MESSAGE_REPLY;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'inin-correlation-id': '6b0f6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
      res.end(body);
    });
  });
}

/** The same server in this process, for the in-process variant of a benchmark. */
export function startEchoServer(): Promise<{ port: number; close(): void }> {
  const server = echoServer();
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() })));
}

// Forked as a script: listen, tell the parent the port, and end with it.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { port } = await startEchoServer();
  process.send({ port });
  process.on('disconnect', () => process.exit(0));
}
