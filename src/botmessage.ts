/**
 * `bot-apis/botmessage`: myKaarma Communications bot messages (`sendBotMessage`, `saveBotMessage`).
 * `sendBotMessage` is never retried on 5xx or a lost connection: a repeat texts the user twice.
 */
import type { paths } from '../generated/botmessage/schema.js';
import { loadResponseValidators, operations, server, type BotMessageMethods, type OperationRoutes } from '../generated/botmessage/operations.js';
import type { BasicAuth } from './core/auth.js';
import { createApiClient, type ApiClientParts } from './core/client.js';
import { resolveCommon, type CommonClientOptions } from './core/options.js';
import type { OperationDef } from './core/operation.js';

export type * from '../generated/botmessage/models.js';
export type { paths as BotMessagePaths } from '../generated/botmessage/schema.js';
export type { BotMessageMethods } from '../generated/botmessage/operations.js';
export * from './core/public.js';

/** `baseUrl` defaults to myKaarma production, `https://api.mykaarma.com/communications`. */
export type BotMessageClientOptions = CommonClientOptions<BasicAuth>;

/** `raw` (openapi-fetch) and one documented method per operation (see {@link BotMessageMethods}). */
export type BotMessageClient = ApiClientParts<paths> & BotMessageMethods;

/**
 * @example
 * const bot = createBotMessageClient({ auth: { username, password } });
 * await bot.sendBotMessage({ params: { path: { departmentUUID, userUUID } }, body: { messageAttributes: { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Assistant' } } });
 */
export function createBotMessageClient(options: BotMessageClientOptions = {}): BotMessageClient {
  // The generated BotMessageMethods declares the same signatures as OperationMethods<OperationRoutes> (test/types).
  return createApiClient<paths, OperationRoutes>(Object.values(operations) as OperationDef[], resolveCommon(options, server.url), loadResponseValidators) as BotMessageClient;
}
