// `bot-apis/textbots` under Node: the same module, with the node:http transport as the default fetch.
import { createTextbotsClient as create, type TextbotsClient, type TextbotsClientOptions } from '../textbots.js';
import { nodeFetch } from './fetch.js';

export * from '../textbots.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';

export function createTextbotsClient(options: TextbotsClientOptions = {}): TextbotsClient {
  return create({ fetch: nodeFetch, ...options });
}
