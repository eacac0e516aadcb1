/**
 * The machine-readable spec diff (`npm run diff -- <ref> --format json`) built from `redocly diff` reports,
 * and its Markdown (pull-request comment) and text renderings.
 */
export type Level = 'major' | 'minor' | 'patch' | 'none';
const ORDER: Level[] = ['none', 'patch', 'minor', 'major'];
export const maxLevel = (levels: Level[]): Level => levels.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'none' as Level);

/** One entry of a `redocly diff --format json` report. */
export interface RedoclyChange {
  path: string;
  kind: string;
  impact: string;
  verdicts: Array<{ impact: string; message: string; ruleId: string; location?: { file: string; line: number; col: number } }>;
  revision?: { file: string; line: number; col: number };
  base?: { file: string; line: number; col: number };
}
export interface RedoclyReport {
  summary: { major: number; minor: number; patch: number };
  bump?: Level;
  changes: RedoclyChange[];
}

export interface Change {
  impact: Level;
  /** added | removed | modified */
  kind: string;
  /** The operation (`GET /path`, AsyncAPI `receive receiveGuestChatEvents`), message or component it is under. */
  where: string;
  /** The field below it (`requestBody.messageSendingAttributes.senderTitle`), '' for the whole thing. */
  field: string;
  message: string;
  rule?: string;
  /** `file:line:col` in the changed (or, for a removal, the base) spec. */
  location?: string;
}

export interface ApiDiff {
  name: string;
  spec: string;
  status: 'changed' | 'unchanged' | 'added' | 'removed';
  bump: Level;
  summary: { major: number; minor: number; patch: number };
  operations: { added: string[]; removed: string[]; changed: string[] };
  changes: Change[];
}

export interface DiffReport {
  base: string;
  packageVersion: { base: string; head: string; bump: Level };
  /** The highest level over every API. */
  bump: Level;
  /** A breaking (major) spec change needs a major version bump of the package; smaller ones do not fail. */
  satisfies: boolean;
  verdict: 'ok' | 'breaking-change-without-major-bump';
  apis: ApiDiff[];
}

const unescape = (s: string) => decodeURIComponent(s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** `#/paths/~1a~1{id}/get/requestBody/content/application~1json/schema/properties/x` → where + field. */
export function locate(pointer: string): { where: string; field: string; operationLevel: boolean } {
  const parts = pointer.replace(/^#\//, '').split('/').map(unescape);
  let where: string;
  let rest: string[];
  if (parts[0] === 'paths' && parts.length >= 2) {
    const method = parts[2];
    if (method && /^(get|put|post|delete|options|head|patch|trace)$/.test(method)) {
      where = `${method.toUpperCase()} ${parts[1]}`;
      rest = parts.slice(3);
    } else {
      where = parts[1]!;
      rest = parts.slice(2);
    }
  } else if ((parts[0] === 'operations' || parts[0] === 'channels') && parts.length >= 2) {
    if (parts[0] === 'channels' && parts[2] === 'messages' && parts[3]) {
      where = `message ${parts[3]}`;
      rest = parts.slice(4);
    } else {
      where = `${parts[0] === 'operations' ? 'operation' : 'channel'} ${parts[1]}`;
      rest = parts.slice(2);
    }
  } else {
    where = parts.slice(0, 3).join('.');
    rest = parts.slice(3);
  }
  // Media types and schema plumbing say nothing to a reader: keep the field names.
  const field = rest.filter((p, i) => !(p === 'content' || p === 'schema' || p === 'properties' || p === 'payload' || rest[i - 1] === 'content')).join('.');
  return { where, field, operationLevel: rest.length === 0 };
}

const where = (loc?: { file: string; line: number; col: number }) => (loc ? `${loc.file}:${loc.line}:${loc.col}` : undefined);

export function apiDiff(name: string, spec: string, report: RedoclyReport, displayFile: (file: string) => string): ApiDiff {
  const changes: Change[] = [];
  const operations = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  for (const c of report.changes) {
    const at = locate(c.path);
    const loc = c.revision ?? c.base;
    const location = where(loc ? { ...loc, file: displayFile(loc.file) } : undefined);
    const isOperation = at.where !== '' && (/^[A-Z]+ /.test(at.where) || at.where.startsWith('operation ') || at.where.startsWith('message ') || at.where.startsWith('/'));
    if (isOperation && at.operationLevel && (c.kind === 'added' || c.kind === 'removed')) operations[c.kind].push(at.where);
    else if (isOperation && !operations.changed.includes(at.where)) operations.changed.push(at.where);
    const base = { kind: c.kind, where: at.where, field: at.field, ...(location ? { location } : {}) };
    if (c.verdicts.length === 0) changes.push({ ...base, impact: c.impact as Level, message: `${c.kind} ${at.field || at.where}` });
    for (const v of c.verdicts) changes.push({ ...base, impact: v.impact as Level, message: v.message, rule: v.ruleId });
  }
  for (const list of Object.values(operations)) list.sort();
  operations.changed = operations.changed.filter((o) => !operations.added.includes(o) && !operations.removed.includes(o));
  const bump = report.bump ?? maxLevel(changes.map((c) => c.impact));
  return { name, spec, status: report.changes.length ? 'changed' : 'unchanged', bump, summary: report.summary, operations, changes };
}

const mark = (level: Level) => ({ major: '🔴 major', minor: '🟡 minor', patch: '🟢 patch', none: '⚪ none' })[level];
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

export function toMarkdown(r: DiffReport): string {
  const out: string[] = [];
  const verdict = r.satisfies
    ? r.bump === 'major'
      ? `✅ breaking change, and the package's major version was bumped (${r.packageVersion.base} → ${r.packageVersion.head})`
      : `✅ no breaking change`
    : `❌ breaking change without a major version bump (package ${r.packageVersion.base} → ${r.packageVersion.head}): bump the major version or make the change compatible`;
  out.push(`## API spec changes since ${code(r.base)}`, '', `**${verdict}**`, '');
  out.push('| API | spec | change | major | minor | patch |', '|---|---|---|---:|---:|---:|');
  for (const a of r.apis) out.push(`| ${a.name} | ${code(a.spec)} | ${a.status === 'added' ? 'new API' : a.status === 'removed' ? '🔴 removed' : mark(a.bump)} | ${a.summary.major} | ${a.summary.minor} | ${a.summary.patch} |`);
  for (const a of r.apis.filter((x) => x.changes.length > 0 || x.status === 'added' || x.status === 'removed')) {
    out.push('', `### ${a.name}: ${a.status === 'added' ? 'new API' : a.status === 'removed' ? 'removed' : a.bump}`, '');
    for (const [label, list] of [['Added', a.operations.added], ['Removed', a.operations.removed], ['Changed', a.operations.changed]] as const) {
      if (list.length) out.push(`- ${label}: ${list.map(code).join(', ')}`);
    }
    if (a.changes.length) {
      out.push('', '| impact | where | what | at |', '|---|---|---|---|');
      for (const c of a.changes) out.push(`| ${mark(c.impact)} | ${code(c.where)} | ${cell(c.message)} | ${c.location ? code(c.location) : ''} |`);
    }
  }
  out.push('', '<sub>`npm run diff -- <base> --format markdown`</sub>', '');
  return out.join('\n');
}

export function toText(r: DiffReport): string {
  const out: string[] = [];
  for (const a of r.apis) {
    if (a.status === 'added') {
      out.push(`${a.name}: minor (new API, not present at ${r.base})`);
      continue;
    }
    if (a.status === 'removed') {
      out.push(`${a.name}: major (removed since ${r.base})`);
      continue;
    }
    const { major, minor, patch } = a.summary;
    out.push(`${a.name}: ${a.bump} (${major} major, ${minor} minor, ${patch} patch)`);
    for (const c of a.changes) if (c.impact !== 'patch') out.push(`  ${c.impact}: ${c.where}${c.field ? ` ${c.field}` : ''}: ${c.message}${c.rule ? ` [${c.rule}]` : ''}`);
  }
  return out.join('\n');
}
