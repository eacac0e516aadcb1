/**
 * `npm run diff -- <git-ref> [--format text|json|markdown] [--output <file>]` — compares every spec (the three
 * OpenAPI specs and the AsyncAPI event stream) at <git-ref> with the working tree (`redocly diff`, rules in
 * redocly.diff.yaml), per API: operations added/removed/changed, each change with its field, semver impact
 * and location, the API's level, and whether the package version satisfies it.
 *
 * Exit codes: 0 no breaking change, or a breaking change with the package's major version bumped since
 * <git-ref>; 1 a breaking (major) change without a major version bump; 2 usage error, an unknown ref, or a
 * spec that `redocly diff` could not read. Runs in the current directory's repository.
 */
import { writeFileSync } from 'node:fs';
import { toMarkdown, toText } from './lib/diff-report.ts';
import { computeDiff, DiffUsageError } from './lib/diff-run.ts';

const USAGE = 'usage: npm run diff -- <git-ref> [--format text|json|markdown] [--output <file>]   (e.g. npm run diff -- origin/main --format markdown)';

function parseArgs(argv: string[]): { ref: string; format: 'text' | 'json' | 'markdown'; output?: string } | string {
  let ref: string | undefined;
  let format = 'text';
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format' || a === '--output') {
      const v = argv[++i];
      if (!v) return `${a} needs a value`;
      if (a === '--format') format = v;
      else output = v;
    } else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a.startsWith('--output=')) output = a.slice(9);
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (ref) return `one ref only (got ${ref} and ${a})`;
    else ref = a;
  }
  if (!ref) return 'a git ref to compare with is required';
  if (!['text', 'json', 'markdown'].includes(format)) return `unknown format ${format}`;
  return { ref, format: format as 'text' | 'json' | 'markdown', output };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`diff: ${args}\n${USAGE}`);
    return 2;
  }
  try {
    const report = await computeDiff(process.cwd(), args.ref);
    const text = args.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : args.format === 'markdown' ? toMarkdown(report) : toText(report) + '\n';
    if (args.output) writeFileSync(args.output, text);
    else process.stdout.write(text);
    const { base, head } = report.packageVersion;
    if (!report.satisfies) {
      console.error(`diff: breaking change since ${args.ref}, but the package version went ${base} → ${head} without a major bump.`);
      return 1;
    }
    if (report.bump === 'major' && args.format === 'text') console.log(`diff: breaking change since ${args.ref}; major version bumped (${base} → ${head}).`);
    return 0;
  } catch (err) {
    console.error(`diff: ${err instanceof Error ? err.message : String(err)}${err instanceof DiffUsageError ? `\n${USAGE}` : ''}`);
    return 2;
  }
}

process.exitCode = await main();
