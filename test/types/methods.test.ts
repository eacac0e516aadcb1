import { describe, expect, expectTypeOf, it } from 'vitest';
import type { OperationRoutes as BotMessageRoutes } from '../../generated/botmessage/operations.js';
import type { OperationRoutes as TextbotsRoutes } from '../../generated/textbots/operations.js';
import type { OperationRoutes as WebChatRoutes } from '../../generated/webchat/operations.js';
import type { BotMessageResponse } from '../../generated/botmessage/schema.js';
import type { ErrorBody } from '../../generated/textbots/schema.js';
import type { OperationMethods } from '../../src/core/client.js';
import {
  ApiError,
  createBotMessageClient,
  createTextbotsClient,
  isApiError,
  ValidationError,
  type BotMessageMethods,
  type TextbotsMethods,
  type UndeclaredStatus,
  type WebChatMethods,
} from '../../src/index.js';
import { fakeFetch, json } from '../helpers/fake-fetch.js';

/** Each member of A and B accepts and returns the same: the function types are assignable both ways. */
type SameMembers<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? { [K in keyof A & keyof B]: [A[K]] extends [B[K]] ? ([B[K]] extends [A[K]] ? true : K) : K }[keyof A & keyof B]
    : 'keys differ'
  : 'keys differ';

describe('the generated methods interfaces', () => {
  it('declare exactly the signatures openapi-fetch types give each operation (so the casts in src/ are sound)', () => {
    expectTypeOf<SameMembers<TextbotsMethods, OperationMethods<TextbotsRoutes>>>().toEqualTypeOf<true>();
    expectTypeOf<SameMembers<WebChatMethods, OperationMethods<WebChatRoutes>>>().toEqualTypeOf<true>();
    expectTypeOf<SameMembers<BotMessageMethods, OperationMethods<BotMessageRoutes>>>().toEqualTypeOf<true>();
  });
});

describe('isApiError', () => {
  const body = { messageAttributes: { body: 'Hi', type: 'OUTGOING' as const, protocol: 'TEXT' as const }, messageSendingAttributes: { recipientCommunicationValue: '+14155550123', senderName: 'Bot' } };
  const path = { departmentUUID: 'd', userUUID: 'u' };

  it('narrows status and body together from the operation declared responses', () => {
    const never = (): unknown => undefined;
    const error = never();
    if (isApiError(error, 'sendBotMessage')) {
      expectTypeOf(error).toMatchTypeOf<ApiError>();
      if (error.status === 400) expectTypeOf(error.body).toEqualTypeOf<BotMessageResponse>();
      if (error.status === 200) expectTypeOf(error.body.status).toEqualTypeOf<'FAILURE'>();
      if (error.status === 401) expectTypeOf(error.body).not.toBeUnknown();
      if (error.status !== 400 && error.status !== 401 && error.status !== 500 && error.status !== 200) {
        expectTypeOf(error.status).toEqualTypeOf<UndeclaredStatus<'sendBotMessage'>>();
        expectTypeOf<502>().toMatchTypeOf<typeof error.status>();
        expectTypeOf(error.body).toBeUnknown();
      }
    }
    if (isApiError(error, 'postTextbotsBotsExecute') && error.status === 404) expectTypeOf(error.body).toEqualTypeOf<ErrorBody>();
    if (isApiError(error)) expectTypeOf(error.body).toBeUnknown();
    // @ts-expect-error: not an operation of any API
    isApiError(error, 'sendBotMesage');
  });

  it('is true only for the operation that threw', async () => {
    const { fetch } = fakeFetch([json(400, { errors: [{ errorCode: 'INVALID_MESSAGE_TYPE', errorDescription: 'Supported Message Types are: [OUTGOING]' }] })]);
    const bot = createBotMessageClient({ baseUrl: 'http://127.0.0.1:9', fetch, auth: { username: 'u', password: 'p' } });
    const error = await bot.sendBotMessage({ params: { path }, body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error)).toBe(true);
    expect(isApiError(error, 'sendBotMessage')).toBe(true);
    expect(isApiError(error, 'saveBotMessage')).toBe(false);
    if (!isApiError(error, 'sendBotMessage') || error.status !== 400) throw new Error('not narrowed');
    expect(error.body.errors?.[0]?.errorCode).toBe('INVALID_MESSAGE_TYPE');
  });

  it('is false for what is not an HTTP error answer', async () => {
    const textbots = createTextbotsClient({ baseUrl: 'http://127.0.0.1:9', fetch: fakeFetch([json(200, {})]).fetch, auth: { accessToken: 't' } });
    // @ts-expect-error: postTextMessage is required
    const refused = await textbots.postTextbotsBotsExecute({ body: { botId: 'b', integrationId: 'i', botSessionId: 's' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(isApiError(refused)).toBe(false);
    expect(isApiError(new Error('x'), 'postTextbotsBotsExecute')).toBe(false);
    expect(isApiError(undefined)).toBe(false);
  });
});
