import { ValidationError, type ValidationIssue } from './errors.js';
import type { OperationDef } from './operation.js';

/** A precompiled validator (Ajv standalone output): returns true when valid, else sets `errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null;
}

/** Ajv's errors as `where: what` issues, one per failing field. */
export function issuesOf(validator: Validator, prefix: string): ValidationIssue[] {
  return (validator.errors ?? []).map((e) => {
    let path = prefix + e.instancePath.replace(/\//g, '.');
    if (e.keyword === 'required') path += `.${String(e.params.missingProperty)}`;
    if (e.keyword === 'additionalProperties') path += `.${String(e.params.additionalProperty)}`;
    return { path, message: e.message ?? describe(e.keyword, e.params) };
  });
}

const LIMITS: Record<string, string> = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' };

/** Wording for a failed keyword (the generated validators carry no message strings, to stay small). */
function describe(keyword: string, params: Record<string, unknown>): string {
  const list = (values: unknown) => (values as unknown[]).map((v) => JSON.stringify(v)).join(', ');
  switch (keyword) {
    case 'required': return 'is required';
    case 'type': return `must be ${String(params.type)}`;
    case 'enum': return `must be one of: ${list(params.allowedValues)}`;
    case 'const': return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'format': return `must be a valid ${String(params.format)}`;
    case 'minLength': return `must have at least ${String(params.limit)} character(s)`;
    case 'maxLength': return `must have at most ${String(params.limit)} characters`;
    case 'minItems': return `must have at least ${String(params.limit)} item(s)`;
    case 'maxItems': return `must have at most ${String(params.limit)} items`;
    case 'pattern': return `must match ${String(params.pattern)}`;
    case 'additionalProperties': return 'is not a parameter of this operation';
    default: return LIMITS[keyword] ? `must be ${LIMITS[keyword]} ${String(params.limit)}` : `fails ${keyword}`;
  }
}

export interface RequestParts {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> } | undefined;
  body?: unknown;
  headers?: Record<string, unknown> | undefined;
}

const CR_LF = /[\r\n]/;

/**
 * Checks a call before anything is sent: params and body against the spec (unless `schema` is false),
 * and, always, the things that would corrupt the request itself: an empty path parameter, or a header
 * value with CR/LF (header injection). Throws one ValidationError listing every problem.
 */
export function checkRequest(def: OperationDef, parts: RequestParts, schema: boolean): void {
  const issues: ValidationIssue[] = [];
  for (const name of def.pathParams) {
    const value = parts.params?.path?.[name];
    if (value === undefined || value === null || String(value) === '') issues.push({ path: `params.path.${name}`, message: 'must be a non-empty string' });
    // URL parsing collapses `.`/`..` segments (even percent-encoded), which would address another resource.
    else if (/^(\.|%2e){1,2}$/i.test(String(value))) issues.push({ path: `params.path.${name}`, message: 'must not be a dot segment' });
  }
  for (const [where, headers] of [['headers', parts.headers], ['params.header', parts.params?.header]] as const) {
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (typeof value === 'string' && CR_LF.test(value)) issues.push({ path: `${where}.${name}`, message: 'must not contain CR or LF' });
    }
  }
  if (schema) {
    const params = { path: parts.params?.path, query: parts.params?.query };
    if (params.path === undefined) delete params.path;
    if (params.query === undefined) delete params.query;
    if (!def.validateParams(params)) {
      for (const issue of issuesOf(def.validateParams, 'params')) {
        if (!issues.some((i) => i.path === issue.path)) issues.push(issue);
      }
    }
    if (def.validateBody) {
      if (parts.body === undefined) {
        if (def.body === 'required') issues.push({ path: 'body', message: 'is required' });
      } else if (!def.validateBody(parts.body)) {
        issues.push(...issuesOf(def.validateBody, 'body'));
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(`${def.method} ${def.path}`, issues, 'request');
}
