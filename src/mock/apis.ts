/**
 * The APIs the mock serves, one row each: its generated operation table (routing, auth kind, scopes,
 * body, success status: all from `generated/<api>/operations.ts`), where it is mounted (the path of the
 * spec's server URL, e.g. myKaarma's `/communications`) and the profile that speaks its dialect.
 * Nothing here restates the spec.
 */
import type { OperationDef, OperationFacts } from '../core/operation.js';
import * as botmessage from '../../generated/botmessage/operations.js';
import * as textbots from '../../generated/textbots/operations.js';
import * as webchat from '../../generated/webchat/operations.js';
import { genesys } from './profiles/genesys.js';
import { mykaarma } from './profiles/mykaarma.js';
import { oauth } from './profiles/oauth.js';
import type { Profile, ProfileName } from './profiles/profile.js';

export type ApiName = 'textbots' | 'webchat' | 'botmessage';

export interface MockApi {
  readonly name: ApiName;
  readonly profile: Profile;
  /** Path prefix on the mock's origin: the path of the spec's server URL (`''` for Genesys). */
  readonly mount: string;
  readonly operations: Readonly<Record<string, OperationDef>>;
  /** The spec's other facts per operation: scope alternatives, success status. */
  readonly facts: Readonly<Record<string, OperationFacts>>;
  /** The vendor's real origins of the API (every region), where the MSW handlers answer by default. */
  readonly origins: readonly string[];
}

/** `https://api.{domain}` → `''`; `https://api.mykaarma.com/communications` → `/communications`. */
export function mountOf(serverUrl: string): string {
  return serverUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/\/+$/, '');
}

/** Every origin a spec's server URL can take (`https://api.{domain}` with each region of its enum). */
export function originsOf(server: { url: string; variables: Readonly<Record<string, { default: string; enum?: readonly string[] }>> }): string[] {
  let urls = [server.url];
  for (const [name, variable] of Object.entries(server.variables)) {
    const values = variable.enum ?? [variable.default];
    urls = urls.flatMap((url) => values.map((value) => url.replaceAll(`{${name}}`, value)));
  }
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

export const APIS: readonly MockApi[] = [
  { name: 'textbots', profile: genesys, mount: mountOf(textbots.server.url), operations: textbots.operations, facts: textbots.operationFacts, origins: originsOf(textbots.server) },
  { name: 'webchat', profile: genesys, mount: mountOf(webchat.server.url), operations: webchat.operations, facts: webchat.operationFacts, origins: originsOf(webchat.server) },
  { name: 'botmessage', profile: mykaarma, mount: mountOf(botmessage.server.url), operations: botmessage.operations, facts: botmessage.operationFacts, origins: originsOf(botmessage.server) },
];

/** The login host's token endpoint (no spec: Genesys documents it apart from the API). */
export const OAUTH_TOKEN_PATH = '/oauth/token';

export const PROFILES = { genesys, mykaarma, oauth } as const satisfies Readonly<Record<ProfileName, Profile>>;

/** The API that serves unmounted paths (its profile answers unknown routes there). */
const ROOT_API = APIS.find((api) => api.mount === '') ?? APIS[0]!;
const MOUNTED = APIS.filter((api) => api.mount !== '').sort((a, b) => b.mount.length - a.mount.length);

/** The profile a path belongs to, also for paths no operation matches (a 404 in the right shape). */
export function profileOfPath(path: string): Profile {
  for (const api of MOUNTED) if (path === api.mount || path.startsWith(`${api.mount}/`)) return api.profile;
  if (path.startsWith('/oauth/')) return oauth;
  return ROOT_API.profile;
}

/** One operation as served: its API and the operation table's row. */
export interface ServedOperation {
  readonly api: MockApi;
  readonly def: OperationDef;
  readonly facts: OperationFacts;
  /** `def.path` with the API's mount prefix. */
  readonly path: string;
}

/** Every operation of every API (22), in table order. */
export const OPERATIONS: readonly ServedOperation[] = APIS.flatMap((api) => Object.values(api.operations).map((def) => ({ api, def, facts: api.facts[def.id]!, path: api.mount + def.path })));

/** The served operation of an operationId. */
export function servedOperation(operationId: string): ServedOperation | undefined {
  return OPERATIONS.find((op) => op.def.id === operationId);
}

/** Base URLs per service on one origin: the Genesys API host, myKaarma (its mount) and the login host. */
export function serviceUrls(origin: string): { genesys: string; mykaarma: string; login: string } {
  const mountOfApi = (name: ApiName) => APIS.find((api) => api.name === name)?.mount ?? '';
  return { genesys: origin + mountOfApi('webchat'), mykaarma: origin + mountOfApi('botmessage'), login: origin };
}
