import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A throw-away copy of the pipeline's inputs and outputs, so tests can edit specs freely. */
export function makeWorkspace(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bot-apis-ws-'));
  // The format predicates are read by the generator (copied into the rules files), so they come along.
  for (const entry of ['openapi', 'scripts', 'generated', 'redocly.yaml', 'redocly.diff.yaml', 'package.json', 'src/core/rules-formats.ts']) {
    mkdirSync(dirname(join(dir, entry)), { recursive: true });
    cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 32 * 1024 * 1024, env: { ...env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs one of the repo's scripts/*.ts inside a workspace. */
export function runScript(cwd: string, script: string, args: string[] = []) {
  return run(cwd, process.execPath, ['--import', 'tsx', join(cwd, script), ...args]);
}

/** path → sha256 of every file below dir. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
