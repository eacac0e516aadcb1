/**
 * Turns spec-validation issues into the vendor's 400: the operation-specific codes where the vendor
 * documents one (e.g. `chat.error.notnull.createconversationrequest.memberinfo.displayname`,
 * myKaarma's `MISSING_SENDER_NAME`), Genesys' generic codes otherwise (`invalid.value` for a value
 * outside an enum, `constraint.validation` for a missing or out-of-range value, `bad.request` for a
 * wrong type, `invalid.query.param.value` for query parameters). Every issue names its field.
 */
import { MockError, type ErrorDetail } from './errors.js';
import type { OperationMeta } from './spec.js';
import type { ValidationIssue } from './validation.js';

const MAX_DETAILS = 10;

/** Field (dotted) → code, for postWebchatGuestConversations (reference §5 B, operation codes). */
const CREATE_CONVERSATION: Array<[prefix: string, code: string, onlyRequired: boolean]> = [
  ['deploymentId', 'chat.error.pattern.createconversationrequest.deploymentid', false],
  ['memberInfo.displayName', 'chat.error.notnull.createconversationrequest.memberinfo.displayname', true],
  ['routingTarget', 'chat.error.notnull.createconversationrequest.routingtarget', true],
  ['routingTarget', 'chat.error.createconversationrequest.routingtarget', false],
  ['journeyContext.customer.idType', 'chat.error.notnull.createconversationrequest.journeycontext.customer.customeridtype', true],
  ['journeyContext.customer.id', 'chat.error.notnull.createconversationrequest.journeycontext.customer.customerid', true],
  ['journeyContext.customer', 'chat.error.notnull.createconversationrequest.journeycontext.customer', true],
  ['journeyContext.customerSession.type', 'chat.error.notnull.createconversationrequest.journeycontext.customersession.sessionidtype', true],
  ['journeyContext.customerSession.id', 'chat.error.notnull.createconversationrequest.journeycontext.customersession.sessionid', true],
  ['journeyContext.triggeringAction.actionMap.version', 'chat.error.notnull.createconversationrequest.journeycontext.triggeringaction.actionmapversion', true],
  ['journeyContext.triggeringAction.actionMap.id', 'chat.error.notnull.createconversationrequest.journeycontext.triggeringaction.actionmapid', true],
  ['journeyContext.triggeringAction.id', 'chat.error.notnull.createconversationrequest.journeycontext.triggeringaction.actionid', true],
  ['', 'chat.error.bad.request', false],
];

const SEND_MESSAGE: Array<[prefix: string, code: string, onlyRequired: boolean]> = [
  ['body', 'chat.error.notnull.createconversationmessagerequest.body', true],
  ['', 'chat.error.bad.request', false],
];

const OPERATION_CODES: Record<string, Array<[string, string, boolean]>> = {
  postWebchatGuestConversations: CREATE_CONVERSATION,
  postWebchatGuestConversationMemberMessages: SEND_MESSAGE,
};

function valueAt(root: unknown, field: string): unknown {
  let node = root;
  for (const key of field ? field.split('.') : []) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function describe(issue: ValidationIssue, value: unknown): { code: string; message: string } {
  const where = issue.field || 'body';
  if (issue.location === 'query') {
    return { code: 'invalid.query.param.value', message: `Value [${String(value)}] is not valid for parameter [${where}]: ${issue.message}` };
  }
  if (issue.keyword === 'enum' || issue.keyword === 'const') {
    const allowed = (issue.params.allowedValues as unknown[] | undefined) ?? [issue.params.allowedValue];
    return {
      code: 'invalid.value',
      message: `Value [${JSON.stringify(value)}] is not valid for field type [${where}]. Allowable values are: ${allowed.join(', ')}`,
    };
  }
  if (issue.keyword === 'type' || issue.location === 'path' || issue.field === '') {
    return { code: 'bad.request', message: `${where} ${issue.message}` };
  }
  if (issue.keyword === 'required') return { code: 'constraint.validation', message: `${where} may not be null` };
  return { code: 'constraint.validation', message: `${where} ${issue.message}` };
}

function specificCode(op: OperationMeta, issue: ValidationIssue): string | undefined {
  if (issue.location !== 'body') return undefined;
  for (const [prefix, code, onlyRequired] of OPERATION_CODES[op.operationId] ?? []) {
    const matches = prefix === '' || issue.field === prefix || issue.field.startsWith(`${prefix}.`);
    if (matches && (!onlyRequired || (issue.keyword === 'required' && issue.field === prefix))) return code;
  }
  return undefined;
}

function genesysValidationError(op: OperationMeta, issues: ValidationIssue[], body: unknown, query: Record<string, string>): MockError {
  const described = issues.map((issue) => {
    const value = issue.location === 'query' ? query[issue.field] : valueAt(body, issue.field);
    const generic = describe(issue, value);
    return { issue, code: specificCode(op, issue) ?? generic.code, message: generic.message };
  });
  const first = described[0] as (typeof described)[number];
  const details: ErrorDetail[] = described.slice(0, MAX_DETAILS).map((d) => ({ errorCode: d.code, fieldName: d.issue.field || 'body' }));
  return new MockError(400, first.code, first.message, { details });
}

/** myKaarma's ValidateRequest order (reference §8), so the first error is the one the service reports first. */
const MYKAARMA_ORDER = [
  'MISSING_MESSAGE_ATTRIBUTES',
  'MISSING_MESSAGE_BODY',
  'MISSING_MESSAGE_TYPE',
  'INVALID_MESSAGE_TYPE',
  'MISSING_MESSAGE_PROTOCOL',
  'INVALID_MESSAGE_PROTOCOL',
  'MISSING_MESSAGE_SENDING_ATTRIBUTES',
  'MISSING_COMMUNICATION_VALUE',
  'INVALID_COMMUNICATION_VALUE',
  'MISSING_SENDER_NAME',
  'MISSING_MESSAGE_DELIVERY_ATTRIBUTES',
  'INVALID_REQUEST',
];

function mykaarmaCode(issue: ValidationIssue): string {
  const missing = issue.keyword === 'required' || issue.keyword === 'minLength';
  switch (issue.field) {
    case 'messageAttributes':
      return missing ? 'MISSING_MESSAGE_ATTRIBUTES' : 'INVALID_REQUEST';
    case 'messageSendingAttributes':
      return missing ? 'MISSING_MESSAGE_SENDING_ATTRIBUTES' : 'INVALID_REQUEST';
    case 'messageDeliveryAttributes':
      return missing ? 'MISSING_MESSAGE_DELIVERY_ATTRIBUTES' : 'INVALID_REQUEST';
    case 'messageAttributes.body':
      return missing ? 'MISSING_MESSAGE_BODY' : 'INVALID_REQUEST';
    case 'messageAttributes.type':
      return missing ? 'MISSING_MESSAGE_TYPE' : 'INVALID_MESSAGE_TYPE';
    case 'messageAttributes.protocol':
      return missing ? 'MISSING_MESSAGE_PROTOCOL' : 'INVALID_MESSAGE_PROTOCOL';
    case 'messageSendingAttributes.recipientCommunicationValue':
    case 'messageSendingAttributes.senderCommunicationValue':
      return missing ? 'MISSING_COMMUNICATION_VALUE' : 'INVALID_COMMUNICATION_VALUE';
    case 'messageSendingAttributes.senderName':
      return missing ? 'MISSING_SENDER_NAME' : 'INVALID_REQUEST';
    default:
      return 'INVALID_REQUEST';
  }
}

const MYKAARMA_TEXT: Record<string, string> = {
  MISSING_MESSAGE_ATTRIBUTES: 'Message attributes are missing in request',
  MISSING_MESSAGE_BODY: 'Message body is missing in request',
  MISSING_MESSAGE_TYPE: 'Message type is missing in request',
  INVALID_MESSAGE_TYPE: 'Supported Message Types are: [OUTGOING]',
  MISSING_MESSAGE_PROTOCOL: 'Message protocol is missing in request',
  INVALID_MESSAGE_PROTOCOL: 'Supported Message Protocols are: [TEXT]',
  MISSING_MESSAGE_SENDING_ATTRIBUTES: 'Message sending attributes are missing in request',
  MISSING_COMMUNICATION_VALUE: 'Communication value is missing in request',
  INVALID_COMMUNICATION_VALUE: 'Communication value is not a valid phone number',
  MISSING_SENDER_NAME: 'Bot Name is missing in request',
  MISSING_MESSAGE_DELIVERY_ATTRIBUTES: 'Message delivery attributes are missing in request',
};

function mykaarmaValidationError(op: OperationMeta, issues: ValidationIssue[]): MockError {
  const byCode = new Map<string, ValidationIssue>();
  for (const issue of issues) {
    let code = mykaarmaCode(issue);
    // Save accepts any type and protocol value from the enums; only send restricts them.
    if (op.operationId === 'saveBotMessage' && code.startsWith('INVALID_MESSAGE_')) code = 'INVALID_REQUEST';
    if (!byCode.has(code)) byCode.set(code, issue);
  }
  const ordered = [...byCode.entries()].sort(([a], [b]) => MYKAARMA_ORDER.indexOf(a) - MYKAARMA_ORDER.indexOf(b));
  const [code, issue] = ordered[0] as [string, ValidationIssue];
  const message = MYKAARMA_TEXT[code] ?? `${issue.field || 'request body'} ${issue.message}`;
  return new MockError(400, code, message, {
    details: ordered.map(([c, i]) => ({ errorCode: c, fieldName: i.field || 'body' })),
  });
}

/** The vendor's 400 for a request that failed spec validation. */
export function validationError(op: OperationMeta, issues: ValidationIssue[], body: unknown, query: Record<string, string>): MockError {
  return op.vendor === 'mykaarma' ? mykaarmaValidationError(op, issues) : genesysValidationError(op, issues, body, query);
}
