// `bot-apis/botmessage` under Node: the same module, with the node:http transport as the default fetch.
import { createBotMessageClient as create, type BotMessageClient, type BotMessageClientOptions } from '../botmessage.js';
import { nodeFetch } from './fetch.js';

export * from '../botmessage.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';

/**
 * A myKaarma bot messages client; under Node its default `fetch` is {@link nodeFetch} (node:http keep-alive).
 *
 * @example
 * const bot = createBotMessageClient({ auth: { username, password } });
 * await bot.sendBotMessage({ params: { path: { departmentUUID, userUUID } }, body: { messageAttributes: { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Assistant' } } });
 */
export function createBotMessageClient(options: BotMessageClientOptions = {}): BotMessageClient {
  return create({ fetch: nodeFetch, ...options });
}
