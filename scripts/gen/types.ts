import type { JsonObject } from '../lib/spec-model.ts';
import type { ApiDef } from '../lib/apis.ts';

/** What every generator step gets: one API's bundled document and where it came from. */
export interface ApiContext {
  api: ApiDef;
  /** Bundled spec, keys sorted, without the provenance block. */
  doc: JsonObject;
  /** sha256 of the bundled spec. */
  specHash: string;
  specVersion: string;
}

export interface OutputFile {
  /** Path relative to the repository root. */
  path: string;
  content: string;
}
