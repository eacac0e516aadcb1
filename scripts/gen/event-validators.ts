import type { OutputFile } from './types.ts';
import { eventKinds, type EventContext } from './events.ts';
import { moduleFile } from './validators.ts';

/**
 * Two files per event stream:
 * - generated/<api>/frame-rules.ts: the rule of each kind of frame as data only (no checker import), for
 *   code that binds them itself: the client's lazily loaded stream binds them with the checker its entry
 *   chunk already holds, so the two chunks share no module;
 * - generated/<api>/validators.ts: the same rules bound to the checker (src/core/rules.ts), by kind, so a
 *   frame is checked with `validators[kind](frame)` after `<prefix>EventKindOf(frame)`.
 */
export function eventValidatorFiles(ctx: EventContext): OutputFile[] {
  const kinds = eventKinds(ctx);
  const data = moduleFile(
    ctx,
    'frame-rules',
    kinds.map((k) => [k.schema, { $ref: `#/components/schemas/${k.schema}` }, `${k.title} frame (\`${k.kind}\`)`]),
    false,
  );
  const p = ctx.api.prefix[0]!.toLowerCase() + ctx.api.prefix.slice(1);
  const byKind = kinds.map((k) => `${JSON.stringify(k.kind)}: ${k.schema}`).join(', ');
  const rules = [
    '',
    `/** The rule of each kind of frame (kinds as in \`${p}EventKinds\` of events.ts). */`,
    `export const ${p}EventRules = { ${byKind} } as const;`,
    '',
  ];
  const header = data.content.split('\n')[0]!;
  const bound = [
    header,
    `import { validator } from '../../src/core/rules.js';`,
    `import { ${kinds.map((k) => k.schema).join(', ')} } from './frame-rules.js';`,
    '',
    ...kinds.flatMap((k) => [`/** ${k.title} frame (\`${k.kind}\`) */`, `export const ${k.schema}Validator = /* @__PURE__ */ validator(${k.schema});`]),
    '',
    `/** The validator of each kind of frame (kinds as in \`${p}EventKinds\` of events.ts). */`,
    `export const ${p}EventValidators = { ${kinds.map((k) => `${JSON.stringify(k.kind)}: ${k.schema}Validator`).join(', ')} } as const;`,
    '',
  ];
  return [
    { path: data.path, content: data.content + rules.join('\n') },
    { path: data.path.replace(/frame-rules\.ts$/, 'validators.ts'), content: bound.join('\n') },
  ];
}
