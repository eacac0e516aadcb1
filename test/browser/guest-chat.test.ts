/**
 * The guest chat client in a real browser: a page (fixtures/guest-chat.html) loads the esbuild browser
 * build of createGuestChatClient from one 127.0.0.1 port and chats with the mock server on another, so
 * every call is cross-origin (CORS preflights included). The page polls the messages API (its event
 * stream counterpart is guest-events.test.ts), so the mock routes chats without an event stream.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { agentAnswer } from '../../src/mock/webchat/agent.js';
import { launchChromium, observePage, type PageWatch } from './chromium.js';
import { bundlePage, type PageFiles } from './page-bundle.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The page and its bundle, held in memory. */
async function pageFiles(): Promise<PageFiles> {
  return (await bundlePage('guest-chat', fixture('guest-chat-page.ts'), await readFile(fixture('guest-chat.html')))).files;
}

let browser: Browser;
let mock: MockServer;
let site: StaticServer;

beforeAll(async () => {
  let files: PageFiles;
  [browser, mock, files] = await Promise.all([launchChromium(), startMockServer({ port: 0, routeWithoutEventStream: true }), pageFiles()]);
  site = await startStaticServer({ files });
}, 20_000);

afterAll(async () => {
  await Promise.all([browser?.close(), mock?.close(), site?.close()]);
});

describe('guest chat in Chromium against the mock server', () => {
  const text = 'Can I book an appointment for my car?';
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    page = await browser.newPage();
    watch = observePage(page, [site.origin, mock.url]);
    const f = mock.fixtures.webchat;
    const query = new URLSearchParams({ api: mock.url, org: f.organizationId, deployment: f.deploymentId, queue: f.queueName });
    await page.goto(`${site.origin}/guest-chat.html?${query}`);
    await page.locator('#status', { hasText: 'ready' }).waitFor();
  }, 10_000);

  afterAll(() => page?.close());

  it('is served from another origin than the API', () => {
    expect(new URL(site.origin).hostname).toBe('127.0.0.1');
    expect(new URL(mock.url).hostname).toBe('127.0.0.1');
    expect(site.origin).not.toBe(mock.url);
  });

  it('creates a chat, sends the message and shows it with the agent answer', async () => {
    await page.locator('#text').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#status', { hasText: /^(answered|error)/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#status').innerText()).toBe('answered');

    const lines = await page.locator('#transcript li').allInnerTexts();
    const mine = lines.indexOf(`CUSTOMER: ${text}`);
    expect(mine, lines.join('\n')).toBeGreaterThanOrEqual(0);
    expect(lines.slice(mine + 1)).toContain(`AGENT: ${agentAnswer(text, 'Guest')}`);
  }, 15_000);

  it('leaves the chat', async () => {
    await page.locator('#leave').click();
    await page.locator('#status', { hasText: /^(left|error)/ }).waitFor();
    expect(await page.locator('#status').innerText()).toBe('left');
  });

  it('made each call once, cross-origin: the browser sent CORS preflights and accepted the answers', () => {
    expect(mock.requestCount('postWebchatGuestConversations')).toBe(1);
    expect(mock.requestCount('postWebchatGuestConversationMemberTyping')).toBe(1);
    expect(mock.requestCount('postWebchatGuestConversationMemberMessages')).toBe(1);
    expect(mock.requestCount('getWebchatGuestConversationMessages')).toBeGreaterThanOrEqual(1);
    expect(mock.requestCount('deleteWebchatGuestConversationMember')).toBe(1);
    expect(mock.requestCount('preflight')).toBeGreaterThanOrEqual(1);
    expect(mock.requestCount('unknown')).toBe(0);
  });

  it('logged no console error and requested nothing outside 127.0.0.1', () => {
    expect(watch.requests).toContain(`${site.origin}/guest-chat.js`);
    expect(watch.requests.some((url) => url.startsWith(`${mock.url}/api/v2/webchat/guest/conversations`))).toBe(true);
    expect(watch.outside).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
