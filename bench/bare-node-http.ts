/**
 * The floor: bare node:http with a keep-alive agent, JSON in and out, nothing else (no validation,
 * no timeout, no error types). No client on this platform can do less per call.
 */
import { Agent, request } from 'node:http';

export function bareNodeHttp(): (method: string, url: string, headers: Record<string, string>, body: unknown) => Promise<unknown> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return (method, url, headers, body) =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      const req = request(url, { method, agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(text);
    });
}
