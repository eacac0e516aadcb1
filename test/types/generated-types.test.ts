import createClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { paths as TextbotsPaths, PostTextRequest, PostTextResponse } from '../../generated/textbots/schema.js';
import type { paths as WebChatPaths, WebChatMessage, WebChatMemberInfo, CreateWebChatConversationRequest } from '../../generated/webchat/schema.js';
import type { paths as BotMessagePaths, SendBotMessageRequest, BotMessageResponse } from '../../generated/botmessage/schema.js';

// These assertions are checked by `tsc --noEmit` (part of `npm test`); a wrong line fails the build.
describe('generated types', () => {
  it('name every model and keep the vendor enums', () => {
    expectTypeOf<PostTextResponse['botState']>().toEqualTypeOf<'Complete' | 'Failed' | 'MoreData'>();
    expectTypeOf<PostTextRequest['botId']>().toEqualTypeOf<string>();
    expectTypeOf<WebChatMemberInfo['role']>().toEqualTypeOf<'AGENT' | 'CUSTOMER' | 'WORKFLOW' | 'ACD'>();
    expectTypeOf<WebChatMessage['bodyType']>().toEqualTypeOf<'standard' | 'notice' | 'member-join' | 'member-leave' | 'media-request'>();
    expectTypeOf<CreateWebChatConversationRequest['routingTarget']['targetType']>().toEqualTypeOf<'QUEUE'>();
    expectTypeOf<SendBotMessageRequest['messageAttributes']['type']>().toEqualTypeOf<'OUTGOING'>();
    expectTypeOf<BotMessageResponse['status']>().toEqualTypeOf<'SUCCESS' | 'FAILURE' | null | undefined>();
  });

  it('type paths, params and bodies for openapi-fetch', () => {
    const textbots = createClient<TextbotsPaths>({ baseUrl: 'http://127.0.0.1:1' });
    const webchat = createClient<WebChatPaths>({ baseUrl: 'http://127.0.0.1:1' });
    const botmessage = createClient<BotMessagePaths>({ baseUrl: 'http://127.0.0.1:1' });
    const never = () => false;
    if (never()) {
      void textbots.POST('/api/v2/textbots/bots/execute', {
        body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text: 'hi' } },
      });
      // @ts-expect-error a path that does not exist
      void textbots.POST('/api/v2/textbots/bots/run', { body: {} });
      // @ts-expect-error postTextMessage is required
      void textbots.POST('/api/v2/textbots/bots/execute', { body: { botId: 'b', integrationId: 'i', botSessionId: 's' } });
      void webchat.GET('/api/v2/webchat/guest/conversations/{conversationId}/messages', {
        params: { path: { conversationId: 'c' }, query: { sortOrder: 'descending', maxResults: 10 } },
      });
      // @ts-expect-error sortOrder is an enum
      void webchat.GET('/api/v2/webchat/guest/conversations/{conversationId}/messages', { params: { path: { conversationId: 'c' }, query: { sortOrder: 'newest' } } });
      void botmessage.POST('/department/{departmentUUID}/user/{userUUID}/botmessage/send', {
        params: { path: { departmentUUID: 'd', userUUID: 'u' } },
        // @ts-expect-error send accepts only OUTGOING
        body: { messageAttributes: { body: 'x', type: 'DRAFT', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Bot' } },
      });
    }
  });
});
