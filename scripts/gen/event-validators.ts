import type { OutputFile } from './types.ts';
import { eventKinds, type EventContext } from './events.ts';
import { moduleFile } from './validators.ts';

/**
 * generated/<api>/validators.ts: one validator per kind of frame (named after its frame type), the same
 * rule tables and checker (src/core/rules.ts) as the APIs' request and response validators, plus the
 * validators by kind, so a frame is checked with `validators[kind](frame)` after `<prefix>EventKindOf(frame)`.
 */
export function eventValidatorFiles(ctx: EventContext): OutputFile[] {
  const kinds = eventKinds(ctx);
  const file = moduleFile(
    ctx,
    'validators',
    kinds.map((k) => [k.schema, { $ref: `#/components/schemas/${k.schema}` }, `${k.title} frame (\`${k.kind}\`)`]),
  );
  const p = ctx.api.prefix[0]!.toLowerCase() + ctx.api.prefix.slice(1);
  const table = [
    '',
    `/** The validator of each kind of frame (kinds as in \`${p}EventKinds\` of events.ts). */`,
    `export const ${p}EventValidators = { ${kinds.map((k) => `${JSON.stringify(k.kind)}: ${k.schema}`).join(', ')} } as const;`,
    '',
  ];
  return [{ path: file.path, content: file.content + table.join('\n') }];
}
