import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, run, runScript } from '../helpers/workspace.js';

/** A temporary git repository holding a copy of the specs, committed as the base of each diff. */
describe('npm run diff', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  const spec = (name: string) => join(ws.dir, 'openapi', `${name}.yaml`);
  let originals: Record<string, string>;

  beforeAll(async () => {
    ws = makeWorkspace();
    originals = Object.fromEntries(['textbots', 'webchat', 'botmessage'].map((n) => [n, readFileSync(spec(n), 'utf8')]));
    await run(ws.dir, 'git', ['init', '-q']);
    await run(ws.dir, 'git', ['add', 'openapi', 'package.json']);
    await run(ws.dir, 'git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base']);
  }, 30_000);
  afterAll(() => ws.dispose());

  const restore = () => {
    for (const [n, text] of Object.entries(originals)) writeFileSync(spec(n), text);
    writeFileSync(join(ws.dir, 'package.json'), readFileSync(join(ws.dir, 'package.json'), 'utf8').replace(/"version": "[^"]+"/, '"version": "0.1.0"'));
  };

  it('reports no change against an identical spec', async () => {
    restore();
    const result = await runScript(ws.dir, 'scripts/diff.ts', ['HEAD']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('botmessage: none (0 major, 0 minor, 0 patch)');
  }, 30_000);

  it('removing an operation is major and fails without a major version bump', async () => {
    restore();
    const text = originals.webchat!;
    const start = text.indexOf('  /api/v2/webchat/settings:');
    const end = text.indexOf('\n  /api/v2/', start + 10);
    writeFileSync(spec('webchat'), text.slice(0, start) + text.slice(end + 1));
    const result = await runScript(ws.dir, 'scripts/diff.ts', ['HEAD']);
    expect(result.stdout).toMatch(/webchat: major/);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('without a major bump');
  }, 30_000);

  it('a breaking change passes once the major version is bumped', async () => {
    restore();
    const text = originals.webchat!;
    const start = text.indexOf('  /api/v2/webchat/settings:');
    const end = text.indexOf('\n  /api/v2/', start + 10);
    writeFileSync(spec('webchat'), text.slice(0, start) + text.slice(end + 1));
    writeFileSync(join(ws.dir, 'package.json'), readFileSync(join(ws.dir, 'package.json'), 'utf8').replace(/"version": "[^"]+"/, '"version": "1.0.0"'));
    const result = await runScript(ws.dir, 'scripts/diff.ts', ['HEAD']);
    expect(result.stdout).toMatch(/webchat: major/);
    expect(result.code, result.stderr).toBe(0);
  }, 30_000);

  it('making a request field required is major', async () => {
    restore();
    writeFileSync(
      spec('botmessage'),
      originals.botmessage!.replace(
        '      required:\n        - recipientCommunicationValue\n        - senderCommunicationValue\n',
        '      required:\n        - recipientCommunicationValue\n        - senderCommunicationValue\n        - senderName\n',
      ),
    );
    const result = await runScript(ws.dir, 'scripts/diff.ts', ['HEAD']);
    expect(result.stdout).toMatch(/botmessage: major/);
    expect(result.stdout).toMatch(/became required: `senderName`/);
    expect(result.code).toBe(1);
  }, 30_000);

  it('adding an optional request field is minor', async () => {
    restore();
    writeFileSync(
      spec('botmessage'),
      originals.botmessage!.replace(
        '        senderName:\n          type: string\n          description: Sender display name, stored as the from-name.\n',
        '        senderName:\n          type: string\n          description: Sender display name, stored as the from-name.\n        senderTitle:\n          type: string\n          description: Job title of the sender.\n',
      ),
    );
    expect(readFileSync(spec('botmessage'), 'utf8')).toContain('senderTitle');
    const result = await runScript(ws.dir, 'scripts/diff.ts', ['HEAD']);
    expect(result.stdout).toMatch(/botmessage: minor/);
    expect(result.code, result.stderr).toBe(0);
  }, 30_000);
});
