/**
 * Reading the rule set's issues (`params.query.pageSize must be integer`, `body.memberInfo is required`)
 * back into where and what, so a profile can word them in its vendor's terms. The wording is the
 * checker's in src/core/rules.ts and validate.ts; these patterns follow it.
 */
import type { ValidationIssue } from '../../core/errors.js';

export interface ReadIssue {
  location: 'body' | 'query' | 'path';
  /** Dotted path inside its location (`memberInfo.displayName`); '' for the whole body. */
  field: string;
  kind: 'required' | 'enum' | 'type' | 'too-short' | 'unknown' | 'other';
  /** enum/const: the allowed values. */
  allowed: string[];
  /** The checker's own words (`must be <= 100`). */
  message: string;
}

const TYPE = /^must be (?:string|number|integer|boolean|object|array|null)(?:,|$)/;

function kindOf(message: string): ReadIssue['kind'] {
  if (message === 'is required') return 'required';
  if (message.startsWith('must be one of: ') || /^must be "/.test(message)) return 'enum';
  if (TYPE.test(message)) return 'type';
  if (message.startsWith('must have at least ')) return 'too-short';
  if (message === 'is not a parameter of this operation') return 'unknown';
  return 'other';
}

function allowedOf(message: string): string[] {
  const list = message.startsWith('must be one of: ') ? message.slice('must be one of: '.length) : message.slice('must be '.length);
  try {
    return (JSON.parse(`[${list}]`) as unknown[]).map(String);
  } catch {
    return [];
  }
}

export function readIssue(issue: ValidationIssue): ReadIssue {
  const [head, second, ...rest] = issue.path.split('.');
  const location = head === 'params' ? (second === 'path' ? 'path' : 'query') : 'body';
  const field = head === 'params' ? rest.join('.') : [second, ...rest].filter((p) => p !== undefined).join('.');
  const kind = kindOf(issue.message);
  return { location, field, kind, allowed: kind === 'enum' ? allowedOf(issue.message) : [], message: issue.message };
}

/** The value at a dotted path of a parsed body. */
export function valueAt(root: unknown, field: string): unknown {
  let node = root;
  for (const key of field ? field.split('.') : []) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
