/**
 * `raw`: openapi-fetch's client as is, loaded on the first call. Its methods return promises anyway,
 * so waiting for the module first changes nothing for a caller, and a page that never touches `raw`
 * does not ship openapi-fetch. Middleware registered before the load is applied, in order, on load.
 */
import type { Client, ClientOptions, Middleware } from 'openapi-fetch';

const METHODS = ['request', 'GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

export function lazyRawClient<Paths extends object>(options: ClientOptions, middleware: readonly Middleware[]): Client<Paths> {
  let pending = [...middleware];
  let loaded: Client<Paths> | undefined;
  let loading: Promise<Client<Paths>> | undefined;
  const load = (): Promise<Client<Paths>> =>
    (loading ??= import('openapi-fetch').then(({ default: createClient }) => {
      loaded = createClient<Paths>(options);
      loaded.use(...pending);
      pending = [];
      return loaded;
    }));
  const raw: Record<string, unknown> = {
    use(...added: Middleware[]) {
      if (loaded) loaded.use(...added);
      else pending.push(...added);
    },
    eject(...removed: Middleware[]) {
      if (loaded) loaded.eject(...removed);
      else pending = pending.filter((m) => !removed.includes(m));
    },
  };
  for (const method of METHODS) raw[method] = async (...args: unknown[]) => ((await load())[method] as (...a: unknown[]) => unknown)(...args);
  return raw as unknown as Client<Paths>;
}
