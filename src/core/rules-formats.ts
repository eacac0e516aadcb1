/**
 * The `format` values the specs use, as plain predicates (no schema compiler, no `eval`: a page with a
 * strict CSP runs them as is). A format the table names but this file does not know is not checked,
 * as JSON Schema allows. Each applies to one JSON type only: a string format never refuses a number.
 */

/** Formats of strings. `date-time` is RFC 3339 and a real instant (no 25:00, no Feb 30 where `Date` knows). */
export const STRING_FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(s),
  'uri-reference': (s) => !/\s/.test(s),
  uuid: (s) => /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i.test(s),
  email: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
};

/** Formats of numbers: the OpenAPI integer widths (int64 up to what a JS number holds exactly). */
export const NUMBER_FORMATS: Readonly<Record<string, (n: number) => boolean>> = {
  int32: (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
  int64: Number.isSafeInteger,
  double: Number.isFinite,
};
