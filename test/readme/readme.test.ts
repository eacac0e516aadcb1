import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, run } from '../helpers/workspace.js';

// Every ```ts block of the README is compiled against the real sources, so the examples cannot rot.
const dir = join(REPO, 'test/readme/.blocks');

describe('README', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every TypeScript block type-checks', async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    blocks.forEach((code, i) => writeFileSync(join(dir, `block-${i + 1}.ts`), `${code}\nexport {};\n`));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.json',
        compilerOptions: {
          noEmit: true,
          noUnusedLocals: false,
          paths: { 'bot-apis': ['../../../src/index.ts'], 'bot-apis/mock': ['../../../src/mock/index.ts'], 'bot-apis/node': ['../../../src/node/index.ts'], 'bot-apis/*': ['../../../src/*.ts'] },
        },
        include: ['./*.ts'],
      }),
    );
    const result = await run(REPO, process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')]);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it('names the two set-up commands and the test command CI runs', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm run generate');
    expect(readme).toContain('npm test');
    expect(readFileSync(join(REPO, '.ci/run'), 'utf8')).toMatch(/npm ci[\s\S]*npm test/);
  });
});
