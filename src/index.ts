// The package root: the three client factories, errors, auth helpers and every model type.
export { createTextbotsClient, type TextbotsClient, type TextbotsClientOptions } from './textbots.js';
export {
  createWebChatClient,
  createGuestChatClient,
  GuestChat,
  type WebChatClient,
  type GuestChatClient,
  type WebChatClientOptions,
  type MessagesOptions,
  type MembersOptions,
  type EventsOptions,
  type EventFrame,
} from './webchat.js';
export { createBotMessageClient, type BotMessageClient, type BotMessageClientOptions } from './botmessage.js';
export * from './core/public.js';
export type * from '../generated/models.js';
