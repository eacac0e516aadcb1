/**
 * Media (co-browse / screen share) requests of a guest chat (reference §5 B, operations 17–19). The
 * simulated agent raises them; the guest may move a PENDING request to ACCEPTED, DECLINED or ERRORED.
 */
import type { HandlerRequest, Handlers } from '../context.js';
import { MockError } from '../errors.js';
import { mediaRequestView, type Conversation, type ConversationStore, type MediaRequest } from './conversations.js';

const GUEST_SETTABLE = new Set(['ACCEPTED', 'DECLINED', 'ERRORED']);

export function mediaHandlers(conversations: ConversationStore): Handlers {
  function lookup(req: HandlerRequest<'getWebchatGuestConversationMediarequest' | 'patchWebchatGuestConversationMediarequest'>): { c: Conversation; request: MediaRequest } {
    const id = req.params.conversationId;
    const c = conversations.get(id);
    if (!c) throw new MockError(404, 'not.found', `The requested resource was not found: conversation ${id}`, { entityId: id });
    const request = c.mediaRequests.get(req.params.mediaRequestId);
    if (!request) throw new MockError(404, 'chat.error.not.found', 'The media request was not found.');
    return { c, request };
  }

  return {
    getWebchatGuestConversationMediarequests: (req) => {
      const id = req.params.conversationId;
      const c = conversations.get(id);
      if (!c) throw new MockError(404, 'not.found', `The requested resource was not found: conversation ${id}`, { entityId: id });
      return { body: { entities: [...c.mediaRequests.values()].map((r) => mediaRequestView(c, r)) } };
    },
    getWebchatGuestConversationMediarequest: (req) => {
      const { c, request } = lookup(req);
      return { body: mediaRequestView(c, request) };
    },
    patchWebchatGuestConversationMediarequest: (req) => {
      const { c, request } = lookup(req);
      const { state } = req.body;
      if (!GUEST_SETTABLE.has(state)) {
        throw new MockError(400, 'invalid.value', `Value [${state}] is not valid for field type [state]. Allowable values are: ACCEPTED, DECLINED, ERRORED`, {
          details: [{ errorCode: 'invalid.value', fieldName: 'state' }],
        });
      }
      if (c.ended || request.state !== 'PENDING') {
        throw new MockError(400, 'chat.error.conversation.state', `The conversation is in a state which does not permit this action (media request is ${request.state}).`, {
          details: [{ errorCode: 'chat.error.conversation.state', fieldName: 'state' }],
        });
      }
      request.state = state as MediaRequest['state'];
      if (state === 'ACCEPTED') request.communicationId = crypto.randomUUID();
      return { body: mediaRequestView(c, request) };
    },
  };
}
