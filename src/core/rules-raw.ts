/**
 * The same request rules, applied to a request as a server receives it: path parameters and the query
 * are strings, the body is parsed JSON. This is how the mock decides with exactly the client's rules:
 * strings are first turned into the type the parameter declares, then `requestIssues` decides.
 */
import type { ValidationIssue } from './errors.js';
import type { OperationDef } from './operation.js';
import type { JsonType, Rule } from './rules.js';
import { requestIssues } from './validate.js';

export interface RawRequest {
  /** Path parameters as matched in the URL, percent-decoded. */
  path?: Readonly<Record<string, string>>;
  /** The query string as received. */
  query?: URLSearchParams;
  /** The parsed JSON body; `undefined` when the request has none. */
  body?: unknown;
}

/**
 * Every issue of a received request, worded and located as the client words them
 * (`params.query.pageNumber must be a valid int32`). A string is coerced to the declared type when it
 * is written as one: `3`, `-1.5`, `1e3` for numbers, `true`/`false` for booleans; anything else stays
 * a string and fails the type check. A repeated parameter is a list: refused unless it is declared as
 * an array, whose items are coerced one by one. Undeclared parameters are refused by name.
 *
 * @example
 * const issues = rawRequestIssues(getWebchatGuestConversationMembers, {
 *   path: { conversationId: 'c1' },
 *   query: new URLSearchParams('pageNumber=3000000000'),
 * }); // [{ path: 'params.query.pageNumber', message: 'must be a valid int32' }]
 */
export function rawRequestIssues(def: OperationDef, raw: RawRequest): ValidationIssue[] {
  return requestIssues(def, { params: rawParams(def, raw), body: raw.body }, true);
}

/**
 * Path and query parameters of a received request, each string turned into the type its parameter
 * declares, as {@link rawRequestIssues} judges them (and as a server then reads them: `pageSize=5` is 5).
 */
export function rawParams(def: OperationDef, raw: RawRequest): { path?: Record<string, unknown>; query?: Record<string, unknown> } {
  const params = def.validateParams.rule?.properties ?? {};
  const path = raw.path && Object.fromEntries(Object.entries(raw.path).map(([name, value]) => [name, coerce(value, params.path, name)]));
  let query: Record<string, unknown> | undefined;
  if (raw.query) {
    query = {};
    for (const name of new Set(raw.query.keys())) {
      const values = raw.query.getAll(name);
      const declared = resolve(resolve(params.query)?.properties?.[name]);
      query[name] = declared && typesOf(declared).includes('array')
        ? values.map((v) => coerceTo(v, resolve(declared.items)))
        : values.length === 1 ? coerceTo(values[0]!, declared) : values;
    }
  }
  return { path, query };
}

function coerce(value: string, location: Rule | undefined, name: string): unknown {
  return coerceTo(value, resolve(resolve(location)?.properties?.[name]));
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The first declared type the string is written as; the string itself when none. */
function coerceTo(value: string, rule: Rule | undefined): unknown {
  for (const type of rule ? typesOf(rule) : []) {
    if ((type === 'integer' || type === 'number') && NUMBER.test(value)) return Number(value);
    if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
    if (type === 'string') return value;
  }
  return value;
}

function typesOf(rule: Rule): readonly JsonType[] {
  return rule.type === undefined ? [] : typeof rule.type === 'string' ? [rule.type] : rule.type;
}

function resolve(rule: Rule | undefined): Rule | undefined {
  const target = rule?.$ref;
  if (!target) return rule;
  return resolve(typeof target === 'function' ? target() : target);
}
