import { ValidationError, type ValidationIssue } from './errors.js';
import type { OperationDef } from './operation.js';
import type { Validator } from './rules.js';

export type { Validator } from './rules.js';

/** A validator's issues (paths relative to the checked value) under `prefix` (`params`, `body`, `response`). */
export function issuesOf(validator: Validator, prefix: string): ValidationIssue[] {
  return (validator.errors ?? []).map((issue) => ({ path: prefix + issue.path, message: issue.message }));
}

export interface RequestParts {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> } | undefined;
  body?: unknown;
  headers?: Record<string, unknown> | undefined;
}

const CR_LF = /[\r\n]/;
/** What no id may hold: a server or proxy decodes `%2F` and `%5C` back into separators (Tomcat refuses them). */
const UNSAFE_IN_ID = /[/\\\u0000-\u001f\u007f]/;

/**
 * A JSON media type (`application/json`, or `application/<anything>+json`), parameters such as
 * `charset` ignored: what the bodies of all three APIs are, and what their servers accept (else 415).
 */
export function isJsonMediaType(value: string): boolean {
  const type = (value.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Everything wrong with a request, one issue per field: params and body against the spec's rules
 * (unless `schema` is false), and, always, the things that would corrupt the request itself: an empty
 * or dot-segment path parameter or one holding `/`, `\` or a control character, a header value with
 * CR/LF (header injection), a JSON body labelled with another Content-Type. The client and the
 * mock (through `rawRequestIssues`) both decide with this function.
 */
export function requestIssues(def: OperationDef, parts: RequestParts, schema: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const name of def.pathParams) {
    const value = parts.params?.path?.[name];
    if (value === undefined || value === null || String(value) === '') issues.push({ path: `params.path.${name}`, message: 'must be a non-empty string' });
    // URL parsing collapses `.`/`..` segments (even percent-encoded), which would address another resource.
    else if (/^(\.|%2e){1,2}$/i.test(String(value))) issues.push({ path: `params.path.${name}`, message: 'must not be a dot segment' });
    else if (UNSAFE_IN_ID.test(String(value))) issues.push({ path: `params.path.${name}`, message: 'must not contain /, \\ or control characters' });
  }
  for (const [where, headers] of [['headers', parts.headers], ['params.header', parts.params?.header]] as const) {
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (typeof value === 'string' && CR_LF.test(value)) issues.push({ path: `${where}.${name}`, message: 'must not contain CR or LF' });
      // The body is sent as JSON: labelled otherwise, the server answers 415 (and the vendors do).
      else if (where === 'headers' && parts.body !== undefined && def.body !== 'none' && name.toLowerCase() === 'content-type' && typeof value === 'string' && !isJsonMediaType(value)) {
        issues.push({ path: `${where}.${name}`, message: 'must be a JSON media type (application/json)' });
      }
    }
  }
  if (schema) {
    const params: { path?: unknown; query?: unknown } = {};
    if (parts.params?.path !== undefined) params.path = parts.params.path;
    if (parts.params?.query !== undefined) params.query = withoutEmptyValues(parts.params.query);
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
  return issues;
}

/**
 * An empty query value means "not given": so the vendors' services read `?sortOrder=&maxResults=` (their
 * own guest SDK sends every optional parameter, empty when unset), so the rules judge it as absent too.
 */
function withoutEmptyValues(query: Record<string, unknown>): Record<string, unknown> {
  for (const name in query) {
    if (query[name] === '') return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  }
  return query;
}

/** Checks a call before anything is sent; throws one ValidationError listing every problem. */
export function checkRequest(def: OperationDef, parts: RequestParts, schema: boolean): void {
  const issues = requestIssues(def, parts, schema);
  if (issues.length > 0) throw new ValidationError(`${def.method} ${def.path}`, issues, 'request');
}
