/**
 * `npm run bench [-- client|browser|generate|bundle|mock|events|cold|typecheck|leak]`: every figure the README quotes, rerunnable.
 * Throughput is reported as ratios against a baseline measured in the same run.
 */
import { benchClient } from './client.js';

const which = new Set(process.argv.slice(2));
const all = which.size === 0;
const quick = process.env.BENCH_QUICK === '1';
/** A short throughput run (`BENCH_QUICK=1`): fewer and shorter rounds. */
const QUICK_RUN = { rounds: 3, ms: 500, concurrency: 8, warmupMs: 300 };

if (all || which.has('client')) {
  console.log(await benchClient(quick ? QUICK_RUN : undefined));
  console.log('');
}

// Asked for by name it runs (and fails if Chromium is missing); as part of all, only where Chromium is.
// Loaded only here: playwright-core is tens of MB of heap, which the leak check must not carry.
if (which.has('browser') || all) {
  const { benchBrowserFetch, chromiumMissing } = await import('./browser-fetch.js');
  const missing = which.has('browser') ? undefined : chromiumMissing();
  console.log(missing ?? (await benchBrowserFetch(quick ? QUICK_RUN : undefined)));
  console.log('');
}

if (all || which.has('bundle')) {
  const { benchBundle } = await import('./bundle.js');
  console.log(await benchBundle());
  console.log('');
}

if (all || which.has('generate')) {
  const { benchGenerate } = await import('./generate.js');
  console.log(await benchGenerate(quick ? 2 : 5));
  console.log('');
}

if (all || which.has('mock')) {
  const { benchMock } = await import('./mock.js');
  console.log(await benchMock(quick ? 2 : 5));
  console.log('');
}

if (all || which.has('events')) {
  const { benchEvents } = await import('./events.js');
  console.log(await benchEvents(quick ? 1 : 3));
  console.log('');
}

if (all || which.has('cold')) {
  const { benchColdStart } = await import('./cold-start.js');
  console.log(await benchColdStart(quick ? 3 : 7));
  console.log('');
}

if (which.has('leak')) {
  const { benchLeak } = await import('./leak.js');
  console.log(await benchLeak(quick ? 100_000 : undefined));
  console.log('');
}

if (all || which.has('typecheck')) {
  const { benchTypecheck } = await import('./typecheck.js');
  console.log(await benchTypecheck(quick ? 2 : 5));
  console.log('');
}
