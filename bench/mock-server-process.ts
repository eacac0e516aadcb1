/** Child process for bench/mock.ts: the mock server (or a bare node:http baseline) on its own core. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '../src/mock/index.js';

if (process.argv[2] === 'baseline') {
  const body = JSON.stringify({ role: 'CUSTOMER' });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
} else {
  const mock = await startMockServer({ port: 0 });
  const f = mock.fixtures.webchat;
  const created = await (await fetch(`${mock.url}/api/v2/webchat/guest/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organizationId: f.organizationId, deploymentId: f.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: f.queueName }, memberInfo: { displayName: 'Load' } }),
  })).json() as { id: string; jwt: string; member: { id: string } };
  process.send!({ url: `${mock.url}/api/v2/webchat/guest/conversations/${created.id}/members/${created.member.id}`, jwt: created.jwt });
}
process.on('disconnect', () => process.exit(0));
