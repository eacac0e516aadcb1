import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../../src/mock/index.js';
import type { MockServer } from '../../src/mock/types.js';
import { REPO } from '../helpers/workspace.js';
import { setMockTarget } from './mock-bound.js';

/**
 * Every TypeScript block of the README runs, as written, against a mock server, and what its text claims
 * is asserted: what it prints, which error class, what the service received. The blocks import the
 * package through mock-bound.ts, which sends a client without a `baseUrl` (and `clientCredentials`
 * without a `loginUrl`) to this test's mock; the credentials the blocks read from the environment are
 * the mock's. A block the mock cannot run is marked `<!-- not run: why -->` on the line before it.
 */

interface Block {
  /** The heading the block is under. */
  heading: string;
  code: string;
  /** Why it is not run, when it is marked so. */
  notRun?: string;
}

function readmeBlocks(): Block[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const blocks: Block[] = [];
  let heading = '';
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,4} /.test(line)) heading = line.replace(/^#+ /, '');
    if (line !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    const marker = /^<!-- not run: (.+) -->$/.exec(lines[i - 1] ?? '');
    blocks.push({ heading, code: lines.slice(i + 1, end).join('\n'), ...(marker ? { notRun: marker[1]! } : {}) });
    i = end;
  }
  return blocks;
}

/** The block as a module of this folder: the package's specifiers point at mock-bound.ts and src/mock (the Node build). */
function asModule(code: string): string {
  return `${code
    .replace(/from 'bot-apis\/mock\/msw'/g, "from '../../../src/mock/msw.js'")
    .replace(/from 'bot-apis\/mock'/g, "from '../../../src/mock/index.js'")
    .replace(/from 'bot-apis(\/(textbots|webchat|botmessage|node))?'/g, "from '../mock-bound.js'")}\nexport {};\n`;
}

interface Run {
  /** console.log calls: the arguments, and as printed. */
  printed: unknown[][];
  lines: string[];
  mock: MockServer;
}

type Check = (run: Run) => void;

const UUID_B64 = /^[A-Za-z0-9_-]{43}$/;

/** What each section's text claims its block does. Every section named here must have a block. */
const CLAIMS: Record<string, Check> = {
  Textbots: ({ printed, mock }) => {
    const [[state, intent, text]] = printed as [[string, string, string]];
    expect(['MoreData', 'Complete']).toContain(state);
    expect(intent).toEqual(expect.any(String));
    expect(text).toEqual(expect.any(String));
    // clientCredentials fetched one token, then the call.
    expect(mock.requestCount('oauthToken')).toBe(1);
    expect(mock.requestCount('postTextbotsBotsExecute')).toBe(1);
  },
  'WebChat: deployments and settings': ({ printed, mock }) => {
    expect(printed).toEqual([[expect.any(Number)]]);
    expect(printed[0]![0]).toBeGreaterThanOrEqual(1);
    expect(mock.requestCount('postWebchatDeployments')).toBe(1);
    expect(mock.requestCount('deleteWebchatDeployment')).toBe(1);
  },
  'WebChat: a guest chat': ({ lines, mock }) => {
    expect(lines).toContain('CUSTOMER Is my car ready?');
    // Members: the guest, connected.
    expect(lines).toContain('CUSTOMER CONNECTED');
    expect(mock.requestCount('postWebchatGuestConversations')).toBe(1);
    expect(mock.requestCount('postWebchatGuestConversationMemberTyping')).toBe(1);
    expect(mock.requestCount('deleteWebchatGuestConversationMember')).toBe(1);
  },
  'WebChat: the guest event stream': ({ lines, mock }) => {
    // Its own message, said before the stream opened, then the agent's answer, each once.
    expect(lines.filter((l) => l === 'me: Is my car ready?')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('agent: '))).toHaveLength(1);
    expect(lines.indexOf('me: Is my car ready?')).toBeLessThan(lines.findIndex((l) => l.startsWith('agent: ')));
    expect(mock.requestCount('receiveGuestChatEvents')).toBe(1);
    expect(mock.requestCount('deleteWebchatGuestConversationMember')).toBe(1);
  },
  'WebChat: paging': ({ printed, mock }) => {
    expect(printed).toEqual([[['Hello', 'Is my car ready?', 'It is the blue one.']]]);
    // Three messages, pages of two: two requests.
    expect(mock.requestCount('getWebchatGuestConversationMessages')).toBe(2);
  },
  'myKaarma bot messages': ({ printed, mock }) => {
    const [[sent, saved]] = printed as [[string, string]];
    expect(sent).toMatch(UUID_B64);
    expect(saved).toMatch(UUID_B64);
    expect(saved).not.toBe(sent);
    expect(mock.requestCount('sendBotMessage')).toBe(1);
    expect(mock.requestCount('saveBotMessage')).toBe(1);
  },
  'Types and the raw client': ({ printed }) => {
    expect(printed).toEqual([['Mock dealership website', undefined, 200]]);
  },
  Errors: ({ printed, mock }) => {
    // The ValidationError branch printed its issues: the int32 field, refused before sending.
    expect(printed).toHaveLength(1);
    const [[issues]] = printed as [[Array<{ path: string; message: string }>]];
    expect(Array.isArray(issues)).toBe(true);
    expect(issues).toEqual([{ path: 'body.botSessionTimeoutMinutes', message: 'must be a valid int32' }]);
    // Nothing was sent: the mock received no request at all.
    expect(mock.requestCount()).toBe(0);
  },
  'Retries and timeouts': ({ printed }) => {
    // The read: two attempts (503, then 200); the send: one attempt, a ServerError 503.
    expect(printed).toHaveLength(2);
    expect(printed[0]![0]).toBe(2);
    expect(printed[0]![1]).toBeGreaterThanOrEqual(1);
    expect(printed[1]).toEqual([503, 1]);
  },
  'Typed error bodies': ({ printed, mock }) => {
    // One answer: the service's 400, its error code read from the typed body.
    expect(printed).toEqual([[expect.stringMatching(/^[A-Z0-9_.-]+$/i)]]);
    expect(mock.requestCount('sendBotMessage')).toBe(1);
  },
  'Mock server': ({ printed }) => {
    expect(['MoreData', 'Complete']).toContain(printed[0]![0]);
  },
};

const dir = join(REPO, 'test/readme/.run');
const blocks = readmeBlocks();
let mock: MockServer;
const env = { ...process.env };

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The credentials the examples read from the environment are the mock's.
  const { FIXTURES } = await import('../../src/mock/index.js');
  Object.assign(process.env, {
    GENESYS_CLIENT_ID: FIXTURES.oauth.clientId,
    GENESYS_CLIENT_SECRET: FIXTURES.oauth.clientSecret,
    GENESYS_TOKEN: FIXTURES.oauth.accessToken,
    MYKAARMA_USER: FIXTURES.botmessage.username,
    MYKAARMA_PASSWORD: FIXTURES.botmessage.password,
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  setMockTarget(undefined);
  await mock?.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  process.env = env;
});

describe('README examples run against the mock', () => {
  it('every section with a claim below has a TypeScript block', () => {
    const headings = new Set(blocks.filter((b) => !b.notRun).map((b) => b.heading));
    expect(Object.keys(CLAIMS).filter((h) => !headings.has(h))).toEqual([]);
  });

  it.for(blocks.map((block, i) => ({ ...block, name: `${i + 1}. ${block.heading}` })))('$name', { timeout: 30_000 }, async ({ heading, code, notRun }, context) => {
    if (notRun) {
      context.skip(notRun);
      return;
    }
    mock = await startMockServer({ port: 0 });
    setMockTarget(mock.urls);
    const printed: unknown[][] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args));
    const file = join(dir, `block-${blocks.findIndex((b) => b.code === code) + 1}.ts`);
    writeFileSync(file, asModule(code));
    await import(pathToFileURL(file).href);
    CLAIMS[heading]?.({ printed, lines: printed.map((args) => format(...args)), mock });
  });
});
