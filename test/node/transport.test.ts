/**
 * The Node transport loads node:https only when a https: URL is sent: a process that talks plain HTTP
 * never loads TLS, and https requests still go through a real TLS handshake.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/core/errors.js';
import { createNodeTransport } from '../../src/node/transport.js';

const root = join(import.meta.dirname, '../..');
const servers: Server[] = [];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bot-apis-tls-'));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('node:https is loaded on first use', () => {
  it('a plain-HTTP call loads neither https nor tls', async () => {
    const port = await listen(createHttpServer((req, res) => req.resume().on('end', () => res.end('{"ok":true}'))));
    const script = `
      import { createNodeTransport } from './src/node/transport.ts';
      const send = createNodeTransport();
      const answer = await send({ method: 'GET', url: 'http://127.0.0.1:${port}/x', headers: {}, body: undefined, signal: undefined, timeoutMs: 5000 });
      console.log(JSON.stringify({ text: answer.text, loaded: process.moduleLoadList.filter((m) => /NativeModule (https|tls)$/.test(m)) }));`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(JSON.parse(out)).toEqual({ text: '{"ok":true}', loaded: [] });
  });

  it('a https: URL goes through TLS (a self-signed server is refused by certificate, not by protocol)', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    let handshakes = 0;
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
    server.on('tlsClientError', () => handshakes++);
    const port = await listen(server);
    const send = createNodeTransport();
    const failure = await send({ method: 'GET', url: `https://127.0.0.1:${port}/x`, headers: {}, body: undefined, signal: undefined, timeoutMs: 5000 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((failure as { code?: string }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    await expect.poll(() => handshakes).toBe(1);
  });

  it('through a client, the certificate failure is a NetworkError', async () => {
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
    const port = await listen(server);
    const { createTextbotsClient } = await import('../../src/node/textbots.js');
    const client = createTextbotsClient({ baseUrl: `https://127.0.0.1:${port}`, auth: { accessToken: 'secret-token' }, retry: false });
    const error = await client.postTextbotsBotsExecute({ body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text: 'hi' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String((error as Error).message)).not.toContain('secret-token');
  });
});
