import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, run } from '../helpers/workspace.js';
import { collectExamples, exampleModule } from './examples.js';
import { quickInfo } from './hover.js';
import { packedTarball, TEST_CACHE } from './tarball.js';

/**
 * The package as users receive it: built, packed (`npm pack`, shared with the other test files of this
 * folder: tarball.ts), and installed with `npm install` from the tarball into a fresh project (npm's cache
 * first, the registry for what it lacks). The consumers below are folders of that one project, each with
 * its own package.json and tsconfig: one pack, one install.
 */

/** The TypeScript range the README promises: from 5.0 (5.0–5.3 with `skipLibCheck: true`). */
const TS_OLDEST = '5.0.4';
/** The first version that checks the package's and its dependencies' declarations (`skipLibCheck: false`). */
const TS_FULL_CHECK = '5.4.5';
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

let dir: string;
let project: string;
let tarball: string;
let files: string[];

function write(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

function tsconfig(options: Record<string, unknown>, include: string[]): string {
  return JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: false, types: ['node'], ...options }, include }, null, 2);
}

/** Every ```ts block of the README, as modules. */
function readmeBlocks(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => `${m[1]!}\nexport {};\n`);
}

async function tsc(cwd: string, config: string, compiler = TSC) {
  const result = await run(cwd, process.execPath, [compiler, '-p', config]);
  return { code: result.code, output: (result.stdout + result.stderr).trim() };
}

/** A consumer that uses every entry point the way an application would. */
const APP = `import { clientCredentials, createBotMessageClient, createTextbotsClient, createWebChatClient, isApiError, RateLimitError, type PostTextResponse, type WebChatMessage } from 'bot-apis';
import { createTextbotsClient as textbotsOnly } from 'bot-apis/textbots';
import { createGuestChatClient, GuestChat } from 'bot-apis/webchat';
import { createBotMessageClient as botOnly } from 'bot-apis/botmessage';
import { createNodeFetch, nodeFetch } from 'bot-apis/node';
import { startMockServer } from 'bot-apis/mock';

export async function app(): Promise<void> {
  const mock = await startMockServer({ port: 0 });
  const textbots = createTextbotsClient({ baseUrl: mock.urls.genesys, auth: clientCredentials({ clientId: 'id', clientSecret: 'secret', loginUrl: mock.urls.login }), fetch: createNodeFetch({ maxSockets: 4 }) });
  const reply: PostTextResponse = await textbots.postTextbotsBotsExecute({ body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text: 'hi' } }, timeout: 5000, retry: false });
  const webchat = createWebChatClient({ auth: { accessToken: 't' } });
  const { entities = [] } = await webchat.getWebchatDeployments();
  const chat: GuestChat = await createGuestChatClient({ fetch: nodeFetch }).startGuestChat({ organizationId: 'o', deploymentId: 'd', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
  const messages: WebChatMessage[] = [];
  for await (const message of chat.messages()) messages.push(message);
  const bot = createBotMessageClient({ auth: { username: 'u', password: 'p' } });
  try {
    await bot.sendBotMessage({ params: { path: { departmentUUID: 'd', userUUID: 'u' } }, body: { messageAttributes: { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Bot' } } });
  } catch (error) {
    if (isApiError(error, 'sendBotMessage') && error.status === 400) console.log(error.body.errors?.[0]?.errorCode);
    else if (error instanceof RateLimitError) console.log(error.retryAfterMs);
  }
  console.log(reply.botState, entities.length, messages.length, typeof textbotsOnly, typeof botOnly);
  await mock.close();
}
`;

/** What a browser app (bundler resolution, no `node` condition) imports. */
const BROWSER_APP = `import { createGuestChatClient, type WebChatMessage } from 'bot-apis/webchat';
import { createTextbotsClient } from 'bot-apis';
// @ts-expect-error nodeFetch is Node-only: import it from 'bot-apis/node', or set customConditions: ["node"]
import { nodeFetch } from 'bot-apis';

export async function widget(): Promise<WebChatMessage[]> {
  const chat = await createGuestChatClient({ region: 'mypurecloud.com' }).startGuestChat({ organizationId: 'o', deploymentId: 'd', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
  await chat.send('Hello');
  const out: WebChatMessage[] = [];
  for await (const m of chat.messages()) out.push(m);
  console.log(typeof createTextbotsClient, typeof nodeFetch);
  return out;
}
`;

/** A Node-targeted bundle's types: 'bot-apis/node' in any mode, or the root with customConditions ["node"]. */
const NODE_BUNDLE_APP = `import { createNodeFetch } from 'bot-apis/node';
import { createTextbotsClient, nodeFetch } from 'bot-apis';
export const textbots = createTextbotsClient({ fetch: nodeFetch });
export const tuned = createTextbotsClient({ fetch: createNodeFetch({ maxSockets: 8 }) });
`;

beforeAll(async () => {
  const packed = await packedTarball();
  files = packed.files;
  tarball = packed.tarball;
  dir = mkdtempSync(join(TEST_CACHE, 'consumers-'));

  project = join(dir, 'app');
  write(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const install = await run(project, 'npm', [
    // libphonenumber-js and msw: the optional peer dependencies a user of the mock (and of its MSW handlers) installs.
    'install', tarball, 'libphonenumber-js@^1.13.16', 'msw@^2.15.0', '@types/node@20', `ts-oldest@npm:typescript@${TS_OLDEST}`, `ts-full-check@npm:typescript@${TS_FULL_CHECK}`,
    '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error',
  ]);
  expect(install.code, install.stdout + install.stderr).toBe(0);

  // TypeScript consumers: strict nodenext (app, every @example, every README block), strict bundler.
  const nodenext = join(project, 'ts-nodenext');
  write(join(nodenext, 'app.ts'), APP);
  const { examples, exportsOf } = collectExamples(project);
  examples.forEach((example, i) => write(join(nodenext, 'examples', `example-${i + 1}.ts`), exampleModule(example, exportsOf)));
  readmeBlocks().forEach((code, i) => write(join(nodenext, 'readme', `block-${i + 1}.ts`), code));
  write(join(nodenext, 'tsconfig.json'), tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, ['*.ts', 'examples/*.ts', 'readme/*.ts']));

  const bundler = join(project, 'ts-bundler');
  write(join(bundler, 'app.ts'), BROWSER_APP);
  readmeBlocks().forEach((code, i) => write(join(bundler, 'readme', `block-${i + 1}.ts`), code));
  write(join(bundler, 'tsconfig.json'), tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, ['app.ts', 'readme/*.ts']));
  write(join(bundler, 'node-bundle', 'app.ts'), NODE_BUNDLE_APP);
  write(join(bundler, 'node-bundle', 'tsconfig.json'), tsconfig({ module: 'esnext', moduleResolution: 'bundler', customConditions: ['node'] }, ['app.ts']));

  // The oldest promised TypeScript and the first with a full library check, on the same app.
  for (const [name, skipLibCheck] of [['ts-oldest', true], ['ts-full-check', false]] as const) {
    write(join(project, name, 'app.ts'), APP);
    write(join(project, name, 'tsconfig.json'), tsconfig({ module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck }, ['app.ts']));
  }
}, 240_000);

afterAll(() => dir && rm(dir, { recursive: true, force: true }), 60_000);

describe('the packed package', () => {
  it('contains what users need and nothing else', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/src/node/index.d.ts');
    expect(files).toContain('dist/generated/webchat/validators.js');
    expect(files).toContain('dist/generated/botmessage/operations.js');
    expect(files).toContain('dist/src/mock/msw.js');
    expect(files).toContain('dist/src/mock/browser.js');
    // The mock reads the generated operation tables, not the bundled specs.
    expect(files.filter((f) => f.endsWith('openapi.json'))).toEqual([]);
    const unexpected = files.filter((f) => !/^(package\.json|README\.md|dist\/(src|generated)\/)/.test(f));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|bench|scripts|openapi)\//.test(f) || /\.test\./.test(f))).toEqual([]);
  });

  it('passes publint and @arethetypeswrong/cli', async () => {
    const publint = await run(REPO, process.execPath, [join(REPO, 'node_modules/publint/src/cli.js'), 'run', tarball, '--strict']);
    expect(publint.code, publint.stdout + publint.stderr).toBe(0);
    const attw = await run(REPO, process.execPath, [join(REPO, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'esm-only', '--format', 'json']);
    expect(attw.code, attw.stdout.slice(0, 2000)).toBe(0);
  }, 60_000);
});

describe('TypeScript consumers of the installed package', () => {
  it('strict, module nodenext: an app on every entry point, every @example of the doc comments, every README block', async () => {
    expect(readdirSync(join(project, 'ts-nodenext/examples')).length).toBeGreaterThanOrEqual(30);
    const result = await tsc(join(project, 'ts-nodenext'), 'tsconfig.json');
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 300_000);

  it('strict, moduleResolution bundler: a browser app and every README block; Node-only exports only via bot-apis/node or customConditions', async () => {
    // Without customConditions the root has no nodeFetch, and says so. (The three compiles run side by side.)
    write(join(project, 'ts-bundler/node-bundle/tsconfig.plain.json'), tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, ['app.ts']));
    const [browser, node, plain] = await Promise.all([
      tsc(join(project, 'ts-bundler'), 'tsconfig.json'),
      tsc(join(project, 'ts-bundler/node-bundle'), 'tsconfig.json'),
      tsc(join(project, 'ts-bundler/node-bundle'), 'tsconfig.plain.json'),
    ]);
    expect(browser.output).toBe('');
    expect(node.output).toBe('');
    expect(plain.output).toMatch(/app\.ts\(2,\d+\): error TS2305: Module '"bot-apis"' has no exported member 'nodeFetch'/);
    expect(plain.output.split('\n')).toHaveLength(1);
  }, 300_000);

  it(`the oldest promised TypeScript, ${TS_OLDEST} (skipLibCheck: true), and ${TS_FULL_CHECK} with skipLibCheck: false`, async () => {
    const [oldest, full] = await Promise.all([
      tsc(join(project, 'ts-oldest'), 'tsconfig.json', join(project, 'node_modules/ts-oldest/bin/tsc')),
      tsc(join(project, 'ts-full-check'), 'tsconfig.json', join(project, 'node_modules/ts-full-check/bin/tsc')),
    ]);
    expect(oldest.output).toBe('');
    expect(full.output).toBe('');
  }, 300_000);
});

describe('what an editor shows (TypeScript language service on the installed package)', () => {
  const HOVER = `import { createBotMessageClient, createWebChatClient, createTextbotsClient } from 'bot-apis';
const webchat = createWebChatClient({ auth: { accessToken: 't' } });
const bot = createBotMessageClient({ auth: { username: 'u', password: 'p' } });
const textbots = createTextbotsClient();
export const deployments = webchat.getWebchatDeployments();
export const sent = bot.sendBotMessage;
export const reply = await textbots.postTextbotsBotsExecute({ body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text: 'hi' } } });
export const state = reply.botState;
`;

  it('hover: the summary, the deprecation note, auth, retries, errors and an example; go-to-definition lands on the operation', () => {
    const file = join(project, 'ts-nodenext/hover.ts');
    write(file, HOVER);
    const deprecated = quickInfo(file, 'getWebchatDeployments');
    expect(deprecated.documentation).toContain('List WebChat deployments.');
    expect(deprecated.tags.deprecated).toContain('ACD Web Chat version 2');
    expect(deprecated.tags.example).toContain('webchat.getWebchatDeployments()');
    expect(deprecated.documentation).toContain('**Auth:** Genesys OAuth');
    expect(deprecated.display).toContain('Promise<WebChatDeploymentEntityListing>');
    expect(deprecated.definition).toMatch(/node_modules\/bot-apis\/dist\/generated\/webchat\/operations\.d\.ts$/);
    expect(deprecated.definitionLine).toContain('getWebchatDeployments(init?: GetWebchatDeploymentsInit)');

    const send = quickInfo(file, 'sendBotMessage');
    expect(send.documentation).toContain('Send a bot message to user.');
    expect(send.documentation).toContain('**Retried:** only on 429');
    expect(send.documentation).toContain("isApiError(error, 'sendBotMessage')");
    expect(send.tags.deprecated).toBeUndefined();
    expect(send.display).toContain('sendBotMessage(init: SendBotMessageInit): Promise<BotMessageResponse>');

    // Model types keep the spec's field descriptions in the published .d.ts.
    const field = quickInfo(file, 'botState');
    expect(field.tags.description).toContain('State of the bot after it handled the request');
  }, 120_000);
});

describe('JavaScript consumers under Node', () => {
  it('plain ESM: imports every entry point and talks to the mock through the Node transport', async () => {
    write(
      join(project, 'esm/check.mjs'),
      `import * as root from 'bot-apis';
import * as t from 'bot-apis/textbots';
import * as w from 'bot-apis/webchat';
import * as b from 'bot-apis/botmessage';
import * as n from 'bot-apis/node';
import { startMockServer } from 'bot-apis/mock';
const mock = await startMockServer({ port: 0 });
const { oauth, textbots: bot } = mock.fixtures;
const textbots = root.createTextbotsClient({ baseUrl: mock.urls.genesys, auth: root.clientCredentials({ clientId: oauth.clientId, clientSecret: oauth.clientSecret, loginUrl: mock.urls.login }) });
const reply = await textbots.postTextbotsBotsExecute({ body: { botId: bot.botId, integrationId: bot.integrationId, botSessionId: 's-1', postTextMessage: { type: 'Text', text: 'book a service appointment' } } });
await mock.close();
console.log(JSON.stringify({ state: reply.botState, types: [typeof root.nodeFetch, typeof t.createTextbotsClient, typeof w.createGuestChatClient, typeof b.createBotMessageClient, typeof n.createNodeFetch, typeof root.isApiError] }));`,
    );
    const result = await run(join(project, 'esm'), process.execPath, ['check.mjs']);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as { state: string; types: string[] };
    expect(out.types).toEqual(Array(6).fill('function'));
    expect(['MoreData', 'Complete']).toContain(out.state);
  }, 30_000);

  it(`require('bot-apis') from CommonJS (Node ${process.versions.node}; 20.19+ can require() ESM)`, async () => {
    write(join(project, 'cjs/package.json'), JSON.stringify({ name: 'cjs', private: true, type: 'commonjs' }));
    write(
      join(project, 'cjs/check.js'),
      `const root = require('bot-apis');
const { createTextbotsClient } = require('bot-apis/textbots');
const { createNodeFetch } = require('bot-apis/node');
const { startMockServer } = require('bot-apis/mock');
const client = root.createWebChatClient({ auth: { accessToken: 't' } });
console.log(JSON.stringify([typeof root.createBotMessageClient, typeof createTextbotsClient, typeof createNodeFetch, typeof startMockServer, typeof client.getWebchatDeployments, root.ApiError.name]));`,
    );
    const result = await run(join(project, 'cjs'), process.execPath, ['check.js']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['function', 'function', 'function', 'function', 'function', 'ApiError']);
  }, 30_000);
});

describe('browser bundles of the installed package', () => {
  const GUEST_APP = `import { createGuestChatClient } from 'bot-apis/webchat';
export async function chat(baseUrl, organizationId, deploymentId) {
  const chat = await createGuestChatClient({ baseUrl }).startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Guest' } });
  await chat.send('hello');
  const out = [];
  for await (const m of chat.messages()) out.push(m.body);
  await chat.leave();
  return out;
}
`;

  it('esbuild: a guest chat app ≤ 10 kB gzip, nothing from node:', async () => {
    write(join(project, 'esbuild/guest.js'), GUEST_APP);
    const result = await build({ entryPoints: [join(project, 'esbuild/guest.js')], bundle: true, minify: true, format: 'esm', platform: 'browser', splitting: true, outdir: join(dir, 'esbuild-out'), write: false, metafile: true, logLevel: 'silent', absWorkingDir: project });
    const entry = result.outputFiles.find((f) => f.path.endsWith('guest.js'))!;
    expect(gzipSync(entry.contents, { level: 9 }).length).toBeLessThanOrEqual(10 * 1024);
    expect(Object.keys(result.metafile.inputs).some((i) => i.includes('node:'))).toBe(false);
  }, 30_000);

  it('Vite production build of a browser app: no node: import in the output; entry chunk size reported', async () => {
    const app = join(project, 'vite-app');
    write(join(app, 'index.html'), '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>\n');
    write(join(app, 'main.js'), `${GUEST_APP}\nwindow.startChat = chat;\n`);
    const { build: viteBuild } = await import('vite');
    await viteBuild({ root: app, logLevel: 'silent', configFile: false, build: { outDir: join(app, 'dist'), emptyOutDir: true } });
    const assets = join(app, 'dist/assets');
    const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const html = readFileSync(join(app, 'dist/index.html'), 'utf8');
    const entryName = chunks.find((f) => html.includes(f))!;
    expect(entryName).toBeDefined();
    for (const chunk of chunks) expect(readFileSync(join(assets, chunk), 'utf8')).not.toMatch(/["'`]node:[a-z]/);
    const entry = readFileSync(join(assets, entryName));
    const gzip = gzipSync(entry, { level: 9 }).length;
    console.log(`vite entry chunk (guest chat app): ${(statSync(join(assets, entryName)).size / 1024).toFixed(1)} kB minified, ${(gzip / 1024).toFixed(1)} kB gzip; ${chunks.length} chunk(s)`);
    expect(gzip).toBeLessThanOrEqual(12 * 1024);
  }, 60_000);
});
