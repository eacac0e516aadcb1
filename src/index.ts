// The package root: the three client factories, errors, auth helpers and every model type.
export { createTextbotsClient, type TextbotsClient, type TextbotsClientOptions, type TextbotsMethods } from './textbots.js';
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
  type NeedsGuestJwt,
  type AuthWithoutGuestJwt,
  type WebChatMethods,
} from './webchat.js';
export { createBotMessageClient, type BotMessageClient, type BotMessageClientOptions, type BotMessageMethods } from './botmessage.js';
export * from './core/public.js';
export type * from '../generated/models.js';
