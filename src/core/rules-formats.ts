/**
 * The `format` values the specs use, as plain predicates (no schema compiler, no `eval`: a page with a
 * strict CSP runs them as is). Each applies to one JSON type only: a string format never refuses a number.
 *
 * The generator (scripts/gen/validators.ts) copies the source of the predicates a rules file uses into
 * that file and names it on the rule (`stringFormat`, `numberFormat`), so each chunk of a page carries
 * only the formats its rules check. That is why each predicate is one self-contained `export const`
 * (no helper outside its body). A format not in the tables below is not checked, as JSON Schema allows.
 */

/**
 * RFC 3339 `date-time`, checked on the calendar, as ajv-formats checks it: no February 30, no 24:00, no
 * offset past 23:59. `Date.parse` is no judge of that: V8 rolls `2026-02-30` over to March 2. A second
 * of 60 is a leap second, allowed only at 23:59 UTC.
 */
export const isDateTime = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days) return false;
  if (offsetHours > 23 || offsetMinutes > 59 || hour > 23 || minute > 59) return false;
  if (second < 60) return true;
  // A leap second: 23:59:60 in UTC, wherever the offset puts it locally.
  const toUtc = m[7] === '-' ? 1 : -1;
  const utcMinutes = (((hour * 60 + minute + toUtc * (offsetHours * 60 + offsetMinutes)) % 1440) + 1440) % 1440;
  return second === 60 && utcMinutes === 1439;
};

export const isUri = (s: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(s);

export const isUriReference = (s: string): boolean => !/\s/.test(s);

export const isUuid = (s: string): boolean => /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i.test(s);

export const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/** The OpenAPI integer widths (int64 up to what a JS number holds exactly). */
export const isInt32 = (n: number): boolean => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;

export const isInt64 = (n: number): boolean => Number.isSafeInteger(n);

export const isDouble = (n: number): boolean => Number.isFinite(n);

/** Formats of strings, by name. */
export const STRING_FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  'date-time': isDateTime,
  uri: isUri,
  'uri-reference': isUriReference,
  uuid: isUuid,
  email: isEmail,
};

/** Formats of numbers, by name. */
export const NUMBER_FORMATS: Readonly<Record<string, (n: number) => boolean>> = {
  int32: isInt32,
  int64: isInt64,
  double: isDouble,
};
