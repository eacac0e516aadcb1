/**
 * Maps method + raw path to an operation of the bundled specs. Built once from the specs' path
 * templates; matching is a scan of at most a handful of candidates with the same method and depth
 * (openapi-backend's own matcher costs ~85 µs per request, too slow for the throughput goal).
 *
 * Path parameters are percent-decoded here and refused when the decoded value could change the
 * meaning of the path (`..`, `.`, `/`, `\`, control characters): `..%2F..%2Fsettings` must not reach
 * a handler as an id.
 */
import type { Vendor } from './errors.js';
import type { OperationMeta } from './spec.js';

type Segment = { literal: string } | { param: string };

interface Route {
  op: OperationMeta;
  segments: Segment[];
}

export type RouteResult =
  | { kind: 'operation'; op: OperationMeta; params: Record<string, string>; specPath: string }
  | { kind: 'oauth-token' }
  | { kind: 'unknown'; vendor: Vendor }
  | { kind: 'bad-param'; op: OperationMeta; param: string; value: string };

export const OAUTH_TOKEN_PATH = '/oauth/token';

// Dot segments, separators and control characters: nothing an id may legitimately contain.
const UNSAFE = /^\.{1,2}$|[/\\\u0000-\u001f\u007f]/;

export function vendorOfPath(path: string): Vendor {
  if (path === '/communications' || path.startsWith('/communications/')) return 'mykaarma';
  if (path.startsWith('/oauth/')) return 'oauth';
  return 'genesys';
}

export class Router {
  readonly #byMethod = new Map<string, Map<number, Route[]>>();

  constructor(operations: ReadonlyArray<OperationMeta>) {
    for (const op of operations) {
      const segments: Segment[] = op.servedPath
        .split('/')
        .slice(1)
        .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }));
      let byDepth = this.#byMethod.get(op.method);
      if (!byDepth) this.#byMethod.set(op.method, (byDepth = new Map()));
      const list = byDepth.get(segments.length) ?? [];
      list.push({ op, segments });
      byDepth.set(segments.length, list);
    }
  }

  match(method: string, rawPath: string): RouteResult {
    let path = rawPath;
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    if (path === OAUTH_TOKEN_PATH && method === 'POST') return { kind: 'oauth-token' };
    const parts = path.split('/').slice(1);
    const candidates = this.#byMethod.get(method)?.get(parts.length);
    if (candidates) {
      for (const route of candidates) {
        const result = this.#tryRoute(route, parts);
        if (result) return result;
      }
    }
    return { kind: 'unknown', vendor: vendorOfPath(path) };
  }

  #tryRoute(route: Route, parts: string[]): RouteResult | undefined {
    const params: Record<string, string> = {};
    let bad: { param: string; value: string } | undefined;
    for (let i = 0; i < route.segments.length; i++) {
      const seg = route.segments[i] as Segment;
      const raw = parts[i] as string;
      if ('literal' in seg) {
        if (seg.literal !== raw) return undefined;
        continue;
      }
      if (raw === '') return undefined;
      let value: string;
      try {
        value = decodeURIComponent(raw);
      } catch {
        value = raw;
        bad ??= { param: seg.param, value: raw };
      }
      if (UNSAFE.test(value)) bad ??= { param: seg.param, value };
      params[seg.param] = value;
    }
    if (bad) return { kind: 'bad-param', op: route.op, ...bad };
    const mountLength = route.op.servedPath.length - route.op.specPath.length;
    return { kind: 'operation', op: route.op, params, specPath: ('/' + parts.join('/')).slice(mountLength) };
  }
}
