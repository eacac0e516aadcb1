/**
 * `generate --watch` as a spec author uses it: a burst of saves is one run on the final content, a broken
 * save prints file:line:col and keeps the last good outputs, the next good save recovers, each run says what
 * it wrote and how long it took, and Ctrl+C leaves no temporary file behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../helpers/workspace.js';

describe('npm run generate -- --watch', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let child: ChildProcess;
  let out = '';
  const spec = () => join(ws.dir, 'openapi/botmessage.yaml');
  const bundled = () => readFileSync(join(ws.dir, 'generated/botmessage/openapi.json'), 'utf8');
  const count = (text: string) => out.split(text).length - 1;
  const waitFor = async (done: () => boolean, ms = 20_000) => {
    for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
    return done();
  };
  const tempFiles = (dir = join(ws.dir, 'generated')): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tempFiles(join(dir, e.name)) : e.name.endsWith('.tmp') ? [e.name] : []));
  let original: string;

  beforeAll(async () => {
    ws = makeWorkspace();
    original = readFileSync(spec(), 'utf8');
    child = spawn(process.execPath, ['scripts/launch.mjs', 'scripts/generate.ts', '--watch'], { cwd: ws.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    expect(await waitFor(() => out.includes('watching openapi/'))).toBe(true);
  }, 30_000);
  afterAll(() => {
    child.kill('SIGKILL');
    ws.dispose();
  });

  it('a burst of saves is one run, on the final content, with what changed and how long it took', async () => {
    for (let i = 1; i <= 5; i++) writeFileSync(spec(), original.replace('summary: save a bot message', `summary: save a bot message (draft ${i})`));
    expect(await waitFor(() => count('\ngenerate: ') >= 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 400)); // a second run would have started by now
    expect(count('changed: openapi/botmessage.yaml')).toBe(1);
    expect(count('\ngenerate: ')).toBe(1);
    expect(bundled()).toContain('save a bot message (draft 5)');
    expect(out).toMatch(/wrote generated\/botmessage\/openapi\.json/);
    expect(out).toMatch(/generate: \d+ written, .* in \d+\.\d\d s \(types written at \d+\.\d\d s\)/);
    expect(out).toMatch(/types written \d+\.\d\d s after the save/);
  }, 30_000);

  it('a broken save prints file:line:col and keeps the last good outputs; the next good save recovers', async () => {
    const before = bundled();
    const runs = count('changed: ');
    writeFileSync(spec(), original.replace('summary: save a bot message', 'summary: save a bot message\n      x-broken: [unclosed'));
    expect(await waitFor(() => out.includes('lint failed'))).toBe(true);
    expect(out).toMatch(/openapi\/botmessage\.yaml:\d+:\d+ error/);
    expect(out).toContain('the last good outputs stay');
    expect(bundled()).toBe(before);
    writeFileSync(spec(), original.replace('summary: save a bot message', 'summary: save a bot message (fixed)'));
    expect(await waitFor(() => count('changed: ') === runs + 2 && bundled().includes('(fixed)'))).toBe(true);
    expect(tempFiles()).toEqual([]);
  }, 30_000);

  it('Ctrl+C stops it without leaving a temporary file', async () => {
    writeFileSync(spec(), original);
    await new Promise((r) => setTimeout(r, 150)); // mid-run, likely
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(tempFiles()).toEqual([]);
  }, 30_000);
});
