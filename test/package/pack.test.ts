import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, run } from '../helpers/workspace.js';

/** The package as users receive it: built, packed, unpacked into a fresh project's node_modules. */
describe('the packed package', () => {
  let dir: string;
  let files: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bot-apis-pack-'));
    const built = await run(REPO, process.execPath, ['--import', 'tsx', 'scripts/build.ts']);
    expect(built.code, built.stderr).toBe(0);
    const packed = await run(REPO, 'npm', ['pack', '--json', '--pack-destination', dir]);
    expect(packed.code, packed.stderr).toBe(0);
    const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = info[0]!.files.map((f) => f.path);
    const project = join(dir, 'app');
    mkdirSync(join(project, 'node_modules/bot-apis'), { recursive: true });
    const untar = await run(dir, 'tar', ['-xzf', info[0]!.filename, '-C', join(project, 'node_modules/bot-apis'), '--strip-components=1']);
    expect(untar.code, untar.stderr).toBe(0);
    // The package's dependencies come from this repo's install (no network in tests).
    for (const name of readdirSync(join(REPO, 'node_modules'))) {
      if (name !== 'bot-apis' && !name.startsWith('.')) symlinkSync(join(REPO, 'node_modules', name), join(project, 'node_modules', name));
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('contains what users need and nothing else', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/generated/webchat/validators.js');
    expect(files).toContain('dist/generated/botmessage/openapi.json');
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|dist\/(src|generated)\/)/.test(f));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|bench|scripts|openapi)\//.test(f) || /\.test\./.test(f))).toEqual([]);
  });

  it('imports from every entry point as ESM, in plain Node', async () => {
    const project = join(dir, 'app');
    writeFileSync(
      join(project, 'check.mjs'),
      `import * as root from 'bot-apis';
import * as t from 'bot-apis/textbots';
import * as w from 'bot-apis/webchat';
import * as b from 'bot-apis/botmessage';
import * as m from 'bot-apis/mock';
const ok = [typeof root.createTextbotsClient, typeof root.ApiError, typeof t.createTextbotsClient, typeof w.createGuestChatClient, typeof b.createBotMessageClient, typeof m.startMockServer, typeof root.nodeFetch];
console.log(JSON.stringify(ok));`,
    );
    const result = await run(project, process.execPath, ['check.mjs']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(Array(7).fill('function'));
  }, 30_000);

  it('passes publint and @arethetypeswrong/cli', async () => {
    const publint = await run(REPO, process.execPath, [join(REPO, 'node_modules/publint/src/cli.js'), '--strict']);
    expect(publint.code, publint.stdout + publint.stderr).toBe(0);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const attw = await run(REPO, process.execPath, [join(REPO, 'node_modules/@arethetypeswrong/cli/dist/index.js'), join(dir, tarball), '--profile', 'esm-only', '--format', 'json']);
    expect(attw.code, attw.stdout.slice(0, 2000)).toBe(0);
  }, 60_000);

  it('keeps the bundle budget on the packed build: a guest chat app ≤ 10 kB gzip', async () => {
    const project = join(dir, 'app');
    writeFileSync(
      join(project, 'guest.js'),
      `import { createGuestChatClient } from 'bot-apis/webchat';
export async function chat(baseUrl, organizationId, deploymentId) {
  const chat = await createGuestChatClient({ baseUrl }).startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Guest' } });
  await chat.send('hello');
  const out = [];
  for await (const m of chat.messages()) out.push(m.body);
  await chat.leave();
  return out;
}`,
    );
    const result = await build({ entryPoints: [join(project, 'guest.js')], bundle: true, minify: true, format: 'esm', platform: 'browser', splitting: true, outdir: join(dir, 'out'), write: false, metafile: true, logLevel: 'silent', absWorkingDir: project });
    const entry = result.outputFiles.find((f) => f.path.endsWith('guest.js'))!;
    expect(gzipSync(entry.contents, { level: 9 }).length).toBeLessThanOrEqual(10 * 1024);
    expect(Object.keys(result.metafile.inputs).some((i) => i.includes('node:'))).toBe(false);
  }, 30_000);
});
