// `bot-apis` under Node: the package root, with the node:http transport as the clients' default fetch.
export * from '../index.js';
export { createTextbotsClient } from './textbots.js';
export { createWebChatClient, createGuestChatClient } from './webchat.js';
export { createBotMessageClient } from './botmessage.js';
export { createNodeFetch, nodeFetch, type NodeFetchOptions } from './fetch.js';
