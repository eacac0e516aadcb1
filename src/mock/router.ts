/**
 * Maps method + raw path to an operation of the generated tables ({@link OPERATIONS}). Built once;
 * matching is a scan of at most a handful of candidates with the same method and depth.
 *
 * Path parameters are percent-decoded here and refused when the decoded value could change the
 * meaning of the path (`..`, `.`, `/`, `\`, control characters): `..%2F..%2Fsettings` must not reach
 * a handler as an id.
 */
import { OAUTH_TOKEN_PATH, profileOfPath, type ServedOperation } from './apis.js';
import type { Profile } from './profiles/profile.js';

type Segment = { literal: string } | { param: string };

interface Route {
  op: ServedOperation;
  segments: Segment[];
}

export type RouteResult =
  | { kind: 'operation'; op: ServedOperation; params: Record<string, string> }
  | { kind: 'oauth-token' }
  | { kind: 'unknown'; profile: Profile }
  | { kind: 'bad-param'; op: ServedOperation; param: string; value: string };

// Empty values, dot segments, separators and control characters: nothing an id may legitimately be or contain.
const UNSAFE = /^$|^\.{1,2}$|[/\\\u0000-\u001f\u007f]/;

export class Router {
  readonly #byMethod = new Map<string, Map<number, Route[]>>();

  constructor(operations: readonly ServedOperation[]) {
    for (const op of operations) {
      const segments: Segment[] = op.path
        .split('/')
        .slice(1)
        .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }));
      let byDepth = this.#byMethod.get(op.def.method);
      if (!byDepth) this.#byMethod.set(op.def.method, (byDepth = new Map()));
      const list = byDepth.get(segments.length) ?? [];
      list.push({ op, segments });
      byDepth.set(segments.length, list);
    }
  }

  /**
   * An empty segment is an empty path parameter (refused as the client refuses it), so the path is
   * matched as sent first; only when nothing matches is a trailing slash dropped (`/settings/`).
   */
  match(method: string, rawPath: string): RouteResult {
    const trimmed = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    if (trimmed === OAUTH_TOKEN_PATH && method === 'POST') return { kind: 'oauth-token' };
    return this.#match(method, rawPath) ?? (trimmed !== rawPath ? this.#match(method, trimmed) : undefined) ?? { kind: 'unknown', profile: profileOfPath(trimmed) };
  }

  #match(method: string, path: string): RouteResult | undefined {
    const parts = path.split('/').slice(1);
    for (const route of this.#byMethod.get(method)?.get(parts.length) ?? []) {
      const result = tryRoute(route, parts);
      if (result) return result;
    }
    return undefined;
  }
}

function tryRoute(route: Route, parts: string[]): RouteResult | undefined {
  const params: Record<string, string> = {};
  let bad: { param: string; value: string } | undefined;
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    const raw = parts[i]!;
    if ('literal' in seg) {
      if (seg.literal !== raw) return undefined;
      continue;
    }
    let value = raw;
    if (raw.includes('%')) {
      try {
        value = decodeURIComponent(raw);
      } catch {
        bad ??= { param: seg.param, value: raw };
      }
    }
    if (UNSAFE.test(value)) bad ??= { param: seg.param, value };
    params[seg.param] = value;
  }
  return bad ? { kind: 'bad-param', op: route.op, ...bad } : { kind: 'operation', op: route.op, params };
}
