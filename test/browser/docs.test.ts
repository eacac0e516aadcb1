/**
 * The Redocly pages in generated/ in a real browser: every operation of the spec is on its page, the
 * interactive parts work (schema rows, response tabs, search), nothing is logged as an error and no
 * request leaves 127.0.0.1; the index page's links all resolve.
 *
 * The package root is served (pages at /generated/…) so that index.html's `../README.md` reaches the
 * package README, as it does in a checkout.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIS } from '../../scripts/lib/apis.js';
import { loadBundle, type Schema } from '../helpers/specs.js';
import { guardPage, launchChromium, type PageWatch } from './chromium.js';
import { childrenOfRow, deref, jsonSchema, operationsOf, parseRowId, propertiesOf, type SpecOperation } from './docs-spec.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startStaticServer({ root: PACKAGE_ROOT })]);
}, 20_000);

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

async function openPage(path: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watch = await guardPage(page, [server.origin]);
  await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
  return { page, watch };
}

/** Text of visible elements, whitespace squeezed (Redoc splits text into many nodes). */
const visibleText = (locator: Locator) => locator.evaluateAll((els) => els.filter((el) => el.checkVisibility()).map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));

/** Id of the schema rows directly under `rowId` (an object's properties or an array's items'). */
function childRows(page: Page, rowId: string): Promise<string[]> {
  return page.locator(`[id^="${rowId}/"], [id^="${rowId}[]/"]`).evaluateAll(
    (els, prefix) =>
      els
        .filter((el) => el.checkVisibility())
        .map((el) => el.id.slice(prefix.length).replace(/^\[\]/, '').slice(1))
        .filter((rest) => !rest.includes('/')),
    rowId,
  );
}

describe.each(APIS.map((api) => api.name))('%s docs page', (api) => {
  const spec = loadBundle(api);
  const operations = operationsOf(spec);
  const tags = (spec.tags as Schema[]).map((tag) => tag.name as string);
  let page: Page;
  let watch: PageWatch;
  const menu = () => page.locator('[data-component-name="Menu/Menu"]');
  /** Sidebar link of an operation; its href is `#/<tag slug>/<operationId lower-cased>`. */
  const sidebarLink = (op: SpecOperation) => menu().locator(`a[href$="/${op.operationId.toLowerCase()}"]`);
  /** Redoc's id for an operation's section: the link's href without `#/`. */
  const sectionId = async (op: SpecOperation) => ((await sidebarLink(op).getAttribute('href')) ?? '').replace(/^#\//, '');

  /** Follows the operation's sidebar link; answers once its heading shows the summary. */
  async function goTo(op: SpecOperation): Promise<string> {
    await sidebarLink(op).click();
    const id = await sectionId(op);
    await expect.poll(() => headingOf(id), { timeout: 5000 }).toContain(op.summary);
    return id;
  }

  /**
   * Waits until the page has stopped scrolling: Redoc scrolls to a section shortly after navigating to
   * it, and that scroll closes a search dialog opened meanwhile.
   */
  async function settled(): Promise<void> {
    let last = Number.NaN;
    let unchanged = 0;
    const sample = async () => {
      const y = await page.evaluate(() => window.scrollY);
      unchanged = y === last ? unchanged + 1 : 0;
      last = y;
      return unchanged;
    };
    await expect.poll(sample, { timeout: 5000, interval: 100 }).toBeGreaterThanOrEqual(4);
  }

  /** The operation's heading, '' while its section is not rendered (Redoc renders sections lazily). */
  const headingOf = (id: string) => visibleText(page.locator(`[id="${id}"] h2`)).then((texts) => texts[0] ?? '');

  beforeAll(async () => {
    ({ page, watch } = await openPage(`/generated/${api}/docs.html`));
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Unfold the sidebar's tag groups (folded on load), which the tests below navigate by.
    for (const tag of tags) await menu().getByText(tag, { exact: true }).first().click();
  }, 20_000);

  afterAll(() => page?.close());

  it('has the title of the spec', async () => {
    await expect(page.title()).resolves.toBe(spec.info.title);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(spec.info.title);
  });

  it('lists every operation of the spec in the sidebar, with its summary and method, and nothing else', async () => {
    for (const op of operations) {
      const link = sidebarLink(op);
      await link.waitFor({ state: 'visible' });
      const text = (await link.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(op.summary);
      expect(text).toContain(op.method.toUpperCase());
    }
    const listed = await menu().locator('a[href^="#/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '').filter((href) => href.split('/').length === 3));
    expect(listed.map((href) => href.split('/')[2]).sort()).toEqual(operations.map((op) => op.operationId.toLowerCase()).sort());
  }, 15_000);

  it('renders each operation with its summary, method and path when its link is followed', async () => {
    for (const op of operations) {
      const id = await goTo(op);
      expect(new URL(page.url()).hash).toBe(`#/${id}`);
      const section = page.locator(`[id="${id}"]`);
      // The request panel on the right names the method and the path template.
      const endpoint = (await visibleText(section.locator('[data-testid="right-panel"] [data-component-name="Dropdown/Dropdown"] button'))).join(' ');
      expect(endpoint).toContain(op.method.toUpperCase());
      expect(endpoint).toContain(op.path);
    }
  }, 20_000);

  it('opens a collapsed schema row and shows the properties the spec gives it', async () => {
    for (const op of operations) {
      const id = await goTo(op);
      // A property whose nested schema is folded ("+ Show N properties").
      const row = page.locator(`[id^="${id}/t="]:has(> [data-schema-nested-open="false"])`).first();
      if ((await row.count()) === 0) continue;
      const rowId = (await row.getAttribute('id')) ?? '';
      // Pinned by id: once open, the row no longer matches `row`.
      const opened = page.locator(`[id="${rowId}"]`);
      const expected = childrenOfRow(spec, op.operation, parseRowId(rowId)).map((name) => name.toLowerCase());
      expect(expected.length).toBeGreaterThan(0);
      expect(await childRows(page, rowId)).toEqual([]);

      await opened.locator(':scope > [data-schema-nested-open="false"] > button').click();
      await opened.locator(':scope > [data-schema-nested-open="true"]').waitFor();
      await expect.poll(async () => (await childRows(page, rowId)).sort(), { timeout: 5000 }).toEqual([...expected].sort());
      return;
    }
    throw new Error(`no operation of ${api} has a folded schema row to open`);
  }, 15_000);

  it('switches the responses to another status and shows that response body', async () => {
    for (const op of operations) {
      const statuses = Object.keys(op.operation.responses as Schema);
      // The first tab is open already; take the next status whose body has properties.
      const status = statuses.slice(1).find((code) => Object.keys(propertiesOf(spec, jsonSchema(spec, (op.operation.responses as Schema)[code]), 'response')).length > 0);
      if (!status) continue;
      const id = await goTo(op);
      // Redoc lists the response headers first, as rows of the same kind as the body's properties.
      const response = deref(spec, (op.operation.responses as Schema)[status]);
      const expected = [...Object.keys(response?.headers ?? {}), ...Object.keys(propertiesOf(spec, jsonSchema(spec, response), 'response'))].map((name) => name.toLowerCase());
      const rows = page.locator(`[id^="${id}/t=response&c=${status}&path="]`);
      expect(await rows.count()).toBe(0);

      const tab = page.locator(`[id="${id}/responses"] [role="tab"]`, { hasText: new RegExp(`^${status}$`) });
      await tab.click();
      await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 5000 }).toBe('true');
      const prefix = `${id}/t=response&c=${status}&path=`;
      await expect
        .poll(async () => (await rows.evaluateAll((els, p) => els.filter((el) => el.checkVisibility()).map((el) => el.id.slice(p.length)).filter((rest) => !/[/[]/.test(rest)), prefix)).sort(), { timeout: 5000 })
        .toEqual(expected.sort());
      return;
    }
    throw new Error(`no operation of ${api} has a second response with a body`);
  }, 15_000);

  it('finds an operation by its summary in the search box, and the result navigates to it', async () => {
    const op = operations.at(-1)!;
    await settled();
    await page.getByTestId('search-trigger').click();
    const dialog = page.getByTestId('search-dialog');
    await dialog.locator('input').fill(op.summary);
    const id = await sectionId(op);
    // The first result is the operation (the index is built after load, so the first search can take a while).
    const results = dialog.locator('a[data-component-name="Search/SearchItem"]');
    await expect.poll(() => results.evaluateAll((as) => as[0]?.getAttribute('href')), { timeout: 10_000 }).toBe(`#/${id}`);
    const first = results.first();
    expect((await first.innerText()).replace(/\s+/g, ' ')).toContain(op.summary);

    await first.click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).hash).toBe(`#/${id}`);
    await expect.poll(() => headingOf(id), { timeout: 5000 }).toContain(op.summary);
    // Scrolled to: the heading is within the window.
    const heading = page.locator(`[id="${id}"] h2`).first();
    const height = page.viewportSize()?.height ?? 0;
    await expect.poll(() => heading.evaluate((el, h) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= h, height)).toBe(true);
  }, 20_000);

  // Last, so it covers everything the tests above made the page do.
  it('logged no console error and requested nothing outside 127.0.0.1', () => {
    expect(watch.requests).toContain(`${server.origin}/generated/${api}/docs.html`);
    expect(watch.outside).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});

describe('index page', () => {
  it('links the HTML docs, Markdown reference and spec of each API, and every link resolves', async () => {
    const { page, watch } = await openPage('/generated/index.html');
    try {
      const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const api of APIS) {
        for (const file of ['docs.html', 'REFERENCE.md', 'openapi.json']) expect(links).toContain(`${server.origin}/generated/${api.name}/${file}`);
      }
      const broken: string[] = [];
      for (const link of links) {
        const url = new URL(link);
        if (url.origin !== server.origin) broken.push(`${link} (not on this server)`);
        else if ((await fetch(url, { method: 'HEAD' })).status !== 200) broken.push(link);
      }
      expect(broken).toEqual([]);
      expect(watch.outside).toEqual([]);
      expect(watch.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
