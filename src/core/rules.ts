/**
 * The request and response rules of every operation, as data, and the one checker that reads them.
 *
 * A `Rule` is the subset of JSON Schema the specs use, generated into `generated/<api>/validators.ts`
 * by scripts/gen/validators.ts with every `$ref` turned into a reference to the named rule (shared,
 * so a model is stated once however many operations use it). The generator refuses any keyword this
 * checker does not implement, so nothing in a spec is ever silently unchecked. The client and the mock
 * check with these same rules: they cannot disagree about what a valid request is.
 *
 * Semantics are JSON Schema's (as Ajv implements them): `properties` and `required` treat an
 * `undefined` value as absent, integers are numbers without a fraction, a format applies only to
 * values of its own type. Every failing field is reported, never the value itself.
 */
import type { ValidationIssue } from './errors.js';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
type Primitive = string | number | boolean | null;

export interface Rule {
  readonly type?: JsonType | readonly JsonType[];
  /** A named rule; a function where the rules are recursive (a `const` cannot name itself). */
  readonly $ref?: Rule | (() => Rule);
  readonly const?: Primitive;
  readonly enum?: readonly Primitive[];
  readonly allOf?: readonly Rule[];
  readonly anyOf?: readonly Rule[];
  readonly oneOf?: readonly Rule[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** The format's name (for the message); the check is `stringFormat` or `numberFormat`, absent for a format not checked. */
  readonly format?: string;
  /** The predicate of a string format, copied into each rules file from rules-formats.ts. */
  readonly stringFormat?: (s: string) => boolean;
  /** The predicate of a number format. */
  readonly numberFormat?: (n: number) => boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: Rule;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, Rule>>;
  /** `false` for parameter objects: a misspelt name is refused, not silently dropped. */
  readonly additionalProperties?: boolean | Rule;
}

/**
 * A checker bound to one rule: true when valid; otherwise `errors` lists the issues, with paths
 * relative to the checked value (`''` for the value itself, `.postTextMessage.type` below it).
 */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
  /** The rule it checks (the mock reads parameter types from it to coerce query strings). */
  readonly rule?: Rule;
}

/** Binds a rule to a `Validator`. Pure, so a bundler drops the validators an app never calls. */
export function validator(rule: Rule): Validator {
  const check: Validator = (data) => {
    const issues: ValidationIssue[] = [];
    checkRule(rule, data, '', issues);
    check.errors = issues.length > 0 ? issues : null;
    return issues.length === 0;
  };
  (check as { rule: Rule }).rule = rule;
  return check;
}

/**
 * Binds a module of rules (the lazily loaded response rules) to validators. Done here, in the code
 * that loads them, so the lazy chunk is data only and shares no code with the entry chunk.
 */
export function validators(rules: Readonly<Record<string, Rule>>): Record<string, Validator> {
  return Object.fromEntries(Object.entries(rules).map(([id, rule]) => [id, validator(rule)]));
}

/**
 * Where the check is: the issues so far, and the path as a stack of names that is joined only when
 * something fails (a valid value costs no string building).
 */
interface Walk {
  readonly out: ValidationIssue[];
  readonly at: string;
  readonly names: Array<string | number>;
}

/** Appends to `out` one issue per failed keyword of `rule` at `data` (whose path is `at`). */
export function checkRule(rule: Rule, data: unknown, at: string, out: ValidationIssue[]): void {
  check(rule, data, { out, at, names: [] });
}

function check(r: Rule, data: unknown, w: Walk): void {
  if (r.type !== undefined && !hasType(r.type, data)) fail(w, `must be ${String(r.type)}`);
  if (r.$ref) check(typeof r.$ref === 'function' ? r.$ref() : r.$ref, data, w);
  if (r.const !== undefined && data !== r.const) fail(w, `must be ${JSON.stringify(r.const)}`);
  if (r.enum && !r.enum.includes(data as Primitive)) fail(w, `must be one of: ${r.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (r.allOf) for (const each of r.allOf) check(each, data, w);
  if (r.anyOf) checkAlternatives(r.anyOf, 'anyOf', data, w);
  if (r.oneOf) checkAlternatives(r.oneOf, 'oneOf', data, w);
  if (typeof data === 'number') checkNumber(r, data, w);
  else if (typeof data === 'string') checkString(r, data, w);
  else if (Array.isArray(data)) checkArray(r, data, w);
  else if (data && typeof data === 'object') checkObject(r, data as Record<string, unknown>, w);
}

/** One issue at the current path, or at its child `name` (a missing or unknown property). */
function fail(w: Walk, message: string, name?: string): void {
  let path = w.at;
  for (const each of w.names) path += `.${each}`;
  w.out.push({ path: name === undefined ? path : `${path}.${name}`, message });
}

function checkChild(r: Rule, data: unknown, name: string | number, w: Walk): void {
  w.names.push(name);
  check(r, data, w);
  w.names.pop();
}

function hasType(type: JsonType | readonly JsonType[], data: unknown): boolean {
  if (typeof type !== 'string') return type.some((t) => hasType(t, data));
  if (type === 'integer') return typeof data === 'number' && !(data % 1) && !Number.isNaN(data);
  if (type === 'array') return Array.isArray(data);
  if (type === 'object') return !!data && typeof data === 'object' && !Array.isArray(data);
  if (type === 'null') return data === null;
  return typeof data === type;
}

/** anyOf: at least one; oneOf: exactly one. Failed alternatives' issues are kept only when it fails. */
function checkAlternatives(rules: readonly Rule[], keyword: string, data: unknown, w: Walk): void {
  const start = w.out.length;
  let passing = 0;
  for (const each of rules) {
    const before = w.out.length;
    check(each, data, w);
    if (w.out.length === before) passing++;
  }
  if (keyword === 'anyOf' ? passing > 0 : passing === 1) w.out.length = start;
  else fail(w, `fails ${keyword}`);
}

// Out of range and NaN both fail a limit, as in Ajv.
function checkNumber(r: Rule, n: number, w: Walk): void {
  if (r.maximum !== undefined && !(n <= r.maximum)) fail(w, `must be <= ${r.maximum}`);
  if (r.minimum !== undefined && !(n >= r.minimum)) fail(w, `must be >= ${r.minimum}`);
  if (r.exclusiveMaximum !== undefined && !(n < r.exclusiveMaximum)) fail(w, `must be < ${r.exclusiveMaximum}`);
  if (r.exclusiveMinimum !== undefined && !(n > r.exclusiveMinimum)) fail(w, `must be > ${r.exclusiveMinimum}`);
  if (r.numberFormat && !r.numberFormat(n)) fail(w, `must be a valid ${r.format}`);
}

function checkString(r: Rule, s: string, w: Walk): void {
  // Lengths count code points, not UTF-16 units: an emoji is one character.
  if (r.minLength !== undefined || r.maxLength !== undefined) checkSize(codePoints(s), r.minLength, r.maxLength, 'character', w);
  if (r.pattern !== undefined && !new RegExp(r.pattern, 'u').test(s)) fail(w, `must match ${r.pattern}`);
  if (r.stringFormat && !r.stringFormat(s)) fail(w, `must be a valid ${r.format}`);
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** minLength/maxLength (in characters) and minItems/maxItems, worded alike. */
function checkSize(size: number, min: number | undefined, max: number | undefined, unit: string, w: Walk): void {
  if (max !== undefined && size > max) fail(w, `must have at most ${max} ${unit}s`);
  if (min !== undefined && size < min) fail(w, `must have at least ${min} ${unit}(s)`);
}

function checkArray(r: Rule, a: readonly unknown[], w: Walk): void {
  checkSize(a.length, r.minItems, r.maxItems, 'item', w);
  if (r.items) for (let i = 0; i < a.length; i++) checkChild(r.items, a[i], i, w);
}

function checkObject(r: Rule, o: Record<string, unknown>, w: Walk): void {
  const props = r.properties;
  const extra = r.additionalProperties;
  if (r.required) for (const name of r.required) if (o[name] === undefined) fail(w, 'is required', name);
  if (extra !== undefined && extra !== true) {
    for (const name in o) {
      if (props && Object.hasOwn(props, name)) continue;
      if (extra) checkChild(extra, o[name], name, w);
      else fail(w, 'is not a parameter of this operation', name);
    }
  }
  if (props) for (const name in props) if (o[name] !== undefined) checkChild(props[name]!, o[name], name, w);
}
