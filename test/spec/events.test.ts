import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isWebChatEvent, matchWebChatTopic, webChatEventKindOf, webChatEventKinds, webChatEventStream, type WebChatEvent, type WebChatEventMap } from '../../generated/webchat-events/events.js';
import { webChatEventValidators } from '../../generated/webchat-events/validators.js';
import type { WebChatMessage } from '../../generated/webchat/schema.js';
import type { WebChatMessageEvent as Exported } from '../../src/webchat.js';

type Schema = Record<string, any>;
const doc: Schema = JSON.parse(readFileSync(new URL('../../generated/webchat-events/asyncapi.json', import.meta.url), 'utf8'));
const webchat: Schema = JSON.parse(readFileSync(new URL('../../generated/webchat/openapi.json', import.meta.url), 'utf8'));
const source = readFileSync(new URL('../../openapi/webchat-events.asyncapi.yaml', import.meta.url), 'utf8');
const messages = Object.values<Schema>(doc.components.messages);

describe('the WebChat event-stream AsyncAPI document', () => {
  it('has the four kinds of frame of the reference, with their topics and metadata.type values', () => {
    expect(Object.keys(webChatEventKinds)).toEqual(['message', 'typing-indicator', 'member-change', 'heartbeat']);
    expect(webChatEventKinds.message.topic).toBe('v2.conversations.chats.{conversationId}.messages');
    expect(webChatEventKinds['typing-indicator'].topic).toBe('v2.conversations.chats.{conversationId}.messages');
    expect(webChatEventKinds['member-change'].topic).toBe('v2.conversations.chats.{conversationId}.members');
    expect(webChatEventKinds.heartbeat).toMatchObject({ topic: 'channel.metadata', metadataType: null });
  });

  it('describes the wss server of every WebChat region and the /chat/jwt/{jwt} channel', () => {
    expect(webChatEventStream).toMatchObject({ protocol: 'wss', host: 'streaming.{domain}', address: '/chat/jwt/{jwt}', deprecated: true });
    expect(webChatEventStream.variables.domain.enum).toEqual(webchat.servers[0].variables.domain.enum);
    expect(new RegExp(webChatEventStream.addressPattern).exec('/chat/jwt/abc.def.ghi')?.groups).toEqual({ jwt: 'abc.def.ghi' });
  });

  it('reuses the WebChat models by $ref (no copied enums) and bundles them back inline', () => {
    expect(source).toContain('./webchat.yaml#/components/schemas/WebChatMessage/properties/bodyType');
    expect(source).not.toMatch(/enum: \[standard/);
    const body = doc.components.schemas.WebChatMessageEventBody.properties;
    expect(body.bodyType).toEqual(webchat.components.schemas.WebChatMessage.properties.bodyType);
    expect(doc.components.schemas.WebChatEventMemberState.properties.state.enum).toEqual(webchat.components.schemas.WebChatMemberInfo.properties.state.enum);
    expect(Object.keys(doc.components.schemas).every((n) => /^WebChat/.test(n))).toBe(true);
  });

  it.each(messages.map((m) => [m.name, m] as const))('the example of %s is a valid frame of its kind', (name, message) => {
    const frame = message.examples[0].payload;
    expect(webChatEventKindOf(frame)).toBe(name);
    const validate = webChatEventValidators[name as keyof typeof webChatEventValidators];
    expect(validate(frame), JSON.stringify(validate.errors)).toBe(true);
  });

  it('validators refuse a frame that breaks its schema, naming the field', () => {
    const frame = structuredClone(messages.find((m) => m.name === 'member-change')!.examples[0].payload);
    frame.eventBody.member.state = 'GONE';
    delete frame.metadata.CorrelationId;
    expect(webChatEventValidators['member-change'](frame)).toBe(false);
    expect(webChatEventValidators['member-change'].errors?.map((e) => e.path).sort()).toEqual(['.eventBody.member.state', '.metadata.CorrelationId']);
  });

  it('classifies by topic and metadata.type; unknown kinds and non-frames are undefined', () => {
    const topic = 'v2.conversations.chats.c1.messages';
    expect(webChatEventKindOf({ topicName: topic, metadata: { type: 'typing-indicator' } })).toBe('typing-indicator');
    expect(webChatEventKindOf({ topicName: topic, metadata: { type: 'something-new' } })).toBeUndefined();
    expect(webChatEventKindOf({ topicName: 'v2.other', metadata: { type: 'message' } })).toBeUndefined();
    expect(webChatEventKindOf('{"topicName":"channel.metadata"}')).toBeUndefined();
    expect(webChatEventKindOf(null)).toBeUndefined();
    expect(matchWebChatTopic('member-change', 'v2.conversations.chats.c1.members')).toEqual({ conversationId: 'c1' });
    expect(matchWebChatTopic('member-change', topic)).toBeUndefined();
  });

  it('generates a union that narrows by kind, with the WebChat field types', () => {
    const frame: unknown = messages[0]!.examples[0].payload;
    if (isWebChatEvent(frame, 'message')) {
      expectTypeOf(frame.eventBody.bodyType).toEqualTypeOf<NonNullable<WebChatMessage['bodyType']>>();
      expectTypeOf(frame.metadata.type).toEqualTypeOf<'message'>();
      expectTypeOf(frame.topicName).toEqualTypeOf<`v2.conversations.chats.${string}.messages`>();
    }
    expectTypeOf<WebChatEventMap['heartbeat']['topicName']>().toEqualTypeOf<'channel.metadata'>();
    expectTypeOf<Exported>().toEqualTypeOf<WebChatEventMap['message']>();
    expectTypeOf<WebChatEvent>().toEqualTypeOf<WebChatEventMap[keyof WebChatEventMap]>();
  });
});
