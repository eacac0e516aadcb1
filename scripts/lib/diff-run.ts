/** Computes the spec diff of the working tree against a git ref: the data behind `npm run diff` and the CI steps. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ALL_APIS } from './apis.ts';
import { redocly } from './redocly.ts';
import { apiDiff, maxLevel, type ApiDiff, type DiffReport, type Level, type RedoclyReport } from './diff-report.ts';

export class DiffUsageError extends Error {}

const majorOf = (version: string) => Number(/^(\d+)/.exec(version)?.[1] ?? 0);
function versionBump(base: string, head: string): Level {
  const [a, b] = [base, head].map((v) => (/^(\d+)\.(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number));
  if (!a?.length || !b?.length) return base === head ? 'none' : 'patch';
  if (b[0]! !== a[0]!) return b[0]! > a[0]! ? 'major' : 'none';
  if (b[1]! !== a[1]!) return b[1]! > a[1]! ? 'minor' : 'none';
  return b[2]! > a[2]! ? 'patch' : 'none';
}

async function diffApi(root: string, base: string, api: (typeof ALL_APIS)[number], ref: string): Promise<ApiDiff> {
  const before = join(base, api.spec);
  const after = join(root, api.spec);
  const empty = { major: 0, minor: 0, patch: 0 };
  const none = { added: [], removed: [], changed: [] };
  if (!existsSync(before) && !existsSync(after)) return { name: api.name, spec: api.spec, status: 'unchanged', bump: 'none', summary: empty, operations: none, changes: [] };
  if (!existsSync(before)) return { name: api.name, spec: api.spec, status: 'added', bump: 'minor', summary: { ...empty, minor: 1 }, operations: none, changes: [{ impact: 'minor', kind: 'added', where: api.spec, field: '', message: `new API, not present at ${ref}` }] };
  if (!existsSync(after)) return { name: api.name, spec: api.spec, status: 'removed', bump: 'major', summary: { ...empty, major: 1 }, operations: none, changes: [{ impact: 'major', kind: 'removed', where: api.spec, field: '', message: `API removed since ${ref}` }] };
  const result = await redocly(['diff', before, after, '--config', join(root, 'redocly.diff.yaml'), '--format', 'json', '--fail-on', 'none']);
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly diff gave no report for ${api.name}:\n${result.stdout}${result.stderr}`);
  const report = JSON.parse(result.stdout.slice(start)) as RedoclyReport;
  // Locations name the file as the repository does, whichever copy redocly read.
  const display = (file: string) => {
    const abs = file.startsWith('/') ? file : join(process.cwd(), file);
    return abs.startsWith(base) ? `${ref}:${relative(base, abs)}` : relative(root, abs);
  };
  return apiDiff(api.name, api.spec, report, display);
}


/** Every spec at `ref` against the working tree of the repository at `root`. */
export async function computeDiff(root: string, ref: string): Promise<DiffReport> {
  const git = (a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    git(['rev-parse', '--verify', `${ref}^{commit}`]);
  } catch {
    throw new DiffUsageError(`${ref} is not a commit of this repository`);
  }
  const base = mkdtempSync(join(tmpdir(), 'bot-apis-diff-'));
  try {
    execFileSync('sh', ['-c', 'git archive "$1" openapi | tar -x -C "$2"', 'sh', ref, base], { cwd: root });
    const baseVersion = (JSON.parse(git(['show', `${ref}:package.json`])) as { version: string }).version;
    const headVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    // One redocly process per spec, all at once.
    const apis = await Promise.all(ALL_APIS.map((api) => diffApi(root, base, api, ref)));
    const bump = maxLevel(apis.map((a) => a.bump));
    const satisfies = bump !== 'major' || majorOf(headVersion) > majorOf(baseVersion);
    return {
      base: ref,
      packageVersion: { base: baseVersion, head: headVersion, bump: versionBump(baseVersion, headVersion) },
      bump,
      satisfies,
      verdict: satisfies ? 'ok' : 'breaking-change-without-major-bump',
      apis,
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
