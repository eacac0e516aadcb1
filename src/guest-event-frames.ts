/**
 * Telling event-stream frames apart, and the frame a fetched message would have come as. Each frame
 * gets a top-level `kind` (TypeScript narrows on it; it cannot narrow on `metadata.type`).
 */
import type { WebChatMessage } from '../generated/webchat/schema.js';

interface Frame<Kind extends string, Body> {
  kind: Kind;
  topicName: string;
  version?: string;
  eventBody: Body;
  metadata?: { CorrelationId?: string; type?: string };
}

export type MessageEvent = Frame<'message', { id: string; conversation: { id: string }; sender: { id: string }; body?: string; bodyType?: string; timestamp?: string }>;
export type TypingEvent = Frame<'typing-indicator', { id?: string; conversation: { id: string }; sender: { id: string }; timestamp?: string }>;
export type MemberChangeEvent = Frame<'member-change', { conversation: { id: string }; member: { id: string; state?: string }; timestamp?: string }>;
export type HeartbeatEvent = Frame<'heartbeat', { message?: string }>;
/** A frame of a kind this version does not know, as it came. */
export interface UnknownEvent {
  kind: 'unknown';
  frame: unknown;
}

export type EventFrame = MessageEvent | TypingEvent | MemberChangeEvent | HeartbeatEvent | UnknownEvent;
export type MessageLike = Pick<WebChatMessage, 'id' | 'body' | 'bodyType' | 'timestamp'> & { sender?: { id?: string } };

const HEARTBEAT_TOPIC = 'channel.metadata';
const KINDS = new Set(['message', 'typing-indicator', 'member-change']);

export function classifyFrame(value: unknown): EventFrame {
  if (!value || typeof value !== 'object') return { kind: 'unknown', frame: value };
  const frame = value as { topicName?: unknown; eventBody?: unknown; metadata?: { type?: unknown } };
  if (frame.topicName === HEARTBEAT_TOPIC) return { kind: 'heartbeat', ...(frame as Omit<HeartbeatEvent, 'kind'>) };
  const type = frame.metadata?.type;
  if (typeof type !== 'string' || !KINDS.has(type) || !frame.eventBody || typeof frame.eventBody !== 'object') return { kind: 'unknown', frame: value };
  return { kind: type, ...(frame as object) } as EventFrame;
}

/** The `message` frame a fetched message stands for (nested objects carry only `id`, as on the wire). */
export function messageFrame(conversationId: string, message: MessageLike): MessageEvent {
  return {
    kind: 'message',
    topicName: `v2.conversations.chats.${conversationId}.messages`,
    version: '2',
    eventBody: {
      id: message.id!,
      conversation: { id: conversationId },
      sender: { id: message.sender?.id ?? '' },
      ...(message.body !== undefined ? { body: message.body } : {}),
      ...(message.bodyType !== undefined ? { bodyType: message.bodyType } : {}),
      ...(message.timestamp !== undefined ? { timestamp: message.timestamp } : {}),
    },
    metadata: { type: 'message' },
  };
}
