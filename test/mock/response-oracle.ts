/**
 * Checks the mock's answers against the bundled specs with Ajv (JSON Schema 2020-12), compiled straight
 * from `generated/<api>/openapi.json`: an oracle independent of the rule set the mock itself checks
 * requests with.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { NUMBER_FORMATS, STRING_FORMATS } from '../../src/core/rules-formats.js';
import { loadBundle, type Schema } from '../helpers/specs.js';

export type ApiName = 'textbots' | 'webchat' | 'botmessage';

const DOC_ID = 'https://oracle.invalid/doc';

function deref(doc: Schema, node: Schema | undefined): Schema | undefined {
  let n = node;
  while (n && typeof n.$ref === 'string') n = n.$ref.slice(2).split('/').reduce((o: Schema, k: string) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return n;
}

const absolute = (schema: Schema): Schema => JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, `"${DOC_ID}#/components/schemas/`)) as Schema;

export class ResponseOracle {
  readonly #doc: Schema;
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction | null | undefined>();

  constructor(api: ApiName) {
    this.#doc = loadBundle(api);
    // The formats the rule set defines (what the mock accepts is what it may answer); others are annotations.
    this.#ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });
    for (const [name, check] of Object.entries(STRING_FORMATS)) this.#ajv.addFormat(name, check);
    for (const [name, check] of Object.entries(NUMBER_FORMATS)) this.#ajv.addFormat(name, { type: 'number', validate: check });
    this.#ajv.addSchema({ $id: DOC_ID, components: { schemas: this.#doc.components.schemas } });
  }

  /** Issues of a response body ([] when valid); null when the spec declares no such status. */
  validateResponse(operationId: string, status: number, body: unknown): string[] | null {
    const key = `${operationId} ${status}`;
    if (!this.#compiled.has(key)) this.#compiled.set(key, this.#compile(operationId, status));
    const validate = this.#compiled.get(key);
    if (validate === null || validate === undefined) return validate === null && this.#declares(operationId, status) ? [] : null;
    validate(body === undefined ? null : body);
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }

  #operation(operationId: string): Schema | undefined {
    for (const item of Object.values(this.#doc.paths as Record<string, Schema>)) {
      for (const op of Object.values(item)) if ((op as Schema)?.operationId === operationId) return op as Schema;
    }
    return undefined;
  }

  #declares(operationId: string, status: number): boolean {
    return this.#operation(operationId)?.responses?.[String(status)] !== undefined;
  }

  /** The status's JSON schema compiled; null when the status has no body (204). */
  #compile(operationId: string, status: number): ValidateFunction | null | undefined {
    const response = deref(this.#doc, this.#operation(operationId)?.responses?.[String(status)]);
    if (!response) return undefined;
    const schema = response.content?.['application/json']?.schema as Schema | undefined;
    return schema ? this.#ajv.compile(absolute(schema)) : null;
  }
}
