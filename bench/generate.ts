/**
 * Regenerate speed, on throw-away copies of the repo, as medians, with the pipeline as it was before the
 * warm docs worker and plain-Node launcher (commit BASELINE) measured in the same run for the ratios:
 * - `npm run generate -- --force`: everything recomputed, all four docs pages rendered (wall and CPU time);
 * - `npm run generate` after a one-line edit of one spec;
 * - `npm run generate` with nothing changed, and `npm run generate -- --check`;
 * - `--watch`: from a save (the file's mtime) to the TypeScript outputs written, and to the run's end.
 *   npm run bench -- generate
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkspace, REPO, run } from '../test/helpers/workspace.js';
import { median } from './lib.js';

/** The last commit with the old pipeline (tsx, one redocly CLI process per docs page). */
const BASELINE = '1cce715';
const TIME = '/usr/bin/time';

interface Sample {
  wall: number;
  cpu?: number;
}

async function time(cwd: string, command: string[], before?: () => void): Promise<Sample> {
  before?.();
  const withTime = existsSync(TIME);
  const start = performance.now();
  const result = await run(cwd, withTime ? TIME : command[0]!, withTime ? ['-f', 'cpu %U %S', ...command] : command.slice(1));
  const wall = performance.now() - start;
  if (result.code !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

async function watchLatency(cwd: string, saves: number): Promise<{ types: number[]; total: number[] }> {
  const child = spawn(process.execPath, ['scripts/launch.mjs', 'scripts/generate.ts', '--watch'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const waitFor = async (done: () => boolean) => {
    for (const end = Date.now() + 60_000; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
  };
  const types: number[] = [];
  const total: number[] = [];
  try {
    await waitFor(() => out.includes('watching openapi/'));
    await new Promise((r) => setTimeout(r, 1500)); // the warm-up after the first run
    const spec = join(cwd, 'openapi/botmessage.yaml');
    const original = readFileSync(spec, 'utf8');
    for (let i = 0; i < saves; i++) {
      const seen = out.split('after the save').length;
      writeFileSync(spec, original.replace('summary: save a bot message', `summary: save a bot message (${i})`));
      await waitFor(() => out.split('after the save').length > seen);
      const last = out.slice(out.lastIndexOf('\nchanged: '));
      types.push(Number(/types written ([\d.]+) s after the save/.exec(last)?.[1]) * 1000);
      const runTime = Number(/ in ([\d.]+) s/.exec(last)?.[1]) * 1000;
      const fromSave = types.at(-1)! - Number(/types written at ([\d.]+) s/.exec(last)?.[1]) * 1000;
      total.push(runTime + fromSave);
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    child.kill('SIGINT');
  }
  return { types, total };
}

export async function benchGenerate(runs = 5): Promise<string> {
  const ws = makeWorkspace();
  // The old pipeline's inputs and scripts, from git, in a workspace of its own.
  let base: ReturnType<typeof makeWorkspace> | undefined = makeWorkspace();
  try {
    const extracted = await run(base.dir, 'sh', ['-c', `rm -rf scripts generated openapi && git -C "${REPO}" archive ${BASELINE} scripts generated openapi redocly.yaml | tar -x -C .`]);
    if (extracted.code !== 0) {
      base.dispose();
      base = undefined;
    }
    const spec = join(ws.dir, 'openapi/botmessage.yaml');
    const original = readFileSync(spec, 'utf8');
    const flips = new Map<string, boolean>();
    const edit = (dir: string) => () => {
      const flip = !flips.get(dir);
      flips.set(dir, flip);
      const file = join(dir, 'openapi/botmessage.yaml');
      writeFileSync(file, flip ? original.replace('summary: save a bot message', 'summary: save a bot message.') : original);
    };
    // Both pipelines started the same way (node directly); `npm run` adds its own start-up, measured apart.
    const ours = [process.execPath, 'scripts/launch.mjs', 'scripts/generate.ts'];
    const viaNpm = ['npm', 'run', '--silent', 'generate', '--'];
    const old = [process.execPath, '--import', 'tsx', 'scripts/generate.ts'];
    const s = { force: [] as Sample[], edit: [] as Sample[], same: [] as Sample[], check: [] as Sample[], npmCheck: [] as Sample[] };
    const b = { force: [] as Sample[], edit: [] as Sample[], same: [] as Sample[], check: [] as Sample[] };
    await time(ws.dir, [...ours, '--force']);
    if (base) await time(base.dir, [...old, '--force']).catch(() => undefined);
    for (let i = 0; i < runs; i++) {
      s.force.push(await time(ws.dir, [...ours, '--force']));
      s.edit.push(await time(ws.dir, ours, edit(ws.dir)));
      s.same.push(await time(ws.dir, ours));
      s.check.push(await time(ws.dir, [...ours, '--check']));
      s.npmCheck.push(await time(ws.dir, [...viaNpm, '--check']));
      if (base) {
        b.force.push(await time(base.dir, [...old, '--force']));
        b.edit.push(await time(base.dir, old, edit(base.dir)));
        b.same.push(await time(base.dir, old));
        b.check.push(await time(base.dir, [...old, '--check']));
      }
    }
    writeFileSync(spec, original);
    await time(ws.dir, ours);
    const watch = await watchLatency(ws.dir, runs);
    // Where a --force run's time goes: the pipeline's own stage marks.
    const stages = await run(ws.dir, process.execPath, [...ours.slice(1), '--force'], { ...process.env, BOT_APIS_TIMING: '1' });
    const marks = [...stages.stderr.matchAll(/\[timing\] (.+): (\d+) ms/g)].map((m) => `${m[1]} ${m[2]} ms`).join(' → ');
    const sec = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
    const med = (xs: Sample[], key: 'wall' | 'cpu' = 'wall') => (xs.length && xs.every((x) => x[key] !== undefined) ? median(xs.map((x) => x[key]!)) : undefined);
    const ratio = (a: Sample[], z: Sample[]) => (med(a) && med(z) ? `${(med(z)! / med(a)!).toFixed(1)}× faster` : 'n/a');
    const row = (label: string, target: string, a: Sample[], z: Sample[]) => `| ${label} | ${sec(med(a))} | ${sec(med(a, 'cpu'))} | ${target} | ${sec(med(z))} | ${ratio(a, z)} |`;
    return [
      `Regenerate (median of ${runs}, wall clock including npm and Node start-up; CPU = user + system of all threads and children; baseline = the pipeline at ${BASELINE}, measured in the same run)`,
      '',
      '| command | now | CPU | target | baseline | now vs baseline |',
      '|---|---:|---:|---:|---:|---:|',
      row('`generate -- --force` (4 APIs, 4 docs pages rendered)', '≤ 2 s', s.force, b.force),
      row('`generate` after editing one spec', '', s.edit, b.edit),
      row('`generate` with nothing changed', '≤ 0.5 s', s.same, b.same),
      row('`generate -- --check`', '≤ 0.5 s', s.check, b.check),
      `| \`npm run generate -- --check\` (as \`npm test\` and CI run it: + npm's start-up) | ${sec(med(s.npmCheck))} | ${sec(med(s.npmCheck, 'cpu'))} | ≤ 0.5 s | | |`,
      `| \`--watch\`: save → TypeScript outputs written | ${sec(median(watch.types))} | | ≤ 1 s | | |`,
      `| \`--watch\`: save → run done (docs included) | ${sec(median(watch.total))} | | ≤ 2 s | | |`,
      '',
      `A \`--force\` run's stages (main thread; the docs pages render in a worker meanwhile): ${marks}`,
    ].join('\n');
  } finally {
    ws.dispose();
    base?.dispose();
  }
}
