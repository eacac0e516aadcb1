/**
 * myKaarma's dialect (reference §8): the `{requestUuid, errors, warnings}` envelope (`status: FAILURE`
 * on 5xx, errors only on 401, the vendor's plain `Response` class), the request id in `X-Request-Uuid`,
 * and the codes of its ValidateRequest in the order the service checks them. myKaarma documents codes
 * only for 400/401/500; those for the statuses a gateway or the mock produces are the mock's own.
 */
import type { ValidationIssue } from '../../core/errors.js';
import type { OperationDef } from '../../core/operation.js';
import { MockError } from '../errors.js';
import { readIssue, type ReadIssue } from './issues.js';
import { fromTable, type GenericTable, type Profile } from './profile.js';

const GENERIC: GenericTable = {
  400: ['INVALID_REQUEST', 'The request is not valid'],
  401: ['WRONG_CREDENTIAL', 'Credentials are wrong, Authorization refused for provided credentials.'],
  404: ['NOT_FOUND', 'No such resource'],
  408: ['REQUEST_TIMEOUT', 'The request did not arrive within the server timeout'],
  413: ['REQUEST_TOO_LARGE', 'The request body is over the size limit of %s bytes'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json'],
  429: ['TOO_MANY_REQUESTS', 'Rate limit exceeded. Retry the request in %s seconds'],
  431: ['REQUEST_HEADERS_TOO_LARGE', 'The request headers are over the size limit of %s bytes'],
  500: ['INTERNAL_SERVER_ERROR', 'Internal error while processing the request'],
  502: ['BAD_GATEWAY', 'Bad gateway'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable'],
  504: ['GATEWAY_TIMEOUT', 'Gateway timeout'],
};

/** ValidateRequest's order, so the first error is the one the service reports first. */
const ORDER = [
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

const TEXT: Readonly<Record<string, string>> = {
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

/** Field → [code when missing, code when invalid]. */
const FIELD_CODES: Readonly<Record<string, readonly [string, string]>> = {
  messageAttributes: ['MISSING_MESSAGE_ATTRIBUTES', 'INVALID_REQUEST'],
  messageSendingAttributes: ['MISSING_MESSAGE_SENDING_ATTRIBUTES', 'INVALID_REQUEST'],
  messageDeliveryAttributes: ['MISSING_MESSAGE_DELIVERY_ATTRIBUTES', 'INVALID_REQUEST'],
  'messageAttributes.body': ['MISSING_MESSAGE_BODY', 'INVALID_REQUEST'],
  'messageAttributes.type': ['MISSING_MESSAGE_TYPE', 'INVALID_MESSAGE_TYPE'],
  'messageAttributes.protocol': ['MISSING_MESSAGE_PROTOCOL', 'INVALID_MESSAGE_PROTOCOL'],
  'messageSendingAttributes.recipientCommunicationValue': ['MISSING_COMMUNICATION_VALUE', 'INVALID_COMMUNICATION_VALUE'],
  'messageSendingAttributes.senderCommunicationValue': ['MISSING_COMMUNICATION_VALUE', 'INVALID_COMMUNICATION_VALUE'],
  'messageSendingAttributes.senderName': ['MISSING_SENDER_NAME', 'INVALID_REQUEST'],
};

/** Operations that accept every value of the type and protocol enums (only send restricts them). */
const ANY_TYPE_AND_PROTOCOL = new Set(['saveBotMessage']);

function codeOf(def: OperationDef, issue: ReadIssue): string {
  const codes = issue.location === 'body' ? FIELD_CODES[issue.field] : undefined;
  if (!codes) return 'INVALID_REQUEST';
  const code = issue.kind === 'required' || issue.kind === 'too-short' ? codes[0] : codes[1];
  return ANY_TYPE_AND_PROTOCOL.has(def.id) && code.startsWith('INVALID_MESSAGE_') ? 'INVALID_REQUEST' : code;
}

const invalid = (message: string) => new MockError(400, 'INVALID_REQUEST', message);

/** Path parameter → the code of an unknown id of that kind. */
const PATH_CODES: Readonly<Record<string, string>> = { userUUID: 'INVALID_USER', departmentUUID: 'INVALID_DEALER_DEPARTMENT_ID' };

export const mykaarma: Profile = {
  name: 'mykaarma',
  idHeaders: (requestId) => ({ 'X-Request-Uuid': requestId }),
  errorBody(err, requestId) {
    const errors = [{ errorCode: err.code, errorDescription: err.message }];
    if (err.status === 401) return { errors };
    const body: Record<string, unknown> = { requestUuid: requestId, errors, warnings: [] };
    // The service leaves `status` unset on 400 validation errors and sets FAILURE when it failed itself.
    if (err.status >= 500) body.status = 'FAILURE';
    return body;
  },
  generic: (status, param, extra) => new MockError(status, ...fromTable(GENERIC, status, param), extra),
  badRequest: invalid,
  bodyMissing: () => invalid('Required request body is missing'),
  malformedJson: (reason) => invalid(`Malformed JSON request: ${reason}`),
  malformedHttp: (reason) => invalid(`The request could not be understood by the server due to malformed syntax: ${reason}`),
  badPathParam: (_def, name, value) => new MockError(400, PATH_CODES[name] ?? 'INVALID_REQUEST', `${name} ${JSON.stringify(value)} is not a valid id`),
  invalidRequest(def: OperationDef, issues: readonly ValidationIssue[]) {
    const byCode = new Map<string, ReadIssue>();
    for (const issue of issues.map(readIssue)) {
      const code = codeOf(def, issue);
      if (!byCode.has(code)) byCode.set(code, issue);
    }
    const ordered = [...byCode.entries()].sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b));
    const [code, issue] = ordered[0]!;
    const where = issue.location === 'body' ? issue.field || 'request body' : `${issue.location} parameter ${issue.field}`;
    return new MockError(400, code, TEXT[code] ?? `${where} ${issue.message}`, {
      details: ordered.map(([c, i]) => ({ errorCode: c, fieldName: i.field || 'body' })),
    });
  },
};
