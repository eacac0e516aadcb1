// `bot-apis` under Node (the `node` export condition), and `bot-apis/node` in any resolution mode: the package
// root, with the node:http transport as the clients' default fetch, plus `createNodeFetch` and `nodeFetch`.
export * from '../index.js';
export { createTextbotsClient } from './textbots.js';
export { createWebChatClient, createGuestChatClient } from './webchat.js';
export { createBotMessageClient } from './botmessage.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';
