/**
 * Worker thread that renders HTML docs with Redocly's `build-docs` handler, in process: the renderer (React,
 * Redoc, the inline bundle) is loaded once and reused for every page and, in `--watch`, for every save.
 * Plain JavaScript so that it runs without the TypeScript loader (which would slow the renderer's import
 * several times over). Messages: `{ id, root, api, output }` in, `{ id, ok: true }` or `{ id, error }` out.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

process.env.REDOCLY_TELEMETRY = 'off';
process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = 'true';
process.env.NO_COLOR = '1';

const require = createRequire(join(workerData.root, 'package.json'));
const cliEntry = require.resolve('@redocly/cli/bin/cli.js');
const cliLib = join(dirname(cliEntry), '..', 'lib');

/** The chunk that holds the `build-docs` handler: the CLI imports it lazily, right after declaring the command. */
function buildDocsChunk() {
  const index = readFileSync(join(cliLib, 'index.js'), 'utf8');
  const at = index.indexOf('"build-docs [api]"');
  const match = at >= 0 ? /import\("(\.\/chunks\/[\w-]+\.js)"\)/.exec(index.slice(at)) : null;
  if (!match) throw new Error('cannot find the build-docs handler in @redocly/cli');
  return pathToFileURL(join(cliLib, match[1])).href;
}

const [{ handlerBuildCommand }, { loadConfig }] = await Promise.all([
  import(buildDocsChunk()),
  import(pathToFileURL(require.resolve('@redocly/openapi-core')).href),
]);
if (typeof handlerBuildCommand !== 'function') throw new Error('@redocly/cli build-docs handler not found');

/** redocly.yaml's content hash → loaded config, so an edit of the config is picked up in --watch. */
const configs = new Map();
function configFor(root) {
  const path = join(root, 'redocly.yaml');
  const key = `${root}\0${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
  let config = configs.get(key);
  if (!config) {
    config = loadConfig({ configPath: path });
    configs.set(key, config);
  }
  return config;
}

// One page at a time: the renderer keeps module-level state, and the pages are CPU-bound anyway.
let queue = Promise.resolve();
parentPort.on('message', (job) => {
  queue = queue.then(async () => {
    try {
      const config = await configFor(job.root);
      await handlerBuildCommand({
        argv: { api: job.api, o: job.output, inlineBundle: true, config: join(job.root, 'redocly.yaml') },
        config,
        collectSpecData: () => {},
      });
      parentPort.postMessage({ id: job.id, ok: true });
    } catch (err) {
      parentPort.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
});
parentPort.postMessage({ ready: true });
