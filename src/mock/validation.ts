/**
 * Request (and, for tests, response) validation against the bundled specs with openapi-backend.
 *
 * Two adjustments make openapi-backend 5.x handle these OpenAPI 3.1 documents correctly:
 * - It validates with Ajv's draft-07 class; 3.1 schemas are JSON Schema 2020-12 (`const`, `null` in
 *   `enum`, `examples`), so `customizeAjv` hands it Ajv2020 instead.
 * - Its `decycle` step replaces every repeated sub-object with a `$ref`. Once the document is
 *   dereferenced, a 3.1 `$ref` with sibling keywords becomes a copy that shares its `properties` map
 *   with the target, and decycle then writes `{ $ref }` where a property map must be, which Ajv rejects.
 *   In our specs the siblings of `$ref` are annotations only (description), so they are dropped before
 *   loading; any other sibling is kept by wrapping the `$ref` in `allOf`.
 * Its definition check is skipped (`quick` mode): it only knows the 3.0 meta-schema, and the specs are
 * already linted by `redocly lint` in the generate pipeline.
 */
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import { Ajv2020, type Options as AjvOptions } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { OPERATIONS, SPECS, type ApiName, type JsonObject, type OperationMeta } from './spec.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule.default }).default;

export interface ValidationIssue {
  location: 'body' | 'query' | 'path' | 'header' | 'request';
  /** Dotted field path inside its location, e.g. `postTextMessage.type`; '' for the whole body. */
  field: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export interface RawRequest {
  method: string;
  /** The spec path (without the mount prefix), raw (still percent-encoded). */
  path: string;
  /** The raw query string without `?`. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const ANNOTATIONS = new Set(['description', 'summary', 'title', 'example', 'examples', 'deprecated']);

function withoutRefSiblings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRefSiblings);
  if (!node || typeof node !== 'object') return node;
  const obj = node as JsonObject;
  if (typeof obj.$ref === 'string') {
    const kept = Object.keys(obj).filter((k) => k !== '$ref' && !ANNOTATIONS.has(k));
    if (kept.length === 0) return { $ref: obj.$ref };
    return { allOf: [{ $ref: obj.$ref }], ...Object.fromEntries(kept.map((k) => [k, withoutRefSiblings(obj[k])])) };
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, withoutRefSiblings(v)]));
}

/** openapi-backend asks for a fresh Ajv per validator; sharing one per option set cuts compile time ~5x. */
function ajvFactory() {
  const cache = new Map<string, Ajv2020>();
  return (_original: unknown, options: AjvOptions) => {
    const key = JSON.stringify(options);
    let ajv: Ajv2020 | undefined = cache.get(key);
    if (!ajv) {
      ajv = new Ajv2020({ ...options, strict: false, allErrors: true });
      addFormats(ajv);
      // OpenAPI's numeric formats: the range checks that matter are in the schemas themselves.
      for (const f of ['int32', 'int64', 'float', 'double']) ajv.addFormat(f, { type: 'number', validate: () => true });
      cache.set(key, ajv);
    }
    return ajv as never;
  };
}

export class SpecValidator {
  readonly #backend: OpenAPIBackend;
  /** openapi-backend's getOperation(id) rebuilds every operation per call (~10 µs); look them up once. */
  readonly #operations = new Map<string, Operation>();

  constructor(readonly api: ApiName) {
    this.#backend = new OpenAPIBackend({
      definition: withoutRefSiblings(SPECS[api]) as Document,
      quick: true,
      strict: true,
      validate: true,
      coerceTypes: true,
      customizeAjv: ajvFactory(),
    });
  }

  async init(precompileResponses = false): Promise<this> {
    await this.#backend.init();
    for (const op of this.#backend.getOperations()) if (op.operationId) this.#operations.set(op.operationId, op);
    for (const op of OPERATIONS) {
      if (op.api !== this.api) continue;
      this.#backend.validator.getRequestValidatorsForOperation(op.operationId);
      if (precompileResponses) this.#backend.validator.getStatusBasedResponseValidatorForOperation(op.operationId);
    }
    return this;
  }

  /** Issues of a request, or [] when it is valid; `coerced` receives typed query parameters. */
  validateRequest(op: OperationMeta, req: RawRequest): { issues: ValidationIssue[]; query: Record<string, unknown> } {
    const result = this.#backend.validator.validateRequest(
      { method: req.method.toLowerCase(), path: req.path, query: req.query, headers: req.headers as Record<string, string>, body: req.body as never },
      this.#operations.get(op.operationId) ?? op.operationId,
    );
    const issues = (result.errors ?? []).map(toIssue);
    return { issues, query: (result.coerced?.query as Record<string, unknown> | undefined) ?? {} };
  }

  /**
   * Errors of a response body against the spec's schema for that status ([] when valid). Returns null
   * when the spec declares no schema for the status.
   */
  validateResponse(operationId: string, status: number, body: unknown): ValidationIssue[] | null {
    const map = this.#backend.validator.getStatusBasedResponseValidatorForOperation(operationId);
    const validate = map?.[String(status)];
    if (!validate) return null;
    validate(body === undefined ? null : body);
    return (validate.errors ?? []).map(toIssue);
  }
}

function toIssue(e: { instancePath: string; keyword: string; message?: string; params: unknown }): ValidationIssue {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const head = parts.shift() ?? '';
  const location: ValidationIssue['location'] =
    head === 'requestBody' ? 'body' : head === 'query' ? 'query' : head === 'path' ? 'path' : head === 'header' ? 'header' : 'request';
  const params = (e.params && typeof e.params === 'object' ? e.params : {}) as Record<string, unknown>;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') parts.push(params.missingProperty);
  const rest = location === 'request' && head ? [head, ...parts] : parts;
  return { location, field: rest.join('.'), keyword: e.keyword, message: e.message ?? e.keyword, params };
}

const validators = new Map<ApiName, Promise<SpecValidator>>();

/**
 * The validators of one API, compiled once per process and shared by every mock server in it
 * (compiling the three specs' request validators takes ~0.5 s).
 */
export function specValidator(api: ApiName): Promise<SpecValidator> {
  let v = validators.get(api);
  if (!v) {
    v = new SpecValidator(api).init();
    validators.set(api, v);
    v.catch(() => validators.delete(api));
  }
  return v;
}
