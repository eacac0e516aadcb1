import { describe, expect, it } from 'vitest';
import { clientCredentials, createBotMessageClient, createGuestChatClient, createTextbotsClient, createWebChatClient, type GenesysAuth } from '../../src/index.js';

/**
 * Misuse that must not compile. `tsc --noEmit` (part of `npm test`) checks that every line below the
 * `@ts-expect-error` has an error; test/types/messages.test.ts checks that the error says what the
 * text after the directive says (a readable message, not a wall of mapped types).
 */
const bot = createBotMessageClient({ auth: { username: 'u', password: 'p' } });
const textbots = createTextbotsClient({ auth: { accessToken: 't' } });
const webchat = createWebChatClient({ auth: clientCredentials({ clientId: 'id', clientSecret: 'secret' }) });
const guest = createGuestChatClient({ region: 'mypurecloud.com' });
const path = { departmentUUID: 'd', userUUID: 'u' };

export async function misuse(): Promise<void> {
  await bot.sendBotMessage({
    params: { path },
    body: {
      // @ts-expect-error: Type '"INCOMING"' is not assignable to type '"OUTGOING"'
      messageAttributes: { body: 'Hi', type: 'INCOMING', protocol: 'TEXT' },
      messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Bot' },
    },
  });

  await bot.sendBotMessage({
    params: { path },
    body: {
      messageAttributes: { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT' },
      // @ts-expect-error: Property 'senderName' is missing
      messageSendingAttributes: { recipientCommunicationValue: '+14155550123' },
    },
  });

  await bot.sendBotMessage({
    // @ts-expect-error: 'departmentUuid' does not exist in type
    params: { path: { departmentUuid: 'd', userUUID: 'u' } },
    body: { messageAttributes: { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+1', senderName: 'Bot' } },
  });

  const withJwt = createWebChatClient({ auth: { guestJwt: 'jwt' } });
  await withJwt.getWebchatGuestConversationMessages({
    // @ts-expect-error: Type 'string' is not assignable to type 'number'
    params: { path: { conversationId: 'c' }, query: { maxResults: 'ten' } },
  });

  await textbots.postTextbotsBotsExecute({
    // @ts-expect-error: 'botName' does not exist in type
    body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text: 'Hi' }, botName: 'x' },
  });

  // @ts-expect-error: Property 'params' is missing
  await bot.sendBotMessage({ body: { messageAttributes: { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT' }, messageSendingAttributes: { recipientCommunicationValue: '+1', senderName: 'Bot' } } });

  // @ts-expect-error: this guest operation needs a guest JWT
  await webchat.postWebchatGuestConversationMemberMessages({ params: { path: { conversationId: 'c', memberId: 'm' } }, body: { body: 'Hi' } });

  // @ts-expect-error: this guest operation needs a guest JWT
  await guest.getWebchatGuestConversationMessages({ params: { path: { conversationId: 'c' } } });

  const reply = await textbots.postTextbotsBotsExecute({ body: { botId: 'b', integrationId: 'i', botSessionId: 's', postTextMessage: { type: 'Text', text: 'Hi' } } });
  // @ts-expect-error: Property 'botstate' does not exist on type 'PostTextResponse'. Did you mean 'botState'?
  console.log(reply.botstate);

  // @ts-expect-error: 'guestJWT' does not exist in type
  createWebChatClient({ auth: { accessToken: 't', guestJWT: 'x' } });

  // @ts-expect-error: Expected 0-1 arguments, but got 2
  await webchat.getWebchatDeployments({}, { timeout: 5000 });
}

/** The same clients used as intended compile (the lines above fail only for what they name). */
export async function intendedUse(jwt: string): Promise<void> {
  const withJwt = createWebChatClient({ auth: { guestJwt: jwt } });
  await withJwt.postWebchatGuestConversationMemberMessages({ params: { path: { conversationId: 'c', memberId: 'm' } }, body: { body: 'Hi' } });
  const chat = await guest.startGuestChat({ organizationId: 'o', deploymentId: 'd', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } });
  await chat.send('Hi', { timeout: 5000 });
  // Credentials whose type may hold a guest JWT keep the guest operations (the types cannot know).
  const auth: GenesysAuth = { guestJwt: jwt };
  await createGuestChatClient({ auth }).getWebchatGuestConversationMessages({ params: { path: { conversationId: 'c' } } });
  await webchat.getWebchatDeployments({ timeout: 5000, retry: false });
}

describe('misuse', () => {
  it('is checked by tsc (this file compiles only if every marked line is an error)', () => {
    expect(typeof misuse).toBe('function');
  });
});
