/**
 * The mock's handlers are typed per operationId from the generated schema types: a handler that reads
 * a field the spec does not have, or answers a body the spec does not allow, does not compile. The
 * `@ts-expect-error` lines fail `tsc` the day they compile (for example after a spec change).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Handler, HandlerRequest, Handlers, RequestBody, SuccessBody } from '../../src/mock/context.js';
import type { PostTextRequest, PostTextResponse } from '../../generated/textbots/schema.js';
import type { WebChatMemberInfoEntityList } from '../../generated/webchat/schema.js';

describe('typed mock handlers', () => {
  it('take the operation request types and answer its success body', () => {
    expectTypeOf<RequestBody<'postTextbotsBotsExecute'>>().toEqualTypeOf<PostTextRequest>();
    expectTypeOf<SuccessBody<'postTextbotsBotsExecute'>>().toEqualTypeOf<PostTextResponse>();
    expectTypeOf<SuccessBody<'getWebchatGuestConversationMembers'>>().toEqualTypeOf<WebChatMemberInfoEntityList>();
    expectTypeOf<SuccessBody<'deleteWebchatSettings'>>().toEqualTypeOf<undefined>();
    expectTypeOf<HandlerRequest<'getWebchatGuestConversationMember'>['params']>().toEqualTypeOf<{ conversationId: string; memberId: string }>();
    expectTypeOf<HandlerRequest<'getWebchatGuestConversationMembers'>['query']['pageNumber']>().toEqualTypeOf<number | undefined>();
  });

  it('refuse what the spec does not say', () => {
    const reads: Handlers = {
      postTextbotsBotsExecute: (req) => {
        // @ts-expect-error PostTextRequest has no `utterance`
        void req.body.utterance;
        return { body: { botState: 'MoreData' } };
      },
      getWebchatGuestConversationMember: (req) => {
        // @ts-expect-error the path has conversationId and memberId only
        void req.params.deploymentId;
        return { body: { id: req.params.memberId, role: 'CUSTOMER', state: 'CONNECTED' } };
      },
    };
    // @ts-expect-error botState is one of Complete | Failed | MoreData
    const wrongValue: Handler<'postTextbotsBotsExecute'> = () => ({ body: { botState: 'Done' } });
    // @ts-expect-error a 204 operation answers no body
    const bodyOn204: Handler<'deleteWebchatSettings'> = () => ({ body: { requireDeployment: false } });
    void [wrongValue, bodyOn204];
    const handlers = reads;
    const execute: Handler<'postTextbotsBotsExecute'> = () => ({ body: { botState: 'MoreData' } });
    expectTypeOf(handlers.postTextbotsBotsExecute).toEqualTypeOf<Handler<'postTextbotsBotsExecute'> | undefined>();
    expectTypeOf(execute).returns.toMatchTypeOf<{ body: PostTextResponse } | Promise<{ body: PostTextResponse }>>();
  });
});
