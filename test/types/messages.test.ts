import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/workspace.js';

/**
 * The misuse in misuse.test.ts, compiled without its `@ts-expect-error` directives: each marked line must
 * fail with a message containing the text after the directive, so a change that still fails but with an
 * unreadable message (or on another line) is caught.
 */
const FILE = join(REPO, 'test/types/misuse.test.ts');
const DIRECTIVE = /^(\s*)\/\/ @ts-expect-error: (.*)$/;

describe('misuse messages', () => {
  it('say what is wrong, on the marked line', () => {
    const source = readFileSync(FILE, 'utf8').split('\n');
    const expected: Array<{ line: number; text: string }> = [];
    // Blank the directive, keeping line numbers: the error then lands on the next line.
    const stripped = source.map((line, i) => {
      const m = DIRECTIVE.exec(line);
      if (!m) return line;
      expected.push({ line: i + 1, text: m[2]! });
      return '';
    });
    expect(expected.length).toBeGreaterThanOrEqual(10);
    const config = ts.getParsedCommandLineOfConfigFile(join(REPO, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const host = ts.createCompilerHost(config.options);
    const read = host.readFile.bind(host);
    host.readFile = (name) => (name === FILE ? stripped.join('\n') : read(name));
    const program = ts.createProgram([FILE], { ...config.options, noEmit: true }, host);
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(FILE));
    const byLine = new Map<number, string[]>();
    for (const d of diagnostics) {
      if (d.file?.fileName !== FILE || d.start === undefined) continue;
      const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
      byLine.set(line, [...(byLine.get(line) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
    }
    const report = expected.map(({ line, text }) => {
      const messages = byLine.get(line + 1) ?? [];
      return { line: line + 1, expected: text, ok: messages.some((m) => m.includes(text)), got: messages.join(' | ').slice(0, 400) };
    });
    expect(report.filter((r) => !r.ok)).toEqual([]);
    // Nothing else in the file fails.
    const marked = new Set(expected.map((e) => e.line + 1));
    expect([...byLine.keys()].filter((l) => !marked.has(l))).toEqual([]);
  }, 60_000);
});
