// `bot-apis/botmessage` under Node: the same module, with the node:http transport as the default fetch.
import { createBotMessageClient as create, type BotMessageClient, type BotMessageClientOptions } from '../botmessage.js';
import { nodeFetch } from './fetch.js';

export * from '../botmessage.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';

export function createBotMessageClient(options: BotMessageClientOptions = {}): BotMessageClient {
  return create({ fetch: nodeFetch, ...options });
}
