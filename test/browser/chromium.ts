/**
 * Debian's Chromium driven by playwright-core, and what every browser test watches on a page: requests
 * that leave loopback and console errors.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** Installed by the system package manager (`.ci/run` installs it); never by `playwright install`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, no sandbox (containers), none of Chromium's own background traffic (so every request seen
 * is one the page made), and a proxy on a closed loopback port for everything but 127.0.0.1: whatever a
 * test does not route still cannot reach another host.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    proxy: { server: 'http://127.0.0.1:9', bypass: '127.0.0.1' },
  });
}

export interface PageWatch {
  /** Every URL the page requested (websockets included), in order. */
  requests: string[];
  /** Requests to anything but the allowed origins. */
  outside: string[];
  /** Console errors (with the URL that logged them) and uncaught exceptions. */
  errors: string[];
}

function isAllowed(url: string, origins: readonly string[]): boolean {
  // Inline data needs no network.
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  return origins.includes(new URL(url.replace(/^ws(s?):/, 'http$1:')).origin);
}

function watchConsole(page: Page, watch: PageWatch): void {
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => watch.errors.push(`uncaught: ${error.message}`));
}

/**
 * Records what `page` does from now on, through request interception: a request (or websocket) to
 * another origin than `origins` is recorded and aborted, so a page that depends on one also shows it in
 * its rendering and console.
 */
export async function guardPage(page: Page, origins: readonly string[]): Promise<PageWatch> {
  const watch: PageWatch = { requests: [], outside: [], errors: [] };
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    watch.requests.push(url);
    if (isAllowed(url, origins)) return route.continue();
    watch.outside.push(url);
    return route.abort('blockedbyclient');
  });
  await page.routeWebSocket(/.*/, (ws) => {
    watch.requests.push(ws.url());
    if (isAllowed(ws.url(), origins)) return ws.connectToServer();
    watch.outside.push(ws.url());
    return ws.close();
  });
  watchConsole(page, watch);
  return watch;
}

/**
 * Records what `page` does from now on without intercepting anything (requests elsewhere fail at the
 * launch proxy). For cross-origin calls: while any route is set, Playwright answers CORS preflights
 * itself, so the server's own preflight answer would go untested.
 */
export function observePage(page: Page, origins: readonly string[]): PageWatch {
  const watch: PageWatch = { requests: [], outside: [], errors: [] };
  const record = (url: string) => {
    watch.requests.push(url);
    if (!isAllowed(url, origins)) watch.outside.push(url);
  };
  page.on('request', (request) => record(request.url()));
  page.on('websocket', (ws) => record(ws.url()));
  watchConsole(page, watch);
  return watch;
}
