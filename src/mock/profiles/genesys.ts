/**
 * Genesys Cloud's dialect (reference §4, §8): the `ErrorBody` (message, code, status, contextId =
 * `ININ-Correlation-Id`, details), the platform's generic codes per status, and the codes of the
 * WebChat operations that document their own (`chat.error.notnull.createconversationrequest.…`).
 */
import type { ValidationIssue } from '../../core/errors.js';
import type { OperationDef } from '../../core/operation.js';
import { MockError, type ErrorDetail } from '../errors.js';
import { readIssue, valueAt, type ReadIssue } from './issues.js';
import { fromTable, type GenericTable, type Profile, type RefusedRequest } from './profile.js';

/** x-inin-error-codes of the shared responses; 431 and 502 are the mock's own (the vendor's gateway answers them). */
const GENERIC: GenericTable = {
  400: ['bad.request', 'The request could not be understood by the server due to malformed syntax.'],
  401: ['authentication.required', 'No authentication bearer token specified in authorization header.'],
  403: ['not.authorized', 'You are not authorized to perform the requested action.'],
  404: ['not.found', 'The requested resource was not found.'],
  408: ['client.timeout', 'The client did not produce a request within the server timeout limit.'],
  409: ['request.conflict', 'The request conflicts with the current state of the target resource.'],
  413: ['request.entity.too.large', 'The request is over the size limit. Maximum bytes: %s'],
  415: ['unsupported.media.type', 'Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.'],
  429: ['too.many.requests.retry.after', 'Rate limit exceeded the maximum. Retry the request in [%s] seconds'],
  431: ['request.header.fields.too.large', 'The request headers are over the size limit. Maximum bytes: %s'],
  500: ['internal.server.error', 'The server encountered an unexpected condition which prevented it from fulfilling the request.'],
  502: ['bad.gateway', 'The server received an invalid response from an upstream server.'],
  503: ['service.unavailable', 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).'],
  504: ['request.timeout', 'The request timed out.'],
};

/** Field (dotted) → code, for the operations that document their own (reference §5 B). */
type CodeRow = readonly [prefix: string, code: string, onlyRequired: boolean];

const OPERATION_CODES: Readonly<Record<string, readonly CodeRow[]>> = {
  postWebchatGuestConversations: [
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
  ],
  postWebchatGuestConversationMemberMessages: [
    ['body', 'chat.error.notnull.createconversationmessagerequest.body', true],
    ['', 'chat.error.bad.request', false],
  ],
};

/** At most this many issues are listed in `details`. */
const MAX_DETAILS = 10;

function specificCode(def: OperationDef, issue: ReadIssue): string | undefined {
  if (issue.location !== 'body') return undefined;
  for (const [prefix, code, onlyRequired] of OPERATION_CODES[def.id] ?? []) {
    const matches = prefix === '' || issue.field === prefix || issue.field.startsWith(`${prefix}.`);
    if (matches && (!onlyRequired || (issue.kind === 'required' && issue.field === prefix))) return code;
  }
  return undefined;
}

/** Genesys' generic code and wording of one issue. */
function describe(issue: ReadIssue, request: RefusedRequest): { code: string; message: string } {
  const where = issue.field || 'body';
  if (issue.location === 'query') {
    return { code: 'invalid.query.param.value', message: `Value [${request.query.getAll(issue.field).join(',')}] is not valid for parameter [${where}]: ${issue.message}` };
  }
  if (issue.kind === 'enum') {
    return {
      code: 'invalid.value',
      message: `Value [${JSON.stringify(valueAt(request.body, issue.field))}] is not valid for field type [${where}]. Allowable values are: ${issue.allowed.join(', ')}`,
    };
  }
  if (issue.kind === 'type' || issue.location === 'path' || issue.field === '') return { code: 'bad.request', message: `${where} ${issue.message}` };
  if (issue.kind === 'required') return { code: 'constraint.validation', message: `${where} may not be null` };
  return { code: 'constraint.validation', message: `${where} ${issue.message}` };
}

function badRequest(message: string, fieldName = 'body'): MockError {
  return new MockError(400, 'bad.request', message, { details: [{ errorCode: 'bad.request', fieldName }] });
}

export const genesys: Profile = {
  name: 'genesys',
  idHeaders: (requestId) => ({ 'ININ-Correlation-Id': requestId, 'Cache-Control': 'no-cache, no-store, must-revalidate' }),
  errorBody(err, requestId) {
    const body: Record<string, unknown> = { message: err.message, code: err.code, status: err.status, contextId: requestId, details: err.extra.details ?? [], errors: [] };
    if (err.extra.messageWithParams) body.messageWithParams = err.extra.messageWithParams;
    if (err.extra.messageParams) body.messageParams = err.extra.messageParams;
    if (err.extra.entityId) body.entityId = err.extra.entityId;
    if (err.extra.limit) body.limit = err.extra.limit;
    return body;
  },
  generic: (status, param, extra) => new MockError(status, ...fromTable(GENERIC, status, param), extra),
  badRequest,
  bodyMissing: () => badRequest('A request body is required.'),
  malformedJson: (reason) => badRequest(`The request could not be understood by the server due to malformed syntax: ${reason}`),
  malformedHttp: (reason) => badRequest(`The request could not be understood by the server due to malformed syntax: ${reason}`, 'request'),
  badPathParam: (_def, name, value) => badRequest(`Value [${value}] is not valid for path parameter [${name}]`, name),
  invalidRequest(def: OperationDef, issues: readonly ValidationIssue[], request: RefusedRequest) {
    const described = issues.map(readIssue).map((issue) => {
      const generic = describe(issue, request);
      return { issue, message: generic.message, code: specificCode(def, issue) ?? generic.code };
    });
    const first = described[0]!;
    const details: ErrorDetail[] = described.slice(0, MAX_DETAILS).map((d) => ({ errorCode: d.code, fieldName: d.issue.field || 'body' }));
    return new MockError(400, first.code, first.message, { details });
  },
};
