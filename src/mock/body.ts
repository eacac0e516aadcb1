/**
 * Request bodies as the core sees them: the media type (415), a nesting-depth cap and JSON parsing
 * (400), so malformed or hostile input is refused before it reaches validation, a handler or the
 * state. Reading with a size cap (413) is the adapter's (`MockExchange.readBody`).
 */

/**
 * The deepest nesting of arrays and objects accepted in a JSON body (the top-level value is level 1).
 * The vendors' own models nest fewer than 10 levels; anything deeper is refused with a 400 before it
 * is parsed, so no request can store a value that cannot be rendered back (V8's JSON.stringify
 * overflows its stack at a few thousand levels).
 */
export const MAX_JSON_DEPTH = 64;

/** A body over the size cap, declared or received. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** The media type without parameters, lower case ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Whether JSON text nests arrays and objects deeper than `limit`. A single pass over the bytes (no
 * parse, no recursion); brackets inside strings do not count. UTF-8 continuation bytes are never
 * ASCII, so scanning bytes is exact. Malformed text is left for JSON.parse to refuse.
 */
export function nestsDeeperThan(raw: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (inString) {
      if (b === 0x5c) i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > limit) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder();

export function textOf(raw: Uint8Array): string {
  return utf8.decode(raw);
}
