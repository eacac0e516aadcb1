/**
 * Telling event-stream frames apart (by the generated table of the AsyncAPI document), and the frame a
 * fetched message stands for. Each yielded frame gets a top-level `kind`: TypeScript narrows a union on
 * it, which it cannot do on the nested `metadata.type`.
 */
import { webChatEventKindOf, type WebChatEventKind, type WebChatEventMap, type WebChatMessageEvent } from '../generated/webchat-events/events.js';
import { webChatEventRules } from '../generated/webchat-events/frame-rules.js';
import type { WebChatMessage } from '../generated/webchat/schema.js';
import type { Rule, Validator } from './core/rules.js';

/**
 * A frame of the stream as the AsyncAPI document describes it, plus its `kind`; a `message` fetched
 * through the messages API rather than received (said while no socket was open) has `replayed: true`.
 */
export type GuestChatEvent = { [K in WebChatEventKind]: WebChatEventMap[K] & { kind: K } & (K extends 'message' ? { replayed?: true } : unknown) }[WebChatEventKind];

/** A frame of no kind this version knows, or one that breaks its kind's schema, as it came. */
export interface UnknownEvent {
  kind: 'unknown';
  frame: unknown;
}

/**
 * What `chat.events()` yields. A `message` fetched once a socket opened (said before it, or while a
 * dropped one was reopened) has `replayed: true`; its `CorrelationId` is made up, as no frame carried it.
 */
export type EventFrame = GuestChatEvent | UnknownEvent;

export type MessageLike = Pick<WebChatMessage, 'id' | 'body' | 'bodyType' | 'timestamp'> & { sender?: { id?: string } };

/**
 * A classifier bound to the rule checker it is given (the entry chunk's own, so this lazily loaded
 * module shares no code with it).
 */
export function frameClassifier(bind: (rule: Rule) => Validator): (value: unknown) => EventFrame {
  const validators = {} as Record<WebChatEventKind, Validator>;
  for (const kind of Object.keys(webChatEventRules) as WebChatEventKind[]) validators[kind] = bind(webChatEventRules[kind]);
  return (value) => {
    const kind = webChatEventKindOf(value);
    if (!kind || !validators[kind](value)) return { kind: 'unknown', frame: value };
    return { kind, ...(value as object) } as GuestChatEvent;
  };
}

/** The `message` frame a fetched message stands for (nested objects carry only `id`, as on the wire). */
export function messageFrame(conversationId: string, message: MessageLike): WebChatMessageEvent & { kind: 'message'; replayed: true } {
  return {
    kind: 'message',
    replayed: true,
    topicName: `v2.conversations.chats.${conversationId}.messages`,
    version: '2',
    eventBody: {
      id: message.id!,
      conversation: { id: conversationId },
      sender: { id: message.sender?.id ?? '' },
      body: message.body ?? '',
      bodyType: message.bodyType ?? 'standard',
      timestamp: message.timestamp ?? new Date().toISOString(),
    },
    metadata: { CorrelationId: crypto.randomUUID(), type: 'message' },
  };
}
