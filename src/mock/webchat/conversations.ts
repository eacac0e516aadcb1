/**
 * Guest chat state: conversations, their members, messages and media requests, and the views that
 * render them as the spec's models (WebChatMemberInfo, WebChatMessage, …). Every state change is
 * also published as an event-stream frame (reference §9) through `publish`.
 */
import type { WebChatConversation, WebChatGuestMediaRequest, WebChatMemberInfo, WebChatMessage } from '../../../generated/webchat/schema.js';
import { BoundedMap } from '../store.js';

export type Role = 'AGENT' | 'CUSTOMER' | 'WORKFLOW' | 'ACD';
export type MemberState = 'CONNECTED' | 'DISCONNECTED' | 'ALERTING';
export type BodyType = 'standard' | 'notice' | 'member-join' | 'member-leave' | 'media-request';
export type MediaState = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'TIMEDOUT' | 'CANCELLED' | 'ERRORED';

export interface Member {
  id: string;
  role: Role;
  state: MemberState;
  joinDate: string;
  leaveDate?: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  avatarImageUrl?: string;
  customFields?: Record<string, string>;
  authenticatedGuest?: boolean;
}

export interface ChatMessage {
  id: string;
  senderId: string;
  body: string;
  bodyType: BodyType;
  timestamp: string;
}

export interface MediaRequest {
  id: string;
  types: Array<'COBROWSE' | 'SCREENSHARE'>;
  state: MediaState;
  securityKey: string;
  communicationId?: string;
}

export interface Conversation {
  id: string;
  organizationId: string;
  deploymentId: string;
  guestId: string;
  members: Map<string, Member>;
  /** Chronological; the oldest are dropped past the per-conversation cap. */
  messages: ChatMessage[];
  mediaRequests: Map<string, MediaRequest>;
  ended: boolean;
  /** Handed to the simulated agent (once an event stream connected, or at once with `routeWithoutEventStream`). */
  routed: boolean;
  /** The simulated agent's pending timers, cleared when the chat ends or is evicted. */
  timers: Set<ReturnType<typeof setTimeout>>;
}

/** One event-stream frame: `{topicName, version, eventBody, metadata}`. */
export interface EventFrame {
  topicName: string;
  version: '2';
  eventBody: Record<string, unknown>;
  metadata: { CorrelationId: string; type?: string };
}

export const CONVERSATIONS_PATH = '/api/v2/webchat/guest/conversations';

export function memberView(m: Member): WebChatMemberInfo {
  const view: WebChatMemberInfo = { id: m.id, role: m.role, state: m.state, joinDate: m.joinDate };
  for (const key of ['displayName', 'firstName', 'lastName', 'email', 'phoneNumber', 'avatarImageUrl', 'customFields', 'authenticatedGuest', 'leaveDate'] as const) {
    if (m[key] !== undefined) Object.assign(view, { [key]: m[key] });
  }
  return view;
}

export function conversationRef(c: Conversation): WebChatConversation {
  return { id: c.id, selfUri: `${CONVERSATIONS_PATH}/${c.id}` };
}

export function messageView(c: Conversation, msg: ChatMessage): WebChatMessage {
  const sender = c.members.get(msg.senderId);
  return {
    id: msg.id,
    conversation: conversationRef(c),
    sender: sender ? memberView(sender) : { id: msg.senderId, role: 'ACD' },
    body: msg.body,
    bodyType: msg.bodyType,
    timestamp: msg.timestamp,
    selfUri: `${CONVERSATIONS_PATH}/${c.id}/messages/${msg.id}`,
  };
}

export function mediaRequestView(c: Conversation, r: MediaRequest): WebChatGuestMediaRequest {
  const view: WebChatGuestMediaRequest = {
    id: r.id,
    types: r.types,
    state: r.state,
    securityKey: r.securityKey,
    selfUri: `${CONVERSATIONS_PATH}/${c.id}/mediarequests/${r.id}`,
  };
  if (r.communicationId) view.communicationId = r.communicationId;
  return view;
}

export class ConversationStore {
  readonly #conversations: BoundedMap<string, Conversation>;

  /**
   * Past `cap` conversations, creating one evicts the oldest by creation (not by last use): its timers
   * stop, `evicted` is told (the event streams close) and every later request for it answers 404.
   */
  constructor(
    cap: number,
    readonly messagesPerConversation: number,
    private readonly publish: (conversationId: string, frame: EventFrame) => void,
    evicted: (conversationId: string) => void = () => {},
  ) {
    this.#conversations = new BoundedMap(cap, (id, c) => {
      this.#stopTimers(c);
      evicted(id);
    });
  }

  get(id: string): Conversation | undefined {
    return this.#conversations.get(id);
  }

  create(init: { organizationId: string; deploymentId: string; guest: Omit<Member, 'id' | 'role' | 'state' | 'joinDate'> }, now: number): Conversation {
    const guest: Member = { ...init.guest, id: crypto.randomUUID(), role: 'CUSTOMER', state: 'CONNECTED', joinDate: new Date(now).toISOString() };
    const c: Conversation = {
      id: crypto.randomUUID(),
      organizationId: init.organizationId,
      deploymentId: init.deploymentId,
      guestId: guest.id,
      members: new Map([[guest.id, guest]]),
      messages: [],
      mediaRequests: new Map(),
      ended: false,
      routed: false,
      timers: new Set(),
    };
    this.#conversations.set(c.id, c);
    return c;
  }

  addMember(c: Conversation, member: Member): void {
    c.members.set(member.id, member);
    this.memberChanged(c, member);
  }

  memberChanged(c: Conversation, member: Member): void {
    this.publish(c.id, {
      topicName: `v2.conversations.chats.${c.id}.members`,
      version: '2',
      eventBody: { conversation: { id: c.id }, member: { id: member.id, state: member.state }, timestamp: new Date().toISOString() },
      metadata: { CorrelationId: crypto.randomUUID(), type: 'member-change' },
    });
  }

  addMessage(c: Conversation, senderId: string, body: string, bodyType: BodyType, now = Date.now()): ChatMessage {
    const msg: ChatMessage = { id: crypto.randomUUID(), senderId, body, bodyType, timestamp: new Date(now).toISOString() };
    c.messages.push(msg);
    if (c.messages.length > this.messagesPerConversation) c.messages.splice(0, c.messages.length - this.messagesPerConversation);
    this.publish(c.id, {
      topicName: `v2.conversations.chats.${c.id}.messages`,
      version: '2',
      eventBody: { id: msg.id, conversation: { id: c.id }, sender: { id: senderId }, body, bodyType, timestamp: msg.timestamp },
      metadata: { CorrelationId: crypto.randomUUID(), type: 'message' },
    });
    return msg;
  }

  typing(c: Conversation, senderId: string, now: number): { id: string; timestamp: string } {
    const event = { id: crypto.randomUUID(), timestamp: new Date(now).toISOString() };
    this.publish(c.id, {
      topicName: `v2.conversations.chats.${c.id}.messages`,
      version: '2',
      eventBody: { id: event.id, conversation: { id: c.id }, sender: { id: senderId }, timestamp: event.timestamp },
      metadata: { CorrelationId: crypto.randomUUID(), type: 'typing-indicator' },
    });
    return event;
  }

  /** Marks a member DISCONNECTED with a member-leave message. */
  leave(c: Conversation, member: Member, now: number): void {
    member.state = 'DISCONNECTED';
    member.leaveDate = new Date(now).toISOString();
    this.addMessage(c, member.id, '', 'member-leave', now);
    this.memberChanged(c, member);
  }

  /** Runs `fn` after `ms` unless the conversation ends first. */
  schedule(c: Conversation, ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      c.timers.delete(timer);
      if (!c.ended) fn();
    }, ms);
    // Under Node the timer must not keep the process alive; browsers have no unref.
    (timer as { unref?: () => void }).unref?.();
    c.timers.add(timer);
  }

  end(c: Conversation): void {
    c.ended = true;
    this.#stopTimers(c);
  }

  /** Stops every timer of every conversation (server shutdown). */
  stopAll(): void {
    for (const c of this.#conversations.values()) this.#stopTimers(c);
  }

  #stopTimers(c: Conversation): void {
    for (const t of c.timers) clearTimeout(t);
    c.timers.clear();
  }
}
