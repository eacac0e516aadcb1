/**
 * The `format` values the specs use, as plain predicates (no schema compiler, no `eval`: a page with a
 * strict CSP runs them as is). A format the table names but this file does not know is not checked,
 * as JSON Schema allows. Each applies to one JSON type only: a string format never refuses a number.
 */

/** Formats of strings. `date-time` is RFC 3339 §5.6 and a real calendar instant (see {@link isDateTime}). */
export const STRING_FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  'date-time': isDateTime,
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

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * RFC 3339 `date-time`, checked on the calendar, as ajv-formats checks it: no February 30, no 24:00, no
 * offset past 23:59. `Date.parse` is no judge of that: V8 rolls `2026-02-30` over to March 2. A second
 * of 60 is a leap second, allowed only at 23:59 UTC.
 */
function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  const offsetHours = Number(m[8] ?? 0);
  const offsetMinutes = Number(m[9] ?? 0);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return false;
  if (offsetHours > 23 || offsetMinutes > 59 || hour > 23 || minute > 59) return false;
  if (second < 60) return true;
  // A leap second: 23:59:60 in UTC, wherever the offset puts it locally.
  const toUtc = m[7] === '-' ? 1 : -1;
  const utcMinutes = (((hour * 60 + minute + toUtc * (offsetHours * 60 + offsetMinutes)) % 1440) + 1440) % 1440;
  return second === 60 && utcMinutes === 1439;
}
