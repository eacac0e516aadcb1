import { describe, expect, it } from 'vitest';
import { loadBundle } from '../helpers/specs.js';

// The 22 operations of the vendor pages (shared/reference/seeds), written out by hand.
const OPERATIONS: Array<[api: 'textbots' | 'webchat' | 'botmessage', operationId: string, method: string, path: string]> = [
  ['textbots', 'postTextbotsBotsExecute', 'post', '/api/v2/textbots/bots/execute'],
  ['webchat', 'getWebchatDeployments', 'get', '/api/v2/webchat/deployments'],
  ['webchat', 'postWebchatDeployments', 'post', '/api/v2/webchat/deployments'],
  ['webchat', 'getWebchatDeployment', 'get', '/api/v2/webchat/deployments/{deploymentId}'],
  ['webchat', 'putWebchatDeployment', 'put', '/api/v2/webchat/deployments/{deploymentId}'],
  ['webchat', 'deleteWebchatDeployment', 'delete', '/api/v2/webchat/deployments/{deploymentId}'],
  ['webchat', 'getWebchatSettings', 'get', '/api/v2/webchat/settings'],
  ['webchat', 'putWebchatSettings', 'put', '/api/v2/webchat/settings'],
  ['webchat', 'deleteWebchatSettings', 'delete', '/api/v2/webchat/settings'],
  ['webchat', 'postWebchatGuestConversations', 'post', '/api/v2/webchat/guest/conversations'],
  ['webchat', 'getWebchatGuestConversationMembers', 'get', '/api/v2/webchat/guest/conversations/{conversationId}/members'],
  ['webchat', 'getWebchatGuestConversationMember', 'get', '/api/v2/webchat/guest/conversations/{conversationId}/members/{memberId}'],
  ['webchat', 'deleteWebchatGuestConversationMember', 'delete', '/api/v2/webchat/guest/conversations/{conversationId}/members/{memberId}'],
  ['webchat', 'postWebchatGuestConversationMemberMessages', 'post', '/api/v2/webchat/guest/conversations/{conversationId}/members/{memberId}/messages'],
  ['webchat', 'postWebchatGuestConversationMemberTyping', 'post', '/api/v2/webchat/guest/conversations/{conversationId}/members/{memberId}/typing'],
  ['webchat', 'getWebchatGuestConversationMessages', 'get', '/api/v2/webchat/guest/conversations/{conversationId}/messages'],
  ['webchat', 'getWebchatGuestConversationMessage', 'get', '/api/v2/webchat/guest/conversations/{conversationId}/messages/{messageId}'],
  ['webchat', 'getWebchatGuestConversationMediarequests', 'get', '/api/v2/webchat/guest/conversations/{conversationId}/mediarequests'],
  ['webchat', 'getWebchatGuestConversationMediarequest', 'get', '/api/v2/webchat/guest/conversations/{conversationId}/mediarequests/{mediaRequestId}'],
  ['webchat', 'patchWebchatGuestConversationMediarequest', 'patch', '/api/v2/webchat/guest/conversations/{conversationId}/mediarequests/{mediaRequestId}'],
  ['botmessage', 'sendBotMessage', 'post', '/department/{departmentUUID}/user/{userUUID}/botmessage/send'],
  ['botmessage', 'saveBotMessage', 'put', '/department/{departmentUUID}/user/{userUUID}/botmessage'],
];

const GENESYS_ERRORS = ['400', '401', '403', '404', '408', '409', '413', '415', '429', '500', '503', '504'];

function operationsIn(api: 'textbots' | 'webchat' | 'botmessage') {
  const doc = loadBundle(api);
  const out: Array<[string, string, string, any]> = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (op && typeof op === 'object' && op.operationId) out.push([op.operationId, method, path, op]);
    }
  }
  return { doc, ops: out };
}

describe('the 22 operations', () => {
  it('each spec has exactly the operations of the vendor pages', () => {
    for (const api of ['textbots', 'webchat', 'botmessage'] as const) {
      const expected = OPERATIONS.filter((o) => o[0] === api).map((o) => `${o[1]} ${o[2]} ${o[3]}`).sort();
      const actual = operationsIn(api).ops.map(([id, m, p]) => `${id} ${m} ${p}`).sort();
      expect(actual).toEqual(expected);
    }
    expect(OPERATIONS).toHaveLength(22);
  });

  it.each(OPERATIONS.filter((o) => o[0] !== 'botmessage'))('%s %s documents every Genesys error status and the correlation header', (api, id) => {
    const { doc, ops } = operationsIn(api);
    const op = ops.find(([opId]) => opId === id)![3];
    expect(Object.keys(op.responses).filter((s) => !s.startsWith('2')).sort()).toEqual(GENESYS_ERRORS);
    const success = Object.entries<any>(op.responses).find(([s]) => s.startsWith('2'))![1];
    expect(success.headers?.['ININ-Correlation-Id']).toBeDefined();
    const tooMany = op.responses['429'].$ref.split('/').pop();
    expect(doc.components.responses[tooMany].headers['Retry-After']).toBeDefined();
  });

  it('security is as the vendor runs it', () => {
    const { ops } = operationsIn('webchat');
    const byId = Object.fromEntries(ops.map(([id, , , op]) => [id, op]));
    expect(byId.postWebchatGuestConversations.security).toEqual([]);
    expect(byId.getWebchatGuestConversationMessages.security).toEqual([{ GuestChatJWT: [] }]);
    expect(byId.getWebchatDeployments.security).toEqual(expect.arrayContaining([{ PureCloudOAuth: ['web-chat'] }, { PureCloudOAuth: ['web-chat:readonly'] }]));
    expect(byId.postWebchatDeployments.security).toEqual([{ PureCloudOAuth: ['web-chat'] }]);
    expect(Object.values<any>(byId).every((op) => op.deprecated === true)).toBe(true);
    const textbots = operationsIn('textbots').ops[0]![3];
    expect(textbots.security).toEqual([{ PureCloudOAuth: ['textbots'] }]);
    expect(textbots.deprecated ?? false).toBe(false);
    expect(textbots['x-inin-requires-permissions'].permissions).toEqual(['textbots:session:execute']);
    const bm = loadBundle('botmessage');
    expect(bm.security).toEqual([{ basicAuth: [] }]);
    expect(bm.components.securitySchemes.basicAuth).toMatchObject({ type: 'http', scheme: 'basic' });
  });

  it('deletes answer 204 without a body', () => {
    const { ops } = operationsIn('webchat');
    for (const [id, method, , op] of ops) {
      if (method !== 'delete') continue;
      expect(op.responses['204'], id).toBeDefined();
      expect(op.responses['204'].content, id).toBeUndefined();
    }
  });

  it('query parameters carry the vendor defaults and limits', () => {
    const { ops } = operationsIn('webchat');
    const params = (id: string) => Object.fromEntries(ops.find(([opId]) => opId === id)![3].parameters.map((p: any) => [p.name, p]));
    const messages = params('getWebchatGuestConversationMessages');
    expect(messages.maxResults.schema).toMatchObject({ type: 'integer', default: 100, maximum: 100 });
    expect(messages.sortOrder.schema).toMatchObject({ default: 'ascending', enum: ['ascending', 'descending'] });
    const members = params('getWebchatGuestConversationMembers');
    expect(members.pageSize.schema).toMatchObject({ type: 'integer', format: 'int32', default: 25 });
    expect(members.pageNumber.schema).toMatchObject({ type: 'integer', format: 'int32', default: 1 });
    expect(members.excludeDisconnectedMembers.schema).toMatchObject({ type: 'boolean', default: false });
  });

  it('servers: every Genesys region and the myKaarma production URL', () => {
    const regions = loadBundle('webchat').servers[0].variables.domain.enum;
    expect(regions).toHaveLength(18);
    expect(regions).toContain('mypurecloud.ie');
    expect(regions).toContain('use2.us-gov-pure.cloud');
    expect(loadBundle('textbots').servers).toEqual(loadBundle('webchat').servers);
    expect(loadBundle('botmessage').servers[0].url).toBe('https://api.mykaarma.com/communications');
  });
});
