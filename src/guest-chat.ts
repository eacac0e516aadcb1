import type {
  CreateWebChatConversationResponse,
  WebChatGuestMediaRequest,
  WebChatMemberInfo,
  WebChatMessage,
  WebChatTyping,
} from '../generated/webchat/schema.js';
import { BotApisError, EventStreamError } from './core/errors.js';
import { backoffDelay, DEFAULT_RETRY_POLICY } from './core/retry.js';
import { validator } from './core/rules.js';
import type { CallOptions } from './core/options.js';
import { messageCursorItems, pageNumberItems } from './core/pagination.js';
import type { EventFrame } from './guest-event-frames.js';
import type { EventSource, EventsOptions, StreamKit, WebSocketConstructor } from './guest-events.js';
import type { GuestOperations } from './webchat-guest-ops.js';

export interface MessagesOptions extends Pick<CallOptions, 'signal' | 'timeout'> {
  /** Start after this message id. */
  after?: string;
  /** Stop before this message id. */
  before?: string;
  /** @default 'ascending' */
  sortOrder?: 'ascending' | 'descending';
  /** Messages per request, 1–100. @default 100 */
  pageSize?: number;
}

export interface MembersOptions extends Pick<CallOptions, 'signal' | 'timeout'> {
  /** Leave out members who have left. @default false */
  excludeDisconnected?: boolean;
  /** Members per request. @default 25 */
  pageSize?: number;
}

/**
 * One guest's chat, bound to its conversation id, member id and JWT (from `startGuestChat`).
 *
 * @example
 * const chat = await webchat.startGuestChat({ organizationId, deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
 * await chat.send('Hello');
 * for await (const message of chat.messages()) console.log(message.sender.role, message.body);
 * await chat.leave();
 */
export class GuestChat {
  readonly conversationId: string;
  readonly memberId: string;
  readonly member: WebChatMemberInfo | undefined;
  readonly #ops: GuestOperations;
  readonly #webSocket: WebSocketConstructor | undefined;
  /** Open event streams, ended by leave(). */
  readonly #streams = new Set<() => void>();
  // Private, behind getters: neither console.log nor JSON.stringify of a GuestChat shows them.
  readonly #jwt: string;
  readonly #eventStreamUri: string | undefined;

  /** The guest JWT; a secret. */
  get jwt(): string {
    return this.#jwt;
  }

  /**
   * The websocket URI of the conversation's event stream (it embeds the JWT; a secret too).
   * @deprecated The guest event stream belongs to ACD Web Chat version 2, which Genesys has retired with the rest of the WebChat API.
   */
  get eventStreamUri(): string | undefined {
    return this.#eventStreamUri;
  }

  constructor(ops: GuestOperations, created: CreateWebChatConversationResponse, webSocket?: WebSocketConstructor) {
    if (!created.id || !created.member?.id || !created.jwt) throw new BotApisError('the created conversation has no id, member id or jwt');
    this.conversationId = created.id;
    this.memberId = created.member.id;
    this.#jwt = created.jwt;
    this.#eventStreamUri = created.eventStreamUri;
    this.member = created.member;
    this.#ops = ops;
    this.#webSocket = webSocket;
  }

  /**
   * The conversation's events as they happen (messages, typing, members joining and leaving), read
   * from the websocket at `eventStreamUri`. Once the socket is open, the messages said before are
   * fetched and yielded first (`replayed: true`), so a message sent before iterating is not lost. A
   * dropped socket is reopened with bounded backoff, and what was said meanwhile is fetched and yielded
   * once, in order. Ends when the guest leaves (this member DISCONNECTED, or {@link leave}) or `signal`
   * aborts; throws `EventStreamError` when the socket cannot be opened, or keeps closing before its
   * first frame. The chat is routed to an agent only once a socket is connected: start iterating
   * before waiting for an answer.
   *
   * @example
   * for await (const event of chat.events()) {
   *   if (event.kind === 'message') console.log(event.eventBody.body);
   * }
   * @deprecated The guest event stream belongs to ACD Web Chat version 2, which Genesys has retired with the rest of the WebChat API.
   */
  events(options?: EventsOptions): AsyncGenerator<EventFrame, void, undefined> {
    return lazyEvents(
      {
        kit: STREAM_KIT,
        url: this.#eventStreamUri,
        conversationId: this.conversationId,
        memberId: this.memberId,
        WebSocket: this.#webSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket,
        messagesAfter: (after, signal) => this.messages({ ...(after ? { after } : {}), signal }),
        onEnd: (stop) => {
          this.#streams.add(stop);
          return () => this.#streams.delete(stop);
        },
      },
      options,
    );
  }

  /** Sends a message as the guest. */
  send(text: string, options?: CallOptions & { bodyType?: 'standard' | 'notice' }): Promise<WebChatMessage> {
    const { bodyType, ...call } = options ?? {};
    return this.#ops.postWebchatGuestConversationMemberMessages({
      params: { path: { conversationId: this.conversationId, memberId: this.memberId } },
      body: { body: text, ...(bodyType ? { bodyType } : {}) },
      ...call,
    });
  }

  /** Shows the guest as typing. */
  typing(options?: CallOptions): Promise<WebChatTyping> {
    return this.#ops.postWebchatGuestConversationMemberTyping({ params: { path: { conversationId: this.conversationId, memberId: this.memberId } }, ...options });
  }

  /** Every message, following the API's message-id cursors page by page. */
  messages(options: MessagesOptions = {}): AsyncGenerator<WebChatMessage, void, undefined> {
    const { after, before, sortOrder = 'ascending', pageSize = 100, ...call } = options;
    return messageCursorItems(
      (cursor) => this.#ops.getWebchatGuestConversationMessages({ params: { path: { conversationId: this.conversationId }, query: { ...cursor, sortOrder, maxResults: pageSize } }, ...call }),
      { ...(after ? { after } : {}), ...(before ? { before } : {}), sortOrder, pageSize },
    );
  }

  /** Every member, following the API's page numbers. */
  members(options: MembersOptions = {}): AsyncGenerator<WebChatMemberInfo, void, undefined> {
    const { excludeDisconnected = false, pageSize = 25, ...call } = options;
    return pageNumberItems(
      (pageNumber) => this.#ops.getWebchatGuestConversationMembers({ params: { path: { conversationId: this.conversationId }, query: { pageNumber, pageSize, excludeDisconnectedMembers: excludeDisconnected } }, ...call }),
      pageSize,
    );
  }

  /** The media (co-browse / screen share) requests sent to the guest. */
  async mediaRequests(options?: CallOptions): Promise<WebChatGuestMediaRequest[]> {
    const list = await this.#ops.getWebchatGuestConversationMediarequests({ params: { path: { conversationId: this.conversationId } }, ...options });
    return list.entities ?? [];
  }

  /** Answers a media request. */
  answerMediaRequest(request: WebChatGuestMediaRequest & { id: string }, state: 'ACCEPTED' | 'DECLINED' | 'ERRORED', options?: CallOptions): Promise<WebChatGuestMediaRequest> {
    return this.#ops.patchWebchatGuestConversationMediarequest({
      params: { path: { conversationId: this.conversationId, mediaRequestId: request.id } },
      body: { types: request.types, state },
      ...options,
    });
  }

  /** Leaves the chat (removes the guest member). */
  async leave(options?: CallOptions): Promise<void> {
    for (const stop of [...this.#streams]) stop();
    await this.#ops.deleteWebchatGuestConversationMember({ params: { path: { conversationId: this.conversationId, memberId: this.memberId } }, ...options });
  }

  /** Keeps the JWT out of logs and JSON output. */
  toJSON(): Record<string, unknown> {
    return { conversationId: this.conversationId, memberId: this.memberId, jwt: '[redacted]' };
  }
}

const STREAM_KIT: StreamKit = {
  streamError: (message) => new EventStreamError(message),
  validator,
  reconnectDelay: (failures, baseDelayMs, maxDelayMs) => backoffDelay(failures, { ...DEFAULT_RETRY_POLICY, baseDelayMs, maxDelayMs }, Math.random()),
};

/** The stream's code is loaded on first use: an app that never calls `events()` does not ship it. */
async function* lazyEvents(source: EventSource, options: EventsOptions | undefined): AsyncGenerator<EventFrame, void, undefined> {
  const { guestEvents } = await import('./guest-events.js');
  yield* guestEvents(source, options);
}
