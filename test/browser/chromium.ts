/**
 * Debian's Chromium driven by playwright-core, and what every browser test watches on a page: requests
 * that leave loopback (recorded and aborted) and console errors.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** Installed by the system package manager (`.ci/run` installs it); never by `playwright install`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Headless, no sandbox (containers), and none of Chromium's own background traffic, so every request
    // seen is one the page made.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export interface PageWatch {
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Requests to anything but the allowed origins (aborted). */
  outside: string[];
  /** Console errors (with the URL that logged them) and uncaught exceptions. */
  errors: string[];
}

/** Inline data needs no network; everything else must go to one of `origins`. */
function allowed(url: string, origins: readonly string[]): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  return origins.includes(new URL(url).origin);
}

/**
 * Records what `page` does from now on. Requests (and websockets) to other origins than `origins` are
 * aborted, so a page that depends on them also shows it in its rendering and console.
 */
export async function watchPage(page: Page, origins: readonly string[]): Promise<PageWatch> {
  const watch: PageWatch = { requests: [], outside: [], errors: [] };
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    watch.requests.push(url);
    if (allowed(url, origins)) return route.continue();
    watch.outside.push(url);
    return route.abort('blockedbyclient');
  });
  await page.routeWebSocket(/.*/, (ws) => {
    const url = ws.url();
    watch.requests.push(url);
    if (origins.includes(new URL(url.replace(/^ws/, 'http')).origin)) return ws.connectToServer();
    watch.outside.push(url);
    return ws.close();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`${message.text()} (${message.location().url || 'no url'})`);
  });
  page.on('pageerror', (error) => watch.errors.push(`uncaught: ${error.message}`));
  return watch;
}
