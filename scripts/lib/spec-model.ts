/**
 * A small read-only view of a bundled OpenAPI 3.1 document: the operations with the metadata the
 * clients, validators and docs need. Every generator reads the spec through this one place.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type Idempotency = boolean | { ifBodyHas: string };
export type Pagination = 'none' | 'page-number' | 'message-cursor';

export interface ParamInfo {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description: string;
  schema: JsonObject;
}

/** An operation as the spec states it (docs, errors, examples): what the generator reads to write the runtime `OperationDef` table. */
export interface SpecOperation {
  operationId: string;
  method: string; // lower case, as in the spec
  path: string;
  summary: string;
  description: string;
  tags: string[];
  deprecated: boolean;
  /** Alternative security requirements; [] means anonymous. */
  security: Array<Record<string, string[]>>;
  permissions: string[];
  requiredScope?: { scope: string; level: string };
  idempotent: Idempotency;
  pagination: Pagination;
  params: ParamInfo[];
  body?: { required: boolean; schema: JsonObject; example?: Json };
  /** Status code → schema of the success response (undefined for no content). */
  success: { status: number; schema?: JsonObject; example?: Json };
  /** Status → response description, schema ref name and error codes (generic + operation-specific). */
  errors: Array<{ status: number; description: string; schemaName?: string; codes: Record<string, string> }>;
}

export function asObject(value: Json | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** Follows one local `$ref` (`#/components/...`) in the bundled document. */
export function deref(doc: JsonObject, node: Json | undefined): JsonObject {
  let current = asObject(node);
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    const pointer = current.$ref.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: Json | undefined = doc;
    for (const segment of pointer) target = asObject(target)[segment];
    current = asObject(target);
  }
  return current;
}

export function refName(node: Json | undefined): string | undefined {
  const ref = asObject(node).$ref;
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
}

function readIdempotency(op: JsonObject, method: string): Idempotency {
  const x = op['x-idempotent'];
  if (typeof x === 'boolean') return x;
  const ifBodyHas = asObject(x).ifBodyHas;
  if (typeof ifBodyHas === 'string') return { ifBodyHas };
  return ['get', 'head', 'put', 'delete', 'options'].includes(method);
}

function readErrorCodes(op: JsonObject, status: string, response: JsonObject): Record<string, string> {
  const generic = asObject(response['x-inin-error-codes']);
  const specific = asObject(asObject(op['x-inin-error-codes'])[status]);
  const mykaarma = asObject(asObject(op['x-error-codes'])[status]);
  const out: Record<string, string> = {};
  for (const source of [generic, specific, mykaarma]) {
    for (const [code, message] of Object.entries(source)) out[code] = String(message);
  }
  return out;
}

export function listOperations(doc: JsonObject): SpecOperation[] {
  const out: SpecOperation[] = [];
  const paths = asObject(doc.paths);
  const globalSecurity = (doc.security as Array<Record<string, string[]>> | undefined) ?? [];
  for (const path of Object.keys(paths).sort()) {
    const item = asObject(paths[path]);
    const shared = (item.parameters as Json[] | undefined) ?? [];
    for (const method of HTTP_METHODS) {
      const op = asObject(item[method]);
      if (typeof op.operationId !== 'string') continue;
      const params = [...shared, ...((op.parameters as Json[] | undefined) ?? [])].map((p) => {
        const param = deref(doc, p);
        return {
          name: String(param.name),
          in: param.in as ParamInfo['in'],
          required: param.required === true,
          description: String(param.description ?? ''),
          schema: asObject(param.schema),
        };
      });
      const requestBody = deref(doc, op.requestBody);
      const bodyMedia = asObject(asObject(requestBody.content)['application/json']);
      const responses = asObject(op.responses);
      const statuses = Object.keys(responses).sort();
      const successStatus = statuses.find((s) => s.startsWith('2')) ?? '200';
      const successResponse = deref(doc, responses[successStatus]);
      const successMedia = asObject(asObject(successResponse.content)['application/json']);
      const perms = asObject(op['x-inin-requires-permissions']).permissions;
      const scope = asObject(op['x-required-scope']);
      out.push({
        operationId: op.operationId,
        method,
        path,
        summary: String(op.summary ?? ''),
        description: String(op.description ?? ''),
        tags: (op.tags as string[] | undefined) ?? [],
        deprecated: op.deprecated === true,
        security: (op.security as Array<Record<string, string[]>> | undefined) ?? globalSecurity,
        permissions: Array.isArray(perms) ? perms.map(String) : [],
        requiredScope: typeof scope.scope === 'string' ? { scope: scope.scope, level: String(scope.level ?? '') } : undefined,
        idempotent: readIdempotency(op, method),
        pagination: (op['x-pagination'] as Pagination | undefined) ?? 'none',
        params,
        body: bodyMedia.schema
          ? { required: requestBody.required === true, schema: asObject(bodyMedia.schema), example: bodyMedia.example }
          : undefined,
        success: {
          status: Number(successStatus),
          schema: successMedia.schema ? asObject(successMedia.schema) : undefined,
          example: successMedia.example,
        },
        errors: statuses
          .filter((s) => !s.startsWith('2'))
          .map((s) => {
            const response = deref(doc, responses[s]);
            const media = asObject(asObject(response.content)['application/json']);
            return {
              status: Number(s),
              description: String(response.description ?? ''),
              schemaName: refName(media.schema),
              codes: readErrorCodes(op, s, response),
            };
          }),
      });
    }
  }
  return out.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/** Which credential an operation needs: the kind our clients resolve auth by. */
export function authKind(op: SpecOperation, doc: JsonObject): 'none' | 'oauth' | 'guest' | 'basic' {
  const first = op.security[0];
  if (!first) return 'none';
  const schemeName = Object.keys(first)[0] ?? '';
  const scheme = deref(doc, asObject(asObject(doc.components).securitySchemes)[schemeName]);
  if (scheme.type === 'oauth2') return 'oauth';
  if (scheme.type === 'http' && scheme.scheme === 'basic') return 'basic';
  if (scheme.type === 'http' && scheme.scheme === 'bearer') return 'guest';
  throw new Error(`unsupported security scheme ${schemeName} on ${op.operationId}`);
}

/** Scopes that satisfy an operation: any one of the alternatives' scope lists. */
export function scopeAlternatives(op: SpecOperation): string[][] {
  return op.security.map((req) => Object.values(req)[0] ?? []).filter((s) => s.length > 0);
}
