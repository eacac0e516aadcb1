import { readFileSync } from 'node:fs';

export type Schema = Record<string, any>;

/** The bundled spec of one API, as generated/ holds it. */
export function loadBundle(api: 'textbots' | 'webchat' | 'botmessage'): Schema {
  return JSON.parse(readFileSync(new URL(`../../generated/${api}/openapi.json`, import.meta.url), 'utf8')) as Schema;
}

export function schemasOf(api: 'textbots' | 'webchat' | 'botmessage'): Record<string, Schema> {
  return loadBundle(api).components.schemas as Record<string, Schema>;
}
