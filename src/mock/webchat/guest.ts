/**
 * The guest chat operations (reference §5 B, operations 9–16): create a chat anonymously, list and
 * read members, leave, send messages and typing indicators, read the history. The JWT was checked by
 * the pipeline (bound to the path's conversation, and to the member for the write operations).
 */
import type { HandlerRequest, Handlers, OperationId, Reply } from '../context.js';
import { MockError } from '../errors.js';
import { FIXTURES, QUEUES } from '../fixtures.js';
import type { GuestJwt } from '../auth/guest-jwt.js';
import type { SimulatedAgent } from './agent.js';
import { conversationRef, memberView, messageView, type Conversation, type ConversationStore, type Member } from './conversations.js';
import type { DeploymentStore } from './deployments.js';
import { membersPage, messagesPage } from './paging.js';

export interface GuestDeps {
  conversations: ConversationStore;
  deployments: DeploymentStore;
  agent: SimulatedAgent;
  jwt: GuestJwt;
  /** ws:// origin of the mock, for eventStreamUri. */
  wsOrigin: string;
}

/** The guest operations with a conversation in the path. */
type GuestOperation = Exclude<Extract<OperationId, `${string}WebchatGuestConversation${string}`>, 'postWebchatGuestConversations'>;
/** The guest operations that act as a member. */
type MemberOperation = 'deleteWebchatGuestConversationMember' | 'postWebchatGuestConversationMemberMessages' | 'postWebchatGuestConversationMemberTyping';

const chatError = (code: string, message: string, fieldName?: string) =>
  new MockError(400, code, message, fieldName ? { details: [{ errorCode: code, fieldName }] } : {});

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function checkOrigin(allowed: string[] | undefined, origin: string | undefined): void {
  if (!allowed || allowed.length === 0 || !origin) return;
  let host = '';
  try {
    host = new URL(origin).hostname;
  } catch {
    // An unparsable Origin matches no allowed domain.
  }
  if (!allowed.includes(host)) {
    throw new MockError(403, 'origin.not.allowed', 'Not allowed to create an ACD chat conversation from an external customer.');
  }
}

export function guestHandlers(deps: GuestDeps): Handlers {
  const { conversations, deployments, agent, jwt } = deps;

  function conversationOf(req: HandlerRequest<GuestOperation>): Conversation {
    const id = req.params.conversationId;
    const c = conversations.get(id);
    if (!c) throw new MockError(404, 'not.found', `The requested resource was not found: conversation ${id}`, { entityId: id });
    return c;
  }

  function activeMember(req: HandlerRequest<MemberOperation>, c: Conversation): Member {
    const member = c.members.get(req.params.memberId);
    if (!member) throw new MockError(404, 'chat.error.not.found', 'The web chat conversation member was not found.');
    if (member.state !== 'CONNECTED') {
      throw chatError('chat.error.member.state', 'The conversation member is in a state which does not permit this action.', 'memberId');
    }
    if (c.ended) throw chatError('chat.error.conversation.state', 'The conversation is in a state which does not permit this action.');
    return member;
  }

  async function create(req: HandlerRequest<'postWebchatGuestConversations'>): Promise<Reply<'postWebchatGuestConversations'>> {
    const { body } = req;
    if (body.deploymentId.trim() === '') {
      throw chatError('chat.error.pattern.createconversationrequest.deploymentid', 'The deploymentid property may not be null.', 'deploymentId');
    }
    const deployment = deployments.get(body.deploymentId);
    if (!deployment) throw chatError('chat.error.bad.request', `The web chat deployment ${body.deploymentId} does not exist.`, 'deploymentId');
    if (body.organizationId !== FIXTURES.webchat.organizationId) {
      throw chatError('chat.error.bad.request', `The deployment does not belong to organization ${body.organizationId}.`, 'organizationId');
    }
    if (deployment.disabled) throw chatError('chat.deployment.disabled', 'The web chat deployment is currently disabled.', 'deploymentId');
    checkOrigin(deployment.allowedDomains, req.header('origin'));
    if (!QUEUES.has(body.routingTarget.targetAddress)) {
      throw chatError('chat.error.createconversationrequest.routingtarget', `The routing target is not valid: no queue named ${body.routingTarget.targetAddress}.`, 'routingTarget.targetAddress');
    }
    const authenticated = body.memberAuthToken !== undefined;
    if (deployment.authenticationRequired && !authenticated) {
      throw chatError('chat.deployment.require.auth', 'The deployment requires the customer member to be authenticated.', 'memberAuthToken');
    }
    if (authenticated && !JWT_SHAPE.test(body.memberAuthToken ?? '')) {
      throw chatError('chat.deployment.bad.auth', 'The customer member authentication has failed.', 'memberAuthToken');
    }
    const c = conversations.create(
      { organizationId: body.organizationId, deploymentId: body.deploymentId, guest: { ...body.memberInfo, authenticatedGuest: authenticated } },
      req.now,
    );
    const guest = c.members.get(c.guestId) as Member;
    const token = await jwt.sign({ org: body.organizationId, conv: c.id, did: body.deploymentId, sub: guest.id }, req.now);
    agent.onCreated(c);
    return { body: { id: c.id, jwt: token, eventStreamUri: `${deps.wsOrigin}/chat/jwt/${token}`, member: memberView(guest) } };
  }

  return {
    postWebchatGuestConversations: create,
    getWebchatGuestConversationMembers: (req) => ({ body: membersPage(conversationOf(req), req.query) }),
    getWebchatGuestConversationMember: (req) => {
      const member = conversationOf(req).members.get(req.params.memberId);
      if (!member) throw new MockError(404, 'chat.error.not.found', 'The web chat conversation member was not found.');
      return { body: memberView(member) };
    },
    deleteWebchatGuestConversationMember: (req) => {
      const c = conversationOf(req);
      const member = activeMember(req, c);
      conversations.leave(c, member, req.now);
      if (member.id === c.guestId) agent.onGuestLeft(c, req.now);
      return { body: undefined };
    },
    postWebchatGuestConversationMemberMessages: (req) => {
      const c = conversationOf(req);
      const member = activeMember(req, c);
      const { body, bodyType = 'standard' } = req.body;
      if (bodyType !== 'standard' && bodyType !== 'notice') {
        throw chatError('chat.error.bad.request', `A guest cannot send messages of bodyType ${bodyType}.`, 'bodyType');
      }
      const msg = conversations.addMessage(c, member.id, body, bodyType, req.now);
      agent.onGuestMessage(c, msg);
      return { body: messageView(c, msg) };
    },
    postWebchatGuestConversationMemberTyping: (req) => {
      const c = conversationOf(req);
      const member = activeMember(req, c);
      const event = conversations.typing(c, member.id, req.now);
      return { body: { id: event.id, conversation: conversationRef(c), sender: memberView(member), timestamp: event.timestamp } };
    },
    getWebchatGuestConversationMessages: (req) => ({ body: messagesPage(conversationOf(req), req.query) }),
    getWebchatGuestConversationMessage: (req) => {
      const c = conversationOf(req);
      const msg = c.messages.find((m) => m.id === req.params.messageId);
      if (!msg) throw new MockError(404, 'chat.error.not.found', 'The web chat conversation message was not found.');
      return { body: messageView(c, msg) };
    },
  };
}
