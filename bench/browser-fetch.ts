/**
 * The platform `fetch` path where it runs: a page in headless Chromium (Debian's package, driven by
 * playwright-core) makes the same calls through raw `fetch`, orval's fetch client and this package,
 * interleaved round by round, against the benchmark's echo server in its own process, which also serves
 * the page (one origin: no CORS preflight). The page is bundled and minified as an app would be. Per
 * variant: the rate; the page's main-thread CPU time per call (Chromium's `TaskDuration` metric in
 * thread time over the round, divided by the calls made), what the call costs the page; and the
 * client's own cost, the same calls one after another with the page's `fetch` answering at once from
 * memory, which isolates the client's JavaScript from the browser's network stack. Ratios are against
 * raw `fetch` in the same run.
 *   npm run bench -- browser
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { CHROMIUM_PATH, launchChromium } from '../test/browser/chromium.js';
import type { PageBench, PageRow } from './browser-page.js';
import { RAW_FETCH } from './calls.js';
import { forkEchoServer } from './echo-server.js';
import { median } from './lib.js';
import { BASE_PLACEHOLDER, generatePeers, PEERS_DIR, versionOf } from './peers.js';

const here = import.meta.dirname;

/** orval bakes its base URL in: on the page it is the page's own origin, i.e. a relative path. */
const sameOrigin: Plugin = {
  name: 'orval-same-origin',
  setup(b) {
    b.onLoad({ filter: /[\\/]orval[\\/].*client\.ts$/ }, (args) => ({ contents: readFileSync(args.path, 'utf8').replaceAll(BASE_PLACEHOLDER, ''), loader: 'ts' }));
  },
};

async function buildPage(dir: string): Promise<void> {
  const entry = [
    `import { pageBench } from ${JSON.stringify(join(here, 'browser-page.ts'))};`,
    `import { postTextbotsBotsExecute } from ${JSON.stringify(join(PEERS_DIR, 'orval/textbots/client.ts'))};`,
    `import { postWebchatGuestConversationMemberMessages } from ${JSON.stringify(join(PEERS_DIR, 'orval/webchat/client.ts'))};`,
    'globalThis.bench = pageBench({ postTextbotsBotsExecute, postWebchatGuestConversationMemberMessages });',
  ].join('\n');
  await build({ stdin: { contents: entry, resolveDir: here, sourcefile: 'page-entry.ts', loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', splitting: true, outdir: dir, entryNames: 'page', plugins: [sameOrigin], logLevel: 'silent' });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/page.js"></script>');
}

interface Row extends PageRow {
  /** Median calls per second. */
  rps: number;
  /** Median main-thread CPU time per call (all the page's tasks), µs. */
  taskUs: number;
  /** Median µs per call with a `fetch` that answers at once: the client's own cost. */
  ownUs: number;
}

export interface BrowserBenchOptions {
  rounds: number;
  ms: number;
  concurrency: number;
  warmupMs: number;
}

function table(title: string, rows: Row[]): string {
  const base = rows.find((r) => r.name === RAW_FETCH)!;
  const lines = [title, '', '| variant | req/s (median) | vs raw fetch | main thread CPU µs/call | vs raw fetch | own cost µs/call (fetch answering at once) |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${Math.round(r.rps)} | ${(r.rps / base.rps).toFixed(2)} | ${Math.round(r.taskUs)} | ${(base.taskUs / r.taskUs).toFixed(2)} | ${r.ownUs.toFixed(1)} |`);
  return lines.join('\n');
}

/** Why the benchmark cannot run here, or undefined when Chromium is installed. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `(browser benchmark skipped: no Chromium at ${CHROMIUM_PATH})`;
}

type Bench = { bench: PageBench };
/** Calls per own-cost sample (each one after the other, no network). */
const OWN_COST_CALLS = 5000;

export async function benchBrowserFetch(opts: BrowserBenchOptions = { rounds: 5, ms: 1500, concurrency: 8, warmupMs: 1000 }): Promise<string> {
  generatePeers();
  const dir = mkdtempSync(join(tmpdir(), 'bot-apis-browser-bench-'));
  let server: { port: number; stop(): void } | undefined;
  const browser = await launchChromium();
  try {
    await buildPage(dir);
    server = await forkEchoServer(dir);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.port}/index.html`);
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<Bench>).bench === 'object');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return list.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    };
    const variants = await page.evaluate(() => (globalThis as unknown as Bench).bench.variants);
    const run = async (index: number, ms: number) => {
      const before = await metrics();
      const { calls, rps } = await page.evaluate(([i, c, m]) => (globalThis as unknown as Bench).bench.run(i, c, m), [index, opts.concurrency, ms] as const);
      const after = await metrics();
      return { rps, taskUs: ((after - before) * 1e6) / calls };
    };
    for (const [i] of variants.entries()) await run(i, opts.warmupMs);
    const ownCost = (index: number, calls: number) => page.evaluate(([i, n]) => (globalThis as unknown as Bench).bench.ownCost(i, n), [index, calls] as const);
    for (const [i] of variants.entries()) await ownCost(i, OWN_COST_CALLS);
    const samples = variants.map(() => ({ rps: [] as number[], taskUs: [] as number[], ownUs: [] as number[] }));
    for (let r = 0; r < opts.rounds; r++) {
      for (const [i] of variants.entries()) {
        const s = await run(i, opts.ms);
        samples[i]!.rps.push(s.rps);
        samples[i]!.taskUs.push(s.taskUs);
        samples[i]!.ownUs.push(await ownCost(i, OWN_COST_CALLS));
      }
    }
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
    const rows: Row[] = variants.map((v, i) => ({ ...v, rps: median(samples[i]!.rps), taskUs: median(samples[i]!.taskUs), ownUs: median(samples[i]!.ownUs) }));
    const title = `Chromium ${browser.version()}, orval ${versionOf('orval')}, ${opts.concurrency} concurrent callers in the page, ${opts.rounds} interleaved rounds of ${opts.ms} ms`;
    return [
      table(`In the browser: POST /api/v2/textbots/bots/execute from a page, ${title}`, rows.filter((r) => r.table === 'textbots')),
      '',
      table(`In the browser: POST guest message from a page, ${title}`, rows.filter((r) => r.table === 'guest')),
    ].join('\n');
  } finally {
    await browser.close();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
