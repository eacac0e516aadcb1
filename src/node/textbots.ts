// `bot-apis/textbots` under Node: the same module, with the node:http transport as the default fetch.
import { createTextbotsClient as create, type TextbotsClient, type TextbotsClientOptions } from '../textbots.js';
import { nodeFetch } from './fetch.js';

export * from '../textbots.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';

/**
 * A Genesys Cloud Textbots client; under Node its default `fetch` is {@link nodeFetch} (node:http keep-alive).
 *
 * @example
 * const textbots = createTextbotsClient({ region: 'mypurecloud.com', auth: clientCredentials({ clientId, clientSecret }) });
 * const reply = await textbots.postTextbotsBotsExecute({ body: { botId, integrationId, botSessionId, postTextMessage: { type: 'Text', text: 'Hi' } } });
 */
export function createTextbotsClient(options: TextbotsClientOptions = {}): TextbotsClient {
  return create({ fetch: nodeFetch, ...options });
}
