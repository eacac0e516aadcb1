/**
 * What the docs pages must show, read from the bundled specs (generated/<api>/openapi.json): the
 * operations, and the properties a schema row or a response tab reveals when opened.
 */
import type { Schema } from '../helpers/specs.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface SpecOperation {
  operationId: string;
  summary: string;
  method: string;
  path: string;
  operation: Schema;
}

export function operationsOf(spec: Schema): SpecOperation[] {
  const found: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Schema>)) {
    for (const method of METHODS) {
      const operation = item[method] as Schema | undefined;
      if (operation) found.push({ operationId: operation.operationId, summary: operation.summary, method, path, operation });
    }
  }
  return found;
}

/** Follows `$ref`s (local ones: the bundle has no others). */
export function deref(spec: Schema, value: Schema | undefined): Schema | undefined {
  let current = value;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${String(current.$ref)}`);
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Schema | undefined>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return current;
}

/**
 * The properties Redoc lists under a schema: an array's items, `allOf` members merged; `readOnly` ones
 * left out of requests and `writeOnly` ones out of responses, as Redoc does.
 */
export function propertiesOf(spec: Schema, value: Schema | undefined, side: 'request' | 'response'): Record<string, Schema> {
  const schema = deref(spec, value);
  if (!schema) return {};
  if (schema.items) return propertiesOf(spec, schema.items as Schema, side);
  const merged: Record<string, Schema> = {};
  for (const member of (schema.allOf as Schema[] | undefined) ?? []) Object.assign(merged, propertiesOf(spec, member, side));
  for (const [name, property] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
    const resolved = deref(spec, property) ?? {};
    if ((side === 'request' && resolved.readOnly) || (side === 'response' && resolved.writeOnly)) continue;
    merged[name] = property;
  }
  return merged;
}

export function jsonSchema(spec: Schema, holder: Schema | undefined): Schema | undefined {
  return deref(spec, deref(spec, holder)?.content?.['application/json']?.schema as Schema | undefined);
}

/**
 * A schema row of Redoc's page, from its element id: `<tag>/<operation>/t=request&path=a/b[]/c` or
 * `<tag>/<operation>/t=response&c=200&path=…` (names lower-cased, `[]` after an array).
 */
export interface SchemaRow {
  side: 'request' | 'response';
  status?: string;
  /** Property names, lower-cased, each with whether it is an array whose items are meant. */
  path: { name: string; items: boolean }[];
}

export function parseRowId(id: string): SchemaRow {
  const match = /\/t=(request|response)(?:&c=(\w+))?&path=(.+)$/.exec(id);
  if (!match) throw new Error(`not a schema row id: ${id}`);
  const [, side, status, path] = match as unknown as [string, 'request' | 'response', string | undefined, string];
  const segments = path.split('/').map((segment) => ({ name: segment.replace(/\[\]$/, ''), items: segment.endsWith('[]') }));
  return { side, ...(status ? { status } : {}), path: segments };
}

/** The property names a row shows once opened, from the spec. */
export function childrenOfRow(spec: Schema, operation: Schema, row: SchemaRow): string[] {
  const holder = row.side === 'request' ? operation.requestBody : (operation.responses as Schema)[row.status ?? ''];
  let schema = jsonSchema(spec, holder as Schema | undefined);
  for (const segment of row.path) {
    const properties = propertiesOf(spec, schema, row.side);
    const name = Object.keys(properties).find((key) => key.toLowerCase() === segment.name);
    if (!name) throw new Error(`no property ${segment.name} in the spec for row ${JSON.stringify(row)}`);
    schema = deref(spec, properties[name]);
    if (segment.items) schema = deref(spec, schema?.items as Schema | undefined);
  }
  return Object.keys(propertiesOf(spec, schema, row.side));
}
