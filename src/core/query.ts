/**
 * The query string of a method call, written exactly as openapi-fetch's default serializer writes it
 * (so methods and `raw` send the same URL): primitives as `name=value`, arrays exploded
 * (`name=a&name=b`), objects as deepObject (`name[key]=value`), values percent-encoded, `undefined`,
 * `null` and empty arrays left out. Its own few lines, so a page whose operations take no query
 * pays nothing for it and one that does pays little; test/core/query.test.ts holds it to openapi-fetch.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const search: string[] = [];
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    if (Array.isArray(value)) search.push(value.map((v) => pair(name, v)).join('&'));
    else if (typeof value === 'object') search.push(Object.keys(value).map((k) => pair(`${name}[${k}]`, (value as Record<string, unknown>)[k])).join('&'));
    else search.push(pair(name, value));
  }
  return search.join('&');
}

function pair(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') throw new Error(`query parameter ${name}: a nested array or object has no query-string form`);
  return `${name}=${encodeURIComponent(value as string | number | boolean)}`;
}
