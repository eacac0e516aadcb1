/** The benchmarks' target: a minimal HTTP server in its own process, so it does not share the client's event loop. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const EXECUTE_REPLY = JSON.stringify({ botState: 'MoreData', intentName: 'BookServiceAppointment', replyMessages: [{ type: 'Text', text: 'Which day suits you?' }], slots: { service: 'oil change' }, botCorrelationId: 'c-1' });
const MESSAGE_REPLY = JSON.stringify({ id: 'm-1', body: 'Hello', bodyType: 'standard', timestamp: '2025-03-28T11:34:43.226Z', conversation: { id: 'conv-1' }, sender: { id: 'mem-1', role: 'CUSTOMER' } });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.url!.includes('/textbots/') ? EXECUTE_REPLY : MESSAGE_REPLY;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'inin-correlation-id': '6b0f6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
