/**
 * One table of good and bad requests for every operation of the three APIs. Each row is sent twice by
 * agreement.test.ts: through the client method, and as plain HTTP to the mock over a socket. The client
 * and the mock must give the same verdict on every row, and name the same field when they refuse.
 *
 * Values that only exist at run time are written as `$name` and filled in from fresh fixtures per run
 * (a conversation and its guest JWT, a message, a media request, a deployment, a saved bot message):
 * `$conversationId`, `$memberId`, `$messageId`, `$mediaRequestId`, `$deploymentId`, `$savedUuid`,
 * `$botSessionId`, plus the mock's constant fixtures (`$botId`, `$organizationId`, `$departmentUUID`, …).
 */

export type Api = 'textbots' | 'webchat' | 'botmessage';

export interface AgreementCase {
  /** What the row checks (unique; it names the test). */
  name: string;
  api: Api;
  operationId: string;
  /** Path parameters as the client passes them. */
  path?: Record<string, string>;
  /**
   * A path segment written on the wire as given instead of percent-encoding the client's value
   * (`%2e%2e`, which a server decodes to `..`).
   */
  wirePath?: Record<string, string>;
  /** Query parameters as the client passes them; on the wire each value is `String(value)`, arrays repeated. */
  query?: Record<string, unknown>;
  /** The Content-Type header, when it is not `application/json`. */
  contentType?: string;
  /** The JSON body (absent: no body). */
  body?: unknown;
  verdict: 'accept' | 'refuse';
  /**
   * For a refusal: the field both must name, as the client words it (`params.query.pageNumber`,
   * `params.path.conversationId`, `body.memberInfo.displayName`, `body`, `headers.Content-Type`).
   */
  field?: string;
  /** The mock's status when it is not the default (accept: 2xx; refuse: 400); e.g. 415 for a media type. */
  status?: number;
}

// ---- valid requests, the base every bad row breaks in one place ----

const execute = () => ({
  botId: '$botId',
  integrationId: '$integrationId',
  botSessionId: '$botSessionId',
  languageCode: 'en-us',
  postTextMessage: { type: 'Text', text: 'book a service appointment' },
});
const createChat = () => ({
  organizationId: '$organizationId',
  deploymentId: '$seedDeploymentId',
  routingTarget: { targetType: 'QUEUE', targetAddress: '$queueName' },
  memberInfo: { displayName: 'Jordan' },
});
const deployment = () => ({ name: 'Agreement widget', description: 'table row', disabled: false, webChatConfig: { webChatSkin: 'basic' } });
const mediaPatch = () => ({ state: 'ACCEPTED', types: ['SCREENSHARE'] });
const send = () => ({
  messageAttributes: { body: 'Your car is ready', type: 'OUTGOING', protocol: 'TEXT' },
  messageSendingAttributes: { recipientCommunicationValue: '$userPhone', senderName: 'Service Bot' },
});
const save = () => ({
  messageAttributes: { body: 'Reminder', type: 'OUTGOING', protocol: 'TEXT' },
  messageSendingAttributes: { recipientCommunicationValue: '$userPhone', senderCommunicationValue: '+14155550100' },
  messageDeliveryAttributes: { deliveryStatus: '1', sentTimestamp: '2026-05-06T10:00:00Z' },
});

const conv = { conversationId: '$conversationId' };
const member = { conversationId: '$conversationId', memberId: '$memberId' };
const message = { conversationId: '$conversationId', messageId: '$messageId' };
const media = { conversationId: '$conversationId', mediaRequestId: '$mediaRequestId' };
const deployed = { deploymentId: '$deploymentId' };
const dept = { departmentUUID: '$departmentUUID', userUUID: '$userUUID' };

/** A copy of `base` with the value at the dotted `at` replaced (`undefined` removes it). */
function edit(base: unknown, at: string, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = at.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

type Row = Omit<AgreementCase, 'verdict' | 'field'>;
const ok = (row: Row): AgreementCase => ({ ...row, verdict: 'accept' });
const bad = (field: string, row: Row): AgreementCase => ({ ...row, verdict: 'refuse', field });

// ---- the path-parameter rows every operation with path parameters gets: empty, dot segments, encoded dots, separators ----

function pathRows(api: Api, operationId: string, valid: Record<string, string>, body?: unknown): AgreementCase[] {
  const rows: AgreementCase[] = [];
  for (const name of Object.keys(valid)) {
    const field = `params.path.${name}`;
    const base = { api, operationId, ...(body === undefined ? {} : { body }) };
    rows.push(bad(field, { ...base, name: `${operationId}: empty ${name}`, path: { ...valid, [name]: '' } }));
    rows.push(bad(field, { ...base, name: `${operationId}: ${name} is ..`, path: { ...valid, [name]: '..' } }));
    rows.push(bad(field, { ...base, name: `${operationId}: ${name} is .`, path: { ...valid, [name]: '.' } }));
    rows.push(bad(field, { ...base, name: `${operationId}: ${name} is %2e%2e on the wire`, path: { ...valid, [name]: '..' }, wirePath: { [name]: '%2e%2e' } }));
    rows.push(bad(field, { ...base, name: `${operationId}: ${name} holds a slash (%2F on the wire)`, path: { ...valid, [name]: 'a/b' } }));
  }
  return rows;
}

// ---- Textbots (1 operation) ----

const T = { api: 'textbots', operationId: 'postTextbotsBotsExecute' } as const;
const textbots: AgreementCase[] = [
  ok({ ...T, name: 'execute: a valid turn', body: execute() }),
  ok({ ...T, name: 'execute: unknown body fields are allowed (open schema)', body: { ...execute(), futureField: { any: 1 } } }),
  ok({ ...T, name: 'execute: int32 session timeout at its maximum', body: { ...execute(), botSessionTimeoutMinutes: 2147483647 } }),
  ok({ ...T, name: 'execute: enum value of botChannels', body: { ...execute(), botChannels: ['Webchat', 'Messaging'] } }),
  ok({ ...T, name: 'execute: string map of lex session attributes', body: { ...execute(), amazonLexRequest: { sessionAttributes: { plate: 'ABC123' } } } }),
  ok({ ...T, name: 'execute: structured content with a text item', body: edit(execute(), 'postTextMessage.content', [{ contentType: 'Text', text: { body: 'hi' } }]) }),
  ok({ ...T, name: 'execute: a media type with parameters', contentType: 'application/json; charset=utf-8', body: execute() }),
  bad('body.botId', { ...T, name: 'execute: botId missing', body: edit(execute(), 'botId', undefined) }),
  bad('body.botSessionId', { ...T, name: 'execute: botSessionId missing', body: edit(execute(), 'botSessionId', undefined) }),
  bad('body.integrationId', { ...T, name: 'execute: integrationId missing', body: edit(execute(), 'integrationId', undefined) }),
  bad('body.postTextMessage', { ...T, name: 'execute: postTextMessage missing', body: edit(execute(), 'postTextMessage', undefined) }),
  bad('body.postTextMessage.type', { ...T, name: 'execute: message type missing', body: edit(execute(), 'postTextMessage.type', undefined) }),
  bad('body.postTextMessage.type', { ...T, name: 'execute: message type outside its enum', body: edit(execute(), 'postTextMessage.type', 'Textual') }),
  bad('body.postTextMessage.type', { ...T, name: 'execute: enum is case-sensitive', body: edit(execute(), 'postTextMessage.type', 'text') }),
  bad('body.postTextMessage.text', { ...T, name: 'execute: text is a number', body: edit(execute(), 'postTextMessage.text', 42) }),
  bad('body.botId', { ...T, name: 'execute: botId is null', body: edit(execute(), 'botId', null) }),
  bad('body.botSessionTimeoutMinutes', { ...T, name: 'execute: int32 one past its maximum', body: { ...execute(), botSessionTimeoutMinutes: 2147483648 } }),
  bad('body.botSessionTimeoutMinutes', { ...T, name: 'execute: int32 one below its minimum', body: { ...execute(), botSessionTimeoutMinutes: -2147483649 } }),
  bad('body.botSessionTimeoutMinutes', { ...T, name: 'execute: integer with a fraction', body: { ...execute(), botSessionTimeoutMinutes: 1.5 } }),
  bad('body.botSessionTimeoutMinutes', { ...T, name: 'execute: integer written as a string', body: { ...execute(), botSessionTimeoutMinutes: '30' } }),
  bad('body.botChannels.0', { ...T, name: 'execute: botChannels item outside its enum', body: { ...execute(), botChannels: ['Fax'] } }),
  bad('body.botChannels', { ...T, name: 'execute: botChannels not an array', body: { ...execute(), botChannels: 'Webchat' } }),
  bad('body.messagingPlatformType', { ...T, name: 'execute: messagingPlatformType outside its enum', body: { ...execute(), messagingPlatformType: 'Pager' } }),
  bad('body.amazonLexRequest.sessionAttributes.plate', { ...T, name: 'execute: a string map with a number value', body: { ...execute(), amazonLexRequest: { sessionAttributes: { plate: 7 } } } }),
  bad('body.postTextMessage.content.0.contentType', { ...T, name: 'execute: content item without contentType', body: edit(execute(), 'postTextMessage.content', [{ text: { body: 'hi' } }]) }),
  bad('body.postTextMessage.content.0.text.body', { ...T, name: 'execute: text content without body', body: edit(execute(), 'postTextMessage.content', [{ contentType: 'Text', text: {} }]) }),
  bad('body.postTextMessage.content.0.location.latitude', { ...T, name: 'execute: double written as a string', body: edit(execute(), 'postTextMessage.content', [{ contentType: 'Location', location: { latitude: 'north' } }]) }),
  bad('body.postTextMessage.content.0.reactions.0.count', { ...T, name: 'execute: int32 overflow deep in content', body: edit(execute(), 'postTextMessage.content', [{ contentType: 'Reactions', reactions: [{ count: 3000000000 }] }]) }),
  bad('body.postTextMessage.content.0.datePicker.dateMinimum', { ...T, name: 'execute: date-time that is not one', body: edit(execute(), 'postTextMessage.content', [{ contentType: 'DatePicker', datePicker: { dateMinimum: '2026-02-30T10:00:00Z' } }]) }),
  bad('body.postTextMessage.content.0.push.expiration', { ...T, name: 'execute: int64 beyond a safe integer', body: edit(execute(), 'postTextMessage.content', [{ contentType: 'Push', push: { deviceToken: 't', deviceTokenId: 'i', deviceType: 'IOS', expiration: 2 ** 53, failedMessages: [], notificationMessage: { body: 'b', title: 't' }, pushProviderIntegration: { id: 'p', provider: 'APNS' } } }]) }),
  bad('body', { ...T, name: 'execute: body missing' }),
  bad('body', { ...T, name: 'execute: body is an array', body: [execute()] }),
  bad('headers.Content-Type', { ...T, name: 'execute: text/plain', contentType: 'text/plain', body: execute(), status: 415 }),
  bad('headers.Content-Type', { ...T, name: 'execute: form-urlencoded', contentType: 'application/x-www-form-urlencoded', body: execute(), status: 415 }),
];

// ---- WebChat: deployments and settings (OAuth) ----

const W = (operationId: string) => ({ api: 'webchat', operationId }) as const;
const deployments: AgreementCase[] = [
  ok({ ...W('getWebchatDeployments'), name: 'list deployments' }),
  bad('params.query.pageSize', { ...W('getWebchatDeployments'), name: 'list deployments: undeclared query parameter', query: { pageSize: 5 } }),
  ok({ ...W('postWebchatDeployments'), name: 'create deployment', body: deployment() }),
  ok({ ...W('postWebchatDeployments'), name: 'create deployment: empty object (no required fields)', body: {} }),
  ok({ ...W('postWebchatDeployments'), name: 'create deployment: read-only and unknown fields pass the schema', body: { ...deployment(), id: 'ignored', extra: true } }),
  ok({ ...W('postWebchatDeployments'), name: 'create deployment: +json media type', contentType: 'application/vnd.genesys+json', body: deployment() }),
  bad('body.disabled', { ...W('postWebchatDeployments'), name: 'create deployment: boolean written as a string', body: { ...deployment(), disabled: 'false' } }),
  bad('body.webChatConfig.webChatSkin', { ...W('postWebchatDeployments'), name: 'create deployment: skin outside its enum', body: { ...deployment(), webChatConfig: { webChatSkin: 'dark' } } }),
  bad('body.allowedDomains.0', { ...W('postWebchatDeployments'), name: 'create deployment: domain list with a number', body: { ...deployment(), allowedDomains: [1] } }),
  bad('body.selfUri', { ...W('postWebchatDeployments'), name: 'create deployment: uri-reference with a space', body: { ...deployment(), selfUri: '/api/v2/a b' } }),
  bad('body.flow', { ...W('postWebchatDeployments'), name: 'create deployment: object written as a string', body: { ...deployment(), flow: 'flow-1' } }),
  bad('body', { ...W('postWebchatDeployments'), name: 'create deployment: body missing' }),
  bad('body', { ...W('postWebchatDeployments'), name: 'create deployment: body is a string', body: 'deployment' }),
  bad('headers.Content-Type', { ...W('postWebchatDeployments'), name: 'create deployment: text/plain', contentType: 'text/plain', body: deployment(), status: 415 }),
  ok({ ...W('getWebchatDeployment'), name: 'get deployment', path: deployed }),
  ok({ ...W('getWebchatDeployment'), name: 'get deployment: an unknown id passes the rules (404)', path: { deploymentId: 'no-such-deployment' }, status: 404 }),
  bad('params.query.expand', { ...W('getWebchatDeployment'), name: 'get deployment: undeclared query parameter', path: deployed, query: { expand: 'all' } }),
  ...pathRows('webchat', 'getWebchatDeployment', deployed),
  ok({ ...W('putWebchatDeployment'), name: 'replace deployment', path: deployed, body: deployment() }),
  ok({ ...W('putWebchatDeployment'), name: 'replace deployment: authenticationRequired true', path: deployed, body: { ...deployment(), authenticationRequired: true, authenticationUrl: 'https://example.invalid/auth' } }),
  bad('body.authenticationRequired', { ...W('putWebchatDeployment'), name: 'replace deployment: boolean as a number', path: deployed, body: { ...deployment(), authenticationRequired: 1 } }),
  bad('body.name', { ...W('putWebchatDeployment'), name: 'replace deployment: name is null', path: deployed, body: { ...deployment(), name: null } }),
  bad('body', { ...W('putWebchatDeployment'), name: 'replace deployment: body missing', path: deployed }),
  bad('headers.Content-Type', { ...W('putWebchatDeployment'), name: 'replace deployment: application/xml', path: deployed, contentType: 'application/xml', body: deployment(), status: 415 }),
  ...pathRows('webchat', 'putWebchatDeployment', deployed, deployment()),
  ok({ ...W('deleteWebchatDeployment'), name: 'delete deployment', path: deployed }),
  ...pathRows('webchat', 'deleteWebchatDeployment', deployed),
  ok({ ...W('getWebchatSettings'), name: 'get settings' }),
  bad('params.query.requireDeployment', { ...W('getWebchatSettings'), name: 'get settings: undeclared query parameter', query: { requireDeployment: true } }),
  ok({ ...W('putWebchatSettings'), name: 'replace settings', body: { requireDeployment: false } }),
  ok({ ...W('putWebchatSettings'), name: 'replace settings: empty object', body: {} }),
  bad('body.requireDeployment', { ...W('putWebchatSettings'), name: 'replace settings: boolean written as a string', body: { requireDeployment: 'yes' } }),
  bad('body.requireDeployment', { ...W('putWebchatSettings'), name: 'replace settings: boolean written as null', body: { requireDeployment: null } }),
  bad('body', { ...W('putWebchatSettings'), name: 'replace settings: body missing' }),
  bad('body', { ...W('putWebchatSettings'), name: 'replace settings: body is a number', body: 1 }),
  bad('headers.Content-Type', { ...W('putWebchatSettings'), name: 'replace settings: text/plain', contentType: 'text/plain', body: { requireDeployment: true }, status: 415 }),
  ok({ ...W('deleteWebchatSettings'), name: 'delete settings' }),
  bad('params.query.force', { ...W('deleteWebchatSettings'), name: 'delete settings: undeclared query parameter', query: { force: true } }),
];

// ---- WebChat: guest chat (create is anonymous; the rest take the guest JWT) ----

const create = W('postWebchatGuestConversations');
const createRows: AgreementCase[] = [
  ok({ ...create, name: 'create chat', body: createChat() }),
  ok({ ...create, name: 'create chat: every optional field', body: { ...createChat(), memberInfo: { displayName: 'Jordan', firstName: 'J', lastName: 'R', email: 'j@example.com', phoneNumber: '+14155550123', avatarImageUrl: 'https://example.com/a.png', customFields: { plate: 'ABC123' } }, routingTarget: { targetType: 'QUEUE', targetAddress: '$queueName', language: 'en-us', skills: ['cars'], priority: 5 }, journeyContext: { customer: { id: 'c', idType: 'cookie' }, customerSession: { id: 's', type: 'web' }, triggeringAction: { id: 'a', actionMap: { id: 'm', version: 2147483647 } } } } }),
  ok({ ...create, name: 'create chat: int64 priority at the largest safe integer', body: edit(createChat(), 'routingTarget.priority', Number.MAX_SAFE_INTEGER) }),
  ok({ ...create, name: 'create chat: unknown field', body: { ...createChat(), channel: 'web' } }),
  ok({ ...create, name: 'create chat: a 10 000 character display name (no length limit in the spec)', body: edit(createChat(), 'memberInfo.displayName', 'x'.repeat(10000)) }),
  bad('body.organizationId', { ...create, name: 'create chat: organizationId missing', body: edit(createChat(), 'organizationId', undefined) }),
  bad('body.deploymentId', { ...create, name: 'create chat: deploymentId missing', body: edit(createChat(), 'deploymentId', undefined) }),
  bad('body.deploymentId', { ...create, name: 'create chat: deploymentId is a number', body: edit(createChat(), 'deploymentId', 12) }),
  bad('body.routingTarget', { ...create, name: 'create chat: routingTarget missing', body: edit(createChat(), 'routingTarget', undefined) }),
  bad('body.routingTarget.targetType', { ...create, name: 'create chat: targetType outside its enum', body: edit(createChat(), 'routingTarget.targetType', 'USER') }),
  bad('body.routingTarget.targetType', { ...create, name: 'create chat: targetType missing', body: edit(createChat(), 'routingTarget.targetType', undefined) }),
  bad('body.routingTarget.targetAddress', { ...create, name: 'create chat: targetAddress missing', body: edit(createChat(), 'routingTarget.targetAddress', undefined) }),
  bad('body.routingTarget.priority', { ...create, name: 'create chat: int64 priority past the safe range', body: edit(createChat(), 'routingTarget.priority', 2 ** 53) }),
  bad('body.routingTarget.priority', { ...create, name: 'create chat: priority with a fraction', body: edit(createChat(), 'routingTarget.priority', 0.5) }),
  bad('body.routingTarget.skills', { ...create, name: 'create chat: skills as a string', body: edit(createChat(), 'routingTarget.skills', 'cars') }),
  bad('body.memberInfo', { ...create, name: 'create chat: memberInfo missing', body: edit(createChat(), 'memberInfo', undefined) }),
  bad('body.memberInfo.displayName', { ...create, name: 'create chat: displayName missing', body: edit(createChat(), 'memberInfo.displayName', undefined) }),
  bad('body.memberInfo.displayName', { ...create, name: 'create chat: displayName is null', body: edit(createChat(), 'memberInfo.displayName', null) }),
  bad('body.memberInfo.avatarImageUrl', { ...create, name: 'create chat: avatar is not a uri', body: edit(createChat(), 'memberInfo.avatarImageUrl', 'not a uri') }),
  bad('body.memberInfo.customFields.visits', { ...create, name: 'create chat: custom field that is not a string', body: edit(createChat(), 'memberInfo.customFields', { visits: 3 }) }),
  bad('body.journeyContext.customer', { ...create, name: 'create chat: journey without customer', body: { ...createChat(), journeyContext: {} } }),
  bad('body.journeyContext.customer.idType', { ...create, name: 'create chat: journey customer without idType', body: { ...createChat(), journeyContext: { customer: { id: 'c' } } } }),
  bad('body.journeyContext.customerSession.type', { ...create, name: 'create chat: journey session without type', body: { ...createChat(), journeyContext: { customer: { id: 'c', idType: 'cookie' }, customerSession: { id: 's' } } } }),
  bad('body.journeyContext.triggeringAction.actionMap.version', { ...create, name: 'create chat: int32 action map version overflow', body: { ...createChat(), journeyContext: { customer: { id: 'c', idType: 'cookie' }, triggeringAction: { id: 'a', actionMap: { id: 'm', version: 2147483648 } } } } }),
  bad('body.journeyContext.triggeringAction.actionMap.version', { ...create, name: 'create chat: action map version as a string', body: { ...createChat(), journeyContext: { customer: { id: 'c', idType: 'cookie' }, triggeringAction: { id: 'a', actionMap: { id: 'm', version: '3' } } } } }),
  bad('body', { ...create, name: 'create chat: body missing' }),
  bad('body', { ...create, name: 'create chat: body is null', body: null }),
  bad('headers.Content-Type', { ...create, name: 'create chat: text/plain', contentType: 'text/plain', body: createChat(), status: 415 }),
  bad('headers.Content-Type', { ...create, name: 'create chat: multipart', contentType: 'multipart/form-data; boundary=x', body: createChat(), status: 415 }),
];

const members = W('getWebchatGuestConversationMembers');
const messages = W('getWebchatGuestConversationMessages');
const pageRows: AgreementCase[] = [
  ok({ ...members, name: 'members: first page', path: conv }),
  ok({ ...members, name: 'members: every parameter', path: conv, query: { pageSize: 25, pageNumber: 1, excludeDisconnectedMembers: true } }),
  ok({ ...members, name: 'members: int32 page number at its maximum', path: conv, query: { pageNumber: 2147483647 } }),
  ok({ ...members, name: 'members: boolean false', path: conv, query: { excludeDisconnectedMembers: false } }),
  ok({ ...members, name: 'members: an empty page size is not given', path: conv, query: { pageSize: '', excludeDisconnectedMembers: '' } }),
  bad('params.query.pageNumber', { ...members, name: 'members: int32 page number overflow', path: conv, query: { pageNumber: 3000000000 } }),
  bad('params.query.pageNumber', { ...members, name: 'members: int32 page number one past', path: conv, query: { pageNumber: 2147483648 } }),
  bad('params.query.pageNumber', { ...members, name: 'members: page number 0', path: conv, query: { pageNumber: 0 } }),
  bad('params.query.pageNumber', { ...members, name: 'members: negative page number', path: conv, query: { pageNumber: -1 } }),
  bad('params.query.pageSize', { ...members, name: 'members: page size 0', path: conv, query: { pageSize: 0 } }),
  bad('params.query.pageSize', { ...members, name: 'members: page size with a fraction', path: conv, query: { pageSize: 2.5 } }),
  bad('params.query.pageSize', { ...members, name: 'members: page size not a number', path: conv, query: { pageSize: 'ten' } }),
  bad('params.query.pageSize', { ...members, name: 'members: page size in hex', path: conv, query: { pageSize: '0x10' } }),
  bad('params.query.pageSize', { ...members, name: 'members: page size repeated', path: conv, query: { pageSize: [5, 6] } }),
  bad('params.query.excludeDisconnectedMembers', { ...members, name: 'members: boolean written as yes', path: conv, query: { excludeDisconnectedMembers: 'yes' } }),
  bad('params.query.excludeDisconnectedMembers', { ...members, name: 'members: boolean written as 1', path: conv, query: { excludeDisconnectedMembers: 1 } }),
  bad('params.query.excludeDisconnectedMembers', { ...members, name: 'members: boolean in capitals', path: conv, query: { excludeDisconnectedMembers: 'TRUE' } }),
  bad('params.query.pagesize', { ...members, name: 'members: misspelt parameter (case)', path: conv, query: { pagesize: 5 } }),
  bad('params.query.page', { ...members, name: 'members: unknown parameter', path: conv, query: { page: 2 } }),
  ...pathRows('webchat', 'getWebchatGuestConversationMembers', conv),
  ok({ ...messages, name: 'messages: first page', path: conv }),
  ok({ ...messages, name: 'messages: every parameter', path: conv, query: { maxResults: 100, sortOrder: 'descending' } }),
  ok({ ...messages, name: 'messages: minimum page', path: conv, query: { maxResults: 1, sortOrder: 'ascending' } }),
  ok({ ...messages, name: 'messages: after a message id', path: conv, query: { after: '$messageId' } }),
  ok({ ...messages, name: 'messages: empty values are not given (the vendor SDK sends every optional parameter)', path: conv, query: { maxResults: '', sortOrder: '', before: '', after: '' } }),
  bad('params.query.maxResults', { ...messages, name: 'messages: an empty value beside a bad one', path: conv, query: { sortOrder: '', maxResults: 101 } }),
  bad('params.query.maxResults', { ...messages, name: 'messages: maxResults above 100', path: conv, query: { maxResults: 101 } }),
  bad('params.query.maxResults', { ...messages, name: 'messages: maxResults 0', path: conv, query: { maxResults: 0 } }),
  bad('params.query.maxResults', { ...messages, name: 'messages: maxResults int32 overflow', path: conv, query: { maxResults: 3000000000 } }),
  bad('params.query.maxResults', { ...messages, name: 'messages: maxResults with a fraction', path: conv, query: { maxResults: 10.5 } }),
  bad('params.query.maxResults', { ...messages, name: 'messages: maxResults a word', path: conv, query: { maxResults: 'all' } }),
  bad('params.query.sortOrder', { ...messages, name: 'messages: sortOrder outside its enum', path: conv, query: { sortOrder: 'up' } }),
  bad('params.query.sortOrder', { ...messages, name: 'messages: sortOrder in capitals', path: conv, query: { sortOrder: 'ASCENDING' } }),
  bad('params.query.sortOrder', { ...messages, name: 'messages: sortOrder repeated', path: conv, query: { sortOrder: ['ascending', 'descending'] } }),
  bad('params.query.limit', { ...messages, name: 'messages: unknown parameter', path: conv, query: { limit: 5 } }),
  ...pathRows('webchat', 'getWebchatGuestConversationMessages', conv),
];

const guestRows: AgreementCase[] = [
  ok({ ...W('getWebchatGuestConversationMember'), name: 'get member', path: member }),
  ok({ ...W('getWebchatGuestConversationMember'), name: 'get member: an unknown id passes the rules (404)', path: { ...conv, memberId: 'no-such-member' }, status: 404 }),
  ok({ ...W('getWebchatGuestConversationMember'), name: 'get member: an id with a space, ? and # (percent-encoded, 404)', path: { ...conv, memberId: 'a b?c#d' }, status: 404 }),
  bad('params.path.memberId', { ...W('getWebchatGuestConversationMember'), name: 'get member: an id with a backslash', path: { ...conv, memberId: 'a\\b' } }),
  bad('params.path.memberId', { ...W('getWebchatGuestConversationMember'), name: 'get member: an id with a control character', path: { ...conv, memberId: 'a\u0001b' } }),
  bad('params.query.expand', { ...W('getWebchatGuestConversationMember'), name: 'get member: undeclared query parameter', path: member, query: { expand: 'all' } }),
  ...pathRows('webchat', 'getWebchatGuestConversationMember', member),
  ok({ ...W('deleteWebchatGuestConversationMember'), name: 'leave chat', path: member }),
  ...pathRows('webchat', 'deleteWebchatGuestConversationMember', member),
  ok({ ...W('postWebchatGuestConversationMemberMessages'), name: 'send message', path: member, body: { body: 'hello' } }),
  ok({ ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: a notice', path: member, body: { body: 'note', bodyType: 'notice' } }),
  ok({ ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: exactly 4000 characters', path: member, body: { body: 'x'.repeat(4000) } }),
  ok({ ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: 4000 emoji are 4000 characters', path: member, body: { body: '😀'.repeat(4000) } }),
  ok({ ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: an empty body string', path: member, body: { body: '' } }),
  ok({ ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: unknown field', path: member, body: { body: 'hi', mood: 'happy' } }),
  bad('body.body', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: 4001 characters', path: member, body: { body: 'x'.repeat(4001) } }),
  bad('body.body', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: 4001 emoji', path: member, body: { body: '😀'.repeat(4001) } }),
  bad('body.body', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: 100 000 characters', path: member, body: { body: 'x'.repeat(100000) } }),
  bad('body.body', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: body missing', path: member, body: {} }),
  bad('body.body', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: body is a number', path: member, body: { body: 5 } }),
  bad('body.bodyType', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: bodyType outside its enum', path: member, body: { body: 'hi', bodyType: 'shout' } }),
  bad('body', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: no body at all', path: member }),
  bad('body', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: body is an array', path: member, body: ['hi'] }),
  bad('headers.Content-Type', { ...W('postWebchatGuestConversationMemberMessages'), name: 'send message: text/plain', path: member, contentType: 'text/plain', body: { body: 'hi' }, status: 415 }),
  ...pathRows('webchat', 'postWebchatGuestConversationMemberMessages', member, { body: 'hi' }),
  ok({ ...W('postWebchatGuestConversationMemberTyping'), name: 'typing', path: member }),
  bad('params.query.state', { ...W('postWebchatGuestConversationMemberTyping'), name: 'typing: undeclared query parameter', path: member, query: { state: 'on' } }),
  ...pathRows('webchat', 'postWebchatGuestConversationMemberTyping', member),
  ok({ ...W('getWebchatGuestConversationMessage'), name: 'get message', path: message }),
  ok({ ...W('getWebchatGuestConversationMessage'), name: 'get message: an unknown id passes the rules (404)', path: { ...conv, messageId: 'no-such-message' }, status: 404 }),
  ...pathRows('webchat', 'getWebchatGuestConversationMessage', message),
  ok({ ...W('getWebchatGuestConversationMediarequests'), name: 'list media requests', path: conv }),
  bad('params.query.state', { ...W('getWebchatGuestConversationMediarequests'), name: 'list media requests: undeclared query parameter', path: conv, query: { state: 'PENDING' } }),
  ...pathRows('webchat', 'getWebchatGuestConversationMediarequests', conv),
  ok({ ...W('getWebchatGuestConversationMediarequest'), name: 'get media request', path: media }),
  ...pathRows('webchat', 'getWebchatGuestConversationMediarequest', media),
  ok({ ...W('patchWebchatGuestConversationMediarequest'), name: 'accept media request', path: media, body: mediaPatch() }),
  ok({ ...W('patchWebchatGuestConversationMediarequest'), name: 'decline media request', path: media, body: { state: 'DECLINED', types: ['SCREENSHARE'] } }),
  ok({ ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: read-only fields pass the schema', path: media, body: { ...mediaPatch(), id: 'x', name: 'n', securityKey: 'K' } }),
  bad('body.state', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: state missing', path: media, body: { types: ['SCREENSHARE'] } }),
  bad('body.state', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: state outside its enum', path: media, body: { ...mediaPatch(), state: 'OK' } }),
  bad('body.types', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: types missing', path: media, body: { state: 'ACCEPTED' } }),
  bad('body.types.0', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: type outside its enum', path: media, body: { state: 'ACCEPTED', types: ['VIDEO'] } }),
  bad('body.types', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: types not an array', path: media, body: { state: 'ACCEPTED', types: 'SCREENSHARE' } }),
  bad('body.selfUri', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: selfUri with a space', path: media, body: { ...mediaPatch(), selfUri: 'a b' } }),
  bad('body', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: body missing', path: media }),
  bad('headers.Content-Type', { ...W('patchWebchatGuestConversationMediarequest'), name: 'media request: text/plain', path: media, contentType: 'text/plain', body: mediaPatch(), status: 415 }),
  ...pathRows('webchat', 'patchWebchatGuestConversationMediarequest', media, mediaPatch()),
];

// ---- myKaarma bot messages (Basic) ----

const S = { api: 'botmessage', operationId: 'sendBotMessage' } as const;
const P = { api: 'botmessage', operationId: 'saveBotMessage' } as const;
const botmessage: AgreementCase[] = [
  ok({ ...S, name: 'send: a text', path: dept, body: send() }),
  ok({ ...S, name: 'send: optional attributes', path: dept, body: edit(send(), 'messageAttributes', { body: 'Hi', type: 'OUTGOING', protocol: 'TEXT', subject: 's', isManual: false, numberOfMessageAttachments: 0, purpose: 'F' }) }),
  ok({ ...S, name: 'send: int64 attachments at the largest safe integer', path: dept, body: edit(send(), 'messageAttributes.numberOfMessageAttachments', Number.MAX_SAFE_INTEGER) }),
  ok({ ...S, name: 'send: unknown field', path: dept, body: { ...send(), trackingId: 'x' } }),
  bad('body.messageAttributes', { ...S, name: 'send: messageAttributes missing', path: dept, body: edit(send(), 'messageAttributes', undefined) }),
  bad('body.messageAttributes.body', { ...S, name: 'send: message body missing', path: dept, body: edit(send(), 'messageAttributes.body', undefined) }),
  bad('body.messageAttributes.body', { ...S, name: 'send: message body empty', path: dept, body: edit(send(), 'messageAttributes.body', '') }),
  bad('body.messageAttributes.type', { ...S, name: 'send: type missing', path: dept, body: edit(send(), 'messageAttributes.type', undefined) }),
  bad('body.messageAttributes.type', { ...S, name: 'send: type is INCOMING (send takes OUTGOING only)', path: dept, body: edit(send(), 'messageAttributes.type', 'INCOMING') }),
  bad('body.messageAttributes.type', { ...S, name: 'send: type outside its enum', path: dept, body: edit(send(), 'messageAttributes.type', 'SENT') }),
  bad('body.messageAttributes.protocol', { ...S, name: 'send: protocol missing', path: dept, body: edit(send(), 'messageAttributes.protocol', undefined) }),
  bad('body.messageAttributes.protocol', { ...S, name: 'send: protocol EMAIL (send takes TEXT only)', path: dept, body: edit(send(), 'messageAttributes.protocol', 'EMAIL') }),
  bad('body.messageAttributes.purpose', { ...S, name: 'send: purpose outside its enum', path: dept, body: edit(send(), 'messageAttributes.purpose', 'MARKETING') }),
  bad('body.messageAttributes.numberOfMessageAttachments', { ...S, name: 'send: attachments below 0', path: dept, body: edit(send(), 'messageAttributes.numberOfMessageAttachments', -1) }),
  bad('body.messageAttributes.numberOfMessageAttachments', { ...S, name: 'send: int64 attachments past the safe range', path: dept, body: edit(send(), 'messageAttributes.numberOfMessageAttachments', 2 ** 60) }),
  bad('body.messageAttributes.isManual', { ...S, name: 'send: isManual as a string', path: dept, body: edit(send(), 'messageAttributes.isManual', 'no') }),
  bad('body.messageSendingAttributes', { ...S, name: 'send: messageSendingAttributes missing', path: dept, body: edit(send(), 'messageSendingAttributes', undefined) }),
  bad('body.messageSendingAttributes.recipientCommunicationValue', { ...S, name: 'send: recipient missing', path: dept, body: edit(send(), 'messageSendingAttributes.recipientCommunicationValue', undefined) }),
  bad('body.messageSendingAttributes.recipientCommunicationValue', { ...S, name: 'send: recipient empty', path: dept, body: edit(send(), 'messageSendingAttributes.recipientCommunicationValue', '') }),
  bad('body.messageSendingAttributes.senderName', { ...S, name: 'send: senderName missing', path: dept, body: edit(send(), 'messageSendingAttributes.senderName', undefined) }),
  bad('body.messageSendingAttributes.senderName', { ...S, name: 'send: senderName empty', path: dept, body: edit(send(), 'messageSendingAttributes.senderName', '') }),
  bad('body', { ...S, name: 'send: body missing', path: dept }),
  bad('body', { ...S, name: 'send: body is a string', path: dept, body: 'text me' }),
  bad('headers.Content-Type', { ...S, name: 'send: text/plain', path: dept, contentType: 'text/plain', body: send(), status: 415 }),
  ...pathRows('botmessage', 'sendBotMessage', dept, send()),
  ok({ ...P, name: 'save: a new message', path: dept, body: save() }),
  ok({ ...P, name: 'save: replace a saved message by uuid', path: dept, body: { ...save(), uuid: '$savedUuid' } }),
  ok({ ...P, name: 'save: any type and protocol of the enums', path: dept, body: edit(save(), 'messageAttributes', { body: 'n', type: 'NOTE', protocol: 'EMAIL' }) }),
  ok({ ...P, name: 'save: empty delivery attributes', path: dept, body: edit(save(), 'messageDeliveryAttributes', {}) }),
  bad('body.messageDeliveryAttributes', { ...P, name: 'save: delivery attributes missing', path: dept, body: edit(save(), 'messageDeliveryAttributes', undefined) }),
  bad('body.messageDeliveryAttributes.sentTimestamp', { ...P, name: 'save: sent timestamp not a date-time', path: dept, body: edit(save(), 'messageDeliveryAttributes.sentTimestamp', '2026-05-06 10:00') }),
  bad('body.messageDeliveryAttributes.receivedTimestamp', { ...P, name: 'save: received timestamp on February 30', path: dept, body: edit(save(), 'messageDeliveryAttributes.receivedTimestamp', '2026-02-30T10:00:00Z') }),
  bad('body.messageSendingAttributes.senderCommunicationValue', { ...P, name: 'save: sender number missing', path: dept, body: edit(save(), 'messageSendingAttributes.senderCommunicationValue', undefined) }),
  bad('body.messageSendingAttributes.recipientCommunicationValue', { ...P, name: 'save: recipient number empty', path: dept, body: edit(save(), 'messageSendingAttributes.recipientCommunicationValue', '') }),
  bad('body.messageAttributes.type', { ...P, name: 'save: type outside its enum', path: dept, body: edit(save(), 'messageAttributes.type', 'SENT') }),
  bad('body.messageAttributes.protocol', { ...P, name: 'save: protocol outside its enum', path: dept, body: edit(save(), 'messageAttributes.protocol', 'FAX') }),
  bad('body.messageAttributes.body', { ...P, name: 'save: message body missing', path: dept, body: edit(save(), 'messageAttributes.body', undefined) }),
  bad('body.uuid', { ...P, name: 'save: empty uuid', path: dept, body: { ...save(), uuid: '' } }),
  bad('body.uuid', { ...P, name: 'save: uuid is a number', path: dept, body: { ...save(), uuid: 7 } }),
  bad('body', { ...P, name: 'save: body missing', path: dept }),
  bad('headers.Content-Type', { ...P, name: 'save: text/plain', path: dept, contentType: 'text/plain', body: save(), status: 415 }),
  ...pathRows('botmessage', 'saveBotMessage', dept, save()),
];

export const AGREEMENT_CASES: readonly AgreementCase[] = [...textbots, ...deployments, ...createRows, ...pageRows, ...guestRows, ...botmessage];
