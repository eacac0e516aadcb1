/**
 * The steps of the spec-change workflow (.github/workflows/spec-change.yml), one npm script each, so the
 * same commands run in CI and locally (the tests run them on a scratch repository):
 *   npm run spec:diff -- <base-ref>   diff against the base branch; writes .spec-diff/report.json and
 *                                     .spec-diff/summary.md (and the job summary on CI); exit 2 on error
 *   npm run spec:comment              posts (or updates) summary.md as a comment on the pull request
 *                                     (`gh`, PR number from PR_NUMBER, token from GH_TOKEN)
 *   npm run spec:verdict              exit 1 when report.json says: breaking change without a major bump
 * The `generate --check` step is `npm run spec:check`.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMarkdown } from './lib/diff-report.ts';
import type { DiffReport } from './lib/diff-report.ts';
import { computeDiff } from './lib/diff-run.ts';

const OUT = process.env.SPEC_DIFF_DIR ?? '.spec-diff';
const REPORT = join(OUT, 'report.json');
const SUMMARY = join(OUT, 'summary.md');
/** Marks our comment, so a new push edits it rather than adding another. */
const MARKER = '<!-- bot-apis spec diff -->';

async function diff(ref: string | undefined): Promise<number> {
  if (!ref) {
    console.error('usage: npm run spec:diff -- <base-ref>   (on CI: origin/$GITHUB_BASE_REF)');
    return 2;
  }
  const report = await computeDiff(process.cwd(), ref);
  const markdown = `${MARKER}\n${toMarkdown(report)}`;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(REPORT, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(SUMMARY, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  console.log(markdown);
  console.log(`spec:diff: ${report.bump} change since ${ref}; verdict ${report.verdict}; wrote ${REPORT} and ${SUMMARY}`);
  return 0;
}

function comment(): number {
  const pr = process.env.PR_NUMBER;
  if (!pr) {
    console.error('spec:comment: PR_NUMBER is not set (the pull request to comment on)');
    return 2;
  }
  const body = readFileSync(SUMMARY, 'utf8');
  const gh = (args: string[]) => execFileSync('gh', args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  // Edit the last comment of ours if there is one; otherwise add one.
  const ours = gh(['pr', 'view', pr, '--json', 'comments', '--jq', `[.comments[] | select(.body | startswith(${JSON.stringify(MARKER)}))] | length`]).trim();
  gh(['pr', 'comment', pr, '--body-file', SUMMARY, ...(Number(ours) > 0 ? ['--edit-last'] : [])]);
  console.log(`spec:comment: ${Number(ours) > 0 ? 'updated' : 'posted'} the spec diff on pull request #${pr} (${body.length} characters)`);
  return 0;
}

function verdict(): number {
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as DiffReport;
  const { base, head } = report.packageVersion;
  if (!report.satisfies) {
    console.error(`spec:verdict: breaking change since ${report.base} (${report.apis.filter((a) => a.bump === 'major').map((a) => a.name).join(', ')}), but the package version went ${base} → ${head} without a major bump.`);
    return 1;
  }
  console.log(`spec:verdict: ok (${report.bump} change; package ${base} → ${head})`);
  return 0;
}

const [step, ...rest] = process.argv.slice(2);
try {
  process.exitCode = step === 'diff' ? await diff(rest[0]) : step === 'comment' ? comment() : step === 'verdict' ? verdict() : (console.error('usage: spec-ci.ts diff <ref> | comment | verdict'), 2);
} catch (err) {
  console.error(`spec:${step}: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
}
