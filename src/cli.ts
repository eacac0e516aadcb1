#!/usr/bin/env node
/**
 * The `bot-apis` command. One subcommand for now:
 *
 *   bot-apis mock [--port 4010] [--host 127.0.0.1] [--agent-delay 50] [--token-ttl 3600]
 *                 [--route-without-event-stream] [--heartbeat 30000]
 *
 * starts the embedded mock server, prints its URLs and fixtures, and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startMockServer } from './mock/index.js';
import type { MockFixtures, MockServer } from './mock/index.js';

const USAGE = `Usage: bot-apis mock [options]

Starts a local mock of Genesys Cloud Textbots + WebChat (with its OAuth login host) and
myKaarma bot messages on one port.

Options:
  --port <n>          port to listen on (default 4010; 0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --agent-delay <ms>  delay of the simulated chat agent (default 50)
  --token-ttl <s>     lifetime of issued OAuth tokens (default 3600)
  --route-without-event-stream
                      route a guest chat to the agent at once; by default, as on the
                      real service, only once its event stream (eventStreamUri) is connected
  --heartbeat <ms>    interval of the event stream's heartbeat frame (default 30000)
  -h, --help          show this help
`;

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number >= 0, got ${JSON.stringify(value)}`);
  return n;
}

/** An interval: 0 would make setInterval spin. */
function positiveOption(value: string | undefined, name: string, fallback: number): number {
  const n = numberOption(value, name, fallback);
  if (n === 0) throw new Error(`--${name} must be a number > 0, got ${JSON.stringify(value)}`);
  return n;
}

function describe(server: MockServer): string {
  const f: MockFixtures = server.fixtures;
  const basic = Buffer.from(`${f.botmessage.username}:${f.botmessage.password}`).toString('base64');
  return [
    `bot-apis mock listening on ${server.url}`,
    '',
    `  Genesys API   ${server.urls.genesys}/api/v2/...`,
    `  OAuth token   POST ${server.urls.login}/oauth/token (client_credentials)`,
    `  myKaarma      ${server.urls.mykaarma}/department/{departmentUUID}/user/{userUUID}/botmessage[/send]`,
    '',
    "Fixtures (the mock's own credentials; they open nothing but this mock):",
    JSON.stringify(f, null, 2)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
    '',
    'Try:',
    `  curl -s -H 'Authorization: Bearer ${f.oauth.accessToken}' ${server.url}/api/v2/webchat/deployments`,
    `  curl -s -H 'Authorization: Basic ${basic}' -H 'Content-Type: application/json' \\`,
    `    -d '{"messageAttributes":{"body":"Hi","type":"OUTGOING","protocol":"TEXT"},"messageSendingAttributes":{"recipientCommunicationValue":"${f.botmessage.userPhone}","senderName":"Bot"}}' \\`,
    `    ${server.urls.mykaarma}/department/${f.botmessage.departmentUUID}/user/${f.botmessage.userUUID}/botmessage/send`,
    '',
    'Ctrl-C stops it.',
  ].join('\n');
}

async function mock(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'agent-delay': { type: 'string' },
      'token-ttl': { type: 'string' },
      'route-without-event-stream': { type: 'boolean' },
      heartbeat: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const server = await startMockServer({
    port: numberOption(values.port, 'port', 4010),
    host: values.host ?? '127.0.0.1',
    agentReplyDelayMs: numberOption(values['agent-delay'], 'agent-delay', 50),
    tokenTtlSeconds: numberOption(values['token-ttl'], 'token-ttl', 3600),
    routeWithoutEventStream: values['route-without-event-stream'] ?? false,
    eventStreamHeartbeatMs: positiveOption(values.heartbeat, 'heartbeat', 30_000),
  });
  process.stdout.write(`${describe(server)}\n`);
  const stop = (signal: string) => {
    process.stdout.write(`\n${signal}: stopping the mock\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'mock') return mock(rest);
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  process.stderr.write(`bot-apis: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bot-apis: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
