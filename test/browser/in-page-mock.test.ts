/**
 * The mock without a server: a page bundles the mock's core (the `browser` build of `bot-apis/mock`)
 * with the guest chat client, and holds a whole guest chat against it in headless Chromium. The only
 * server is the static one that serves the page; the test checks that nothing else is requested.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentAnswer } from '../../src/mock/webchat/agent.js';
import { guardPage, launchChromium, type PageWatch } from './chromium.js';
import { bundlePage, type PageFiles } from './page-bundle.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const TEXT = 'Can I book an appointment for my car?';

async function pageFiles(): Promise<{ files: PageFiles; inputs: string[] }> {
  return bundlePage('in-page-mock', fixture('in-page-mock-page.ts'), await readFile(fixture('in-page-mock.html')));
}

let browser: Browser;
let site: StaticServer;
let page: Page;
let watch: PageWatch;
let inputs: string[];

beforeAll(async () => {
  const [launched, built] = await Promise.all([launchChromium(), pageFiles()]);
  browser = launched;
  inputs = built.inputs;
  site = await startStaticServer({ files: built.files });
  page = await browser.newPage();
  watch = await guardPage(page, [site.origin]);
  await page.goto(`${site.origin}/in-page-mock.html?${new URLSearchParams({ text: TEXT })}`);
  await page.locator('#status', { hasText: /^(done|error)/ }).waitFor({ timeout: 15_000 });
}, 30_000);

afterAll(async () => {
  await page?.close();
  await Promise.all([browser?.close(), site?.close()]);
});

describe('a guest chat against the mock inside the page', () => {
  it('bundles the mock core without the node:http server, ws or any node: module', () => {
    expect(inputs.some((path) => path.endsWith('src/mock/core.ts'))).toBe(true);
    expect(inputs.filter((path) => /src\/mock\/(server|edge|respond|node-exchange)\.ts$|webchat\/events\.ts$|node_modules\/ws\//.test(path))).toEqual([]);
    expect(inputs.filter((path) => path.startsWith('node:'))).toEqual([]);
  });

  it('creates a chat, types, sends and reads the agent answer, then leaves', async () => {
    expect(await page.locator('#status').innerText()).toBe('done');
    const lines = await page.locator('#transcript li').allInnerTexts();
    const mine = lines.indexOf(`CUSTOMER: ${TEXT}`);
    expect(mine, lines.join('\n')).toBeGreaterThanOrEqual(0);
    expect(lines.slice(mine + 1)).toContain(`AGENT: ${agentAnswer(TEXT, 'Guest')}`);
    const counts = JSON.parse((await page.locator('body').getAttribute('data-counts')) ?? '{}') as Record<string, number>;
    expect(counts).toEqual({
      postWebchatGuestConversations: 1,
      postWebchatGuestConversationMemberTyping: 1,
      postWebchatGuestConversationMemberMessages: 1,
      deleteWebchatGuestConversationMember: 1,
    });
  });

  it('requested nothing but the page and its bundle, and logged no error', () => {
    expect(watch.requests.every((url) => url.startsWith(site.origin))).toBe(true);
    expect(watch.outside).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
