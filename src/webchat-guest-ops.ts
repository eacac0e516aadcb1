import {
  deleteWebchatGuestConversationMember,
  getWebchatGuestConversationMediarequest,
  getWebchatGuestConversationMediarequests,
  getWebchatGuestConversationMember,
  getWebchatGuestConversationMembers,
  getWebchatGuestConversationMessage,
  getWebchatGuestConversationMessages,
  patchWebchatGuestConversationMediarequest,
  postWebchatGuestConversationMemberMessages,
  postWebchatGuestConversationMemberTyping,
  postWebchatGuestConversations,
  type OperationRoutes,
} from '../generated/webchat/operations.js';
import type { OperationMethods } from './core/client.js';

/** The ten guest operations plus anonymous create: all a browser chat widget needs. */
export const GUEST_OPERATIONS = [
  postWebchatGuestConversations,
  getWebchatGuestConversationMembers,
  getWebchatGuestConversationMember,
  deleteWebchatGuestConversationMember,
  postWebchatGuestConversationMemberMessages,
  postWebchatGuestConversationMemberTyping,
  getWebchatGuestConversationMessages,
  getWebchatGuestConversationMessage,
  getWebchatGuestConversationMediarequests,
  getWebchatGuestConversationMediarequest,
  patchWebchatGuestConversationMediarequest,
] as const;

export type GuestOperationId = (typeof GUEST_OPERATIONS)[number]['id'];
export type GuestOperations = OperationMethods<Pick<OperationRoutes, GuestOperationId>>;
