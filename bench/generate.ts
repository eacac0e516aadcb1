/**
 * Regenerate speed, on a throw-away copy of the repo: `npm run generate -- --force` (all three HTML docs
 * rendered again), `npm run generate` after a one-line spec edit, and `npm run generate -- --check`.
 *   npm run bench -- generate
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, run } from '../test/helpers/workspace.js';
import { median } from './lib.js';

async function time(cwd: string, args: string[], before?: () => void): Promise<number> {
  before?.();
  const start = performance.now();
  const result = await run(cwd, 'npm', ['run', '--silent', 'generate', '--', ...args]);
  if (result.code !== 0) throw new Error(`generate ${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - start;
}

export async function benchGenerate(runs = 5): Promise<string> {
  const ws = makeWorkspace();
  try {
    const spec = join(ws.dir, 'openapi/botmessage.yaml');
    const original = readFileSync(spec, 'utf8');
    let flip = false;
    const edit = () => {
      flip = !flip;
      writeFileSync(spec, flip ? original.replace('summary: save a bot message', 'summary: save a bot message.') : original);
    };
    const full: number[] = [];
    const afterEdit: number[] = [];
    const check: number[] = [];
    await time(ws.dir, ['--force']);
    for (let i = 0; i < runs; i++) {
      full.push(await time(ws.dir, ['--force']));
      afterEdit.push(await time(ws.dir, [], edit));
      check.push(await time(ws.dir, ['--check']));
    }
    const s = (ms: number[]) => `${(median(ms) / 1000).toFixed(2)} s`;
    return [
      `Regenerate (median of ${runs}, wall clock, including npm and Node start-up)`,
      '',
      '| command | median |',
      '|---|---:|',
      `| \`npm run generate -- --force\` (all 3 APIs, all docs rendered) | ${s(full)} |`,
      `| \`npm run generate\` after editing one spec | ${s(afterEdit)} |`,
      `| \`npm run generate -- --check\` | ${s(check)} |`,
    ].join('\n');
  } finally {
    ws.dispose();
  }
}
