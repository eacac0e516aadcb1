/**
 * `npm run diff -- <git-ref>` — compares each spec at <git-ref> with the working tree (`redocly diff`),
 * prints the semver impact per API, and exits 1 on a breaking (major) change unless the package's major
 * version was bumped since <git-ref>. Runs in the current directory's repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIS } from './lib/apis.ts';
import { redocly } from './lib/redocly.ts';

interface DiffReport {
  summary: { major: number; minor: number; patch: number };
  bump?: 'major' | 'minor' | 'patch';
  changes: Array<{ path: string; kind: string; impact: string; verdicts: Array<{ impact: string; message: string; ruleId: string }> }>;
}

const root = process.cwd();
const ref = process.argv[2];
if (!ref) {
  console.error('usage: npm run diff -- <git-ref>   (e.g. npm run diff -- HEAD~1)');
  process.exit(2);
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function majorOf(version: string): number {
  return Number(/^(\d+)/.exec(version)?.[1] ?? 0);
}

const base = mkdtempSync(join(tmpdir(), 'bot-apis-diff-'));
try {
  git(['rev-parse', '--verify', `${ref}^{commit}`]);
  execFileSync('sh', ['-c', `git archive "$1" openapi | tar -x -C "$2"`, 'sh', ref, base], { cwd: root });
  const baseVersion = (JSON.parse(git(['show', `${ref}:package.json`])) as { version: string }).version;
  const headVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const majorBumped = majorOf(headVersion) > majorOf(baseVersion);
  let breaking = false;
  for (const api of APIS) {
    const before = join(base, api.spec);
    if (!existsSync(before)) {
      console.log(`${api.name}: minor (new API, not present at ${ref})`);
      continue;
    }
    const result = await redocly(['diff', before, join(root, api.spec), '--config', join(root, 'redocly.diff.yaml'), '--format', 'json', '--fail-on', 'none']);
    const start = result.stdout.indexOf('{');
    if (start < 0) throw new Error(`redocly diff gave no report for ${api.name}:\n${result.stdout}${result.stderr}`);
    const report = JSON.parse(result.stdout.slice(start)) as DiffReport;
    const { major, minor, patch } = report.summary;
    console.log(`${api.name}: ${report.bump ?? 'none'} (${major} major, ${minor} minor, ${patch} patch)`);
    for (const change of report.changes) {
      for (const v of change.verdicts.filter((x) => x.impact === 'major')) console.log(`  major: ${v.message} [${v.ruleId}]`);
      if (change.impact === 'minor') console.log(`  minor: ${change.kind} ${decodeURIComponent(change.path.replace(/~1/g, '/'))}`);
    }
    if (report.bump === 'major') breaking = true;
  }
  if (breaking && !majorBumped) {
    console.error(`diff: breaking change since ${ref}, but the package version went ${baseVersion} → ${headVersion} without a major bump.`);
    process.exitCode = 1;
  } else if (breaking) {
    console.log(`diff: breaking change since ${ref}; major version bumped (${baseVersion} → ${headVersion}).`);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
