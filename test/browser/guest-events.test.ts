/**
 * chat.events() in headless Chromium with the platform WebSocket: a page served from one 127.0.0.1
 * origin opens a guest chat on the mock server (another origin), iterates its event stream, sends once
 * the agent has joined (the mock routes the chat only once the stream is connected) and receives the
 * agent's typing indicator and answer as frames; leave() ends the iterator.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { agentAnswer } from '../../src/mock/webchat/agent.js';
import { launchChromium, observePage, type PageWatch } from './chromium.js';
import type { EventsRun } from './fixtures/guest-events-page.js';
import { bundlePage, type PageFiles } from './page-bundle.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const HTML = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>loading</title><link rel="icon" href="data:,"></head><body><script type="module" src="guest-events.js"></script></body></html>';

/** The page's bundle (the stream is a lazy chunk), held in memory. */
async function pageFiles(): Promise<PageFiles> {
  return (await bundlePage('guest-events', fileURLToPath(new URL('./fixtures/guest-events-page.ts', import.meta.url)), HTML)).files;
}

let browser: Browser;
let mock: MockServer;
let site: StaticServer;
let files: PageFiles;

beforeAll(async () => {
  [browser, mock, files] = await Promise.all([launchChromium(), startMockServer({ port: 0, agentReplyDelayMs: 30 }), pageFiles()]);
  site = await startStaticServer({ files });
}, 20_000);

afterAll(async () => {
  await Promise.all([browser?.close(), mock?.close(), site?.close()]);
});

describe('chat.events() in Chromium against the mock server', () => {
  const text = 'Hi, can I book an appointment?';
  let page: Page;
  let watch: PageWatch;
  let run: EventsRun;

  beforeAll(async () => {
    page = await browser.newPage();
    watch = observePage(page, [site.origin, mock.url]);
    await page.goto(`${site.origin}/guest-events.html`);
    await page.waitForFunction(() => document.title === 'ready');
    const f = mock.fixtures.webchat;
    run = await page.evaluate(
      ([api, org, deployment, queue, message]) => (globalThis as unknown as { chatOnEvents: (...args: string[]) => Promise<EventsRun> }).chatOnEvents(api!, org!, deployment!, queue!, message!),
      [mock.url, f.organizationId, f.deploymentId, f.queueName, text],
    );
  }, 20_000);

  afterAll(() => page?.close());

  it('receives the agent joining, its typing indicator and its answer as frames, in order', () => {
    const answer = agentAnswer(text, 'Guest');
    expect(run.answer).toBe(answer);
    const joined = run.lines.indexOf('message: agent member-join');
    const mine = run.lines.indexOf(`message: guest standard ${text}`);
    const typing = run.lines.lastIndexOf('typing-indicator: agent');
    const answered = run.lines.indexOf(`message: agent standard ${answer}`);
    expect(run.lines.slice(0, 2)).toEqual(['member-change: agent ALERTING', 'member-change: agent CONNECTED']);
    expect([joined, mine, typing, answered].every((i, n, all) => i >= 0 && (n === 0 || i > all[n - 1]!)), run.lines.join('\n')).toBe(true);
  });

  it('leave() ended the iterator', () => {
    expect(run.ended).toBe(true);
    expect(mock.requestCount('deleteWebchatGuestConversationMember')).toBe(1);
  });

  it('used one platform WebSocket to the mock, whose stream chunk loaded lazily, and polled nothing', () => {
    const sockets = watch.requests.filter((url) => url.startsWith(`${mock.url.replace(/^http/, 'ws')}/chat/jwt/`));
    expect(sockets.length).toBe(1);
    expect(mock.requestCount('receiveGuestChatEvents')).toBe(1);
    // One messages call: the catch-up when the socket opened.
    expect(mock.requestCount('getWebchatGuestConversationMessages')).toBe(1);
    const lazy = [...files.keys()].filter((path) => path.endsWith('.js') && path !== '/guest-events.js');
    expect(lazy.length).toBeGreaterThan(0);
    expect(watch.requests.some((url) => lazy.some((path) => url === `${site.origin}${path}`))).toBe(true);
  });

  it('logged no console error and requested nothing outside 127.0.0.1', () => {
    expect(watch.outside).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
