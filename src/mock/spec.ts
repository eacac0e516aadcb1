/**
 * The bundled specs the mock serves (generated/<api>/openapi.json) and the per-operation facts the
 * pipeline needs, read from the specs rather than restated: route, auth scheme, required scopes,
 * whether a body is expected.
 */
import textbotsSpec from '../../generated/textbots/openapi.json' with { type: 'json' };
import webchatSpec from '../../generated/webchat/openapi.json' with { type: 'json' };
import botmessageSpec from '../../generated/botmessage/openapi.json' with { type: 'json' };
import type { Vendor } from './errors.js';

export type ApiName = 'textbots' | 'webchat' | 'botmessage';

export type JsonObject = Record<string, unknown>;

export const SPECS: Readonly<Record<ApiName, JsonObject>> = {
  textbots: textbotsSpec as unknown as JsonObject,
  webchat: webchatSpec as unknown as JsonObject,
  botmessage: botmessageSpec as unknown as JsonObject,
};

/** Where each API is mounted on the mock's single origin (myKaarma's server URL ends in /communications). */
export const MOUNT: Readonly<Record<ApiName, string>> = { textbots: '', webchat: '', botmessage: '/communications' };

export type AuthScheme = 'oauth' | 'guest' | 'basic' | 'none';

export interface OperationMeta {
  api: ApiName;
  vendor: Vendor;
  operationId: string;
  /** Upper case. */
  method: string;
  /** The spec's path template, e.g. `/api/v2/webchat/deployments/{deploymentId}`. */
  specPath: string;
  /** The path template as served, i.e. with the API's mount prefix. */
  servedPath: string;
  auth: AuthScheme;
  /** OAuth only: alternatives, any one of which is enough (e.g. [['web-chat'], ['web-chat:readonly']]). */
  scopeAlternatives: string[][];
  hasBody: boolean;
  bodyRequired: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function asObject(v: unknown): JsonObject {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
}

function authOf(doc: JsonObject, security: Array<Record<string, string[]>>): { auth: AuthScheme; scopes: string[][] } {
  const schemes = asObject(asObject(doc.components).securitySchemes);
  if (security.length === 0) return { auth: 'none', scopes: [] };
  const scopes: string[][] = [];
  let auth: AuthScheme = 'none';
  for (const requirement of security) {
    for (const [name, needed] of Object.entries(requirement)) {
      const scheme = asObject(schemes[name]);
      if (scheme.type === 'oauth2') {
        auth = 'oauth';
        scopes.push(needed);
      } else if (scheme.type === 'http' && scheme.scheme === 'basic') {
        auth = 'basic';
      } else if (scheme.type === 'http' && scheme.scheme === 'bearer') {
        auth = 'guest';
      }
    }
  }
  return { auth, scopes };
}

function operationsOf(api: ApiName): OperationMeta[] {
  const doc = SPECS[api];
  const globalSecurity = (doc.security as Array<Record<string, string[]>> | undefined) ?? [];
  const out: OperationMeta[] = [];
  for (const [specPath, item] of Object.entries(asObject(doc.paths))) {
    for (const method of METHODS) {
      const op = asObject(asObject(item)[method]);
      if (typeof op.operationId !== 'string') continue;
      const security = (op.security as Array<Record<string, string[]>> | undefined) ?? globalSecurity;
      const { auth, scopes } = authOf(doc, security);
      const body = op.requestBody ? asObject(op.requestBody) : undefined;
      out.push({
        api,
        vendor: api === 'botmessage' ? 'mykaarma' : 'genesys',
        operationId: op.operationId,
        method: method.toUpperCase(),
        specPath,
        servedPath: MOUNT[api] + specPath,
        auth,
        scopeAlternatives: scopes,
        hasBody: body !== undefined,
        bodyRequired: body?.required === true,
      });
    }
  }
  return out;
}

/** Every operation of the three specs (22). */
export const OPERATIONS: ReadonlyArray<OperationMeta> = (['textbots', 'webchat', 'botmessage'] as const).flatMap(operationsOf);
