/**
 * Cold start under Node: a fresh process imports one entry point (compiled to plain ESM and the Node
 * entries bundled into shared chunks, as the published package is: scripts/lib/node-bundle.ts) and
 * makes one call to a local server; reported is the time from before the
 * `import` to the answer (wall time, and the child's CPU time over the same span, which a busy machine
 * disturbs less), median of N processes, next to a process that only imports `node:http` and makes the
 * same call by hand (the floor).
 *   npm run bench -- cold
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleNodeEntries } from '../scripts/lib/node-bundle.ts';
import { median } from './lib.js';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'mock' ? [] : sources(path);
    return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const CALLS: Record<string, string> = {
  textbots: `const { createTextbotsClient } = await import(ENTRY);
await createTextbotsClient({ baseUrl: BASE, auth: { accessToken: 't' } }).postTextbotsBotsExecute({ body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text: 'hi' } } });`,
  webchat: `const { createGuestChatClient } = await import(ENTRY);
await createGuestChatClient({ baseUrl: BASE, auth: { guestJwt: 'j.w.t' } }).postWebchatGuestConversationMemberTyping({ params: { path: { conversationId: 'c', memberId: 'm' } } });`,
  botmessage: `const { createBotMessageClient } = await import(ENTRY);
await createBotMessageClient({ baseUrl: BASE, auth: { username: 'u', password: 'p' } }).sendBotMessage({ params: { path: { departmentUUID: 'd', userUUID: 'u' } }, body: { messageAttributes: { body: 'x', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'n' } } });`,
  'node:http floor': `const { request } = await import('node:http');
await new Promise((resolve, reject) => { const r = request(BASE + '/x', { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => { res.resume(); res.on('end', resolve); }); r.on('error', reject); r.end('{}'); });`,
};

export async function benchColdStart(runs = 7): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'bot-apis-cold-'));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"SUCCESS","botState":"Complete","messageUuid":"m"}'));
  });
  try {
    await build({ entryPoints: [...sources(join(root, 'src')), ...sources(join(root, 'generated'))], outdir: out, outbase: root, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
    await bundleNodeEntries(out);
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const rows = ['Cold start in Node (fresh process: import of the entry point to the first answer, median of ' + runs + ')', '', '| entry | ms | CPU ms |', '|---|---:|---:|'];
    for (const [name, call] of Object.entries(CALLS)) {
      const entry = join(out, 'src/node', `${name}.js`);
      const script = `const ENTRY = ${JSON.stringify(entry)}; const BASE = ${JSON.stringify(base)}; const t0 = performance.now(); const c0 = process.cpuUsage(); ${call} const c = process.cpuUsage(c0); console.log(performance.now() - t0, (c.user + c.system) / 1000);`;
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const [ms, cpuMs] = await runChild(script, out);
        wall.push(ms);
        cpu.push(cpuMs);
      }
      rows.push(`| ${name.includes('floor') ? name : `bot-apis/${name}`} | ${median(wall).toFixed(1)} | ${median(cpu).toFixed(1)} |`);
    }
    return rows.join('\n');
  } finally {
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

/** Asynchronous, so this process's server keeps answering while the child runs. */
function runChild(script: string, cwd: string): Promise<[ms: number, cpuMs: number]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim().split(' ').map(Number) as [number, number])));
  });
}
