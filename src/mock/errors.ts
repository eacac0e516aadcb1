/**
 * Errors and the three vendor error shapes. Handlers throw a MockError with a vendor code; the
 * pipeline renders it in the shape of the service the request was for:
 * - Genesys `ErrorBody` (reference §4, §8): message, code, status, contextId = ININ-Correlation-Id;
 * - myKaarma envelope (reference §8): `{requestUuid, errors, warnings}`, `status: FAILURE` on 5xx, and
 *   errors only on 401 (the vendor's plain `Response` class);
 * - OAuth (RFC 6749 §5.2, as Genesys' login host answers): `{error, error_description}`.
 */

export type Vendor = 'genesys' | 'mykaarma' | 'oauth';

export interface ErrorDetail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

export interface ErrorExtra {
  details?: ErrorDetail[];
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  entityId?: string;
  limit?: { key?: string; namespace?: string; value?: number };
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

export class MockError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: ErrorExtra = {},
  ) {
    super(message);
    this.name = 'MockError';
  }
}

/** Genesys' generic code and message per status (x-inin-error-codes of the shared responses). */
const GENESYS_GENERIC: Record<number, [code: string, message: string]> = {
  400: ['bad.request', 'The request could not be understood by the server due to malformed syntax.'],
  401: ['authentication.required', 'No authentication bearer token specified in authorization header.'],
  403: ['not.authorized', 'You are not authorized to perform the requested action.'],
  404: ['not.found', 'The requested resource was not found.'],
  408: ['client.timeout', 'The client did not produce a request within the server timeout limit.'],
  409: ['request.conflict', 'The request conflicts with the current state of the target resource.'],
  413: ['request.entity.too.large', 'The request is over the size limit. Maximum bytes: %s'],
  415: ['unsupported.media.type', 'Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.'],
  429: ['too.many.requests.retry.after', 'Rate limit exceeded the maximum. Retry the request in [%s] seconds'],
  // 431 is not in the vendor's swagger (its gateway answers it); the code is the mock's own.
  431: ['request.header.fields.too.large', 'The request headers are over the size limit. Maximum bytes: %s'],
  500: ['internal.server.error', 'The server encountered an unexpected condition which prevented it from fulfilling the request.'],
  // 502 is not in the vendor's swagger, but its SDKs retry on it; the code is the mock's own.
  502: ['bad.gateway', 'The server received an invalid response from an upstream server.'],
  503: ['service.unavailable', 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).'],
  504: ['request.timeout', 'The request timed out.'],
};

/**
 * myKaarma documents codes only for 400/401/500 (reference §8). For the statuses a gateway or the mock
 * itself produces (404, 408, 413, 415, 429, 431, 502-504) the codes below are the mock's own, in the same envelope.
 */
const MYKAARMA_GENERIC: Record<number, [code: string, message: string]> = {
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

const OAUTH_GENERIC: Record<number, string> = { 400: 'invalid_request', 401: 'invalid_client', 429: 'temporarily_unavailable', 500: 'server_error' };

/** The vendor's generic error for a status; `param` fills the `%s` of the message. */
export function genericError(vendor: Vendor, status: number, param?: string | number, extra?: ErrorExtra): MockError {
  if (vendor === 'oauth') {
    return new MockError(status, OAUTH_GENERIC[status] ?? (status >= 500 ? 'server_error' : 'invalid_request'), `HTTP ${status}`, extra);
  }
  const table = vendor === 'genesys' ? GENESYS_GENERIC : MYKAARMA_GENERIC;
  const [code, message] = table[status] ?? table[status >= 500 ? 500 : 400] ?? ['error', 'Error'];
  return new MockError(status, code, param === undefined ? message.replace(' %s', '') : message.replace('%s', String(param)), extra);
}

/** Genesys ErrorBody. */
export function genesysErrorBody(err: MockError, correlationId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    message: err.message,
    code: err.code,
    status: err.status,
    contextId: correlationId,
    details: err.extra.details ?? [],
    errors: [],
  };
  if (err.extra.messageWithParams) body.messageWithParams = err.extra.messageWithParams;
  if (err.extra.messageParams) body.messageParams = err.extra.messageParams;
  if (err.extra.entityId) body.entityId = err.extra.entityId;
  if (err.extra.limit) body.limit = err.extra.limit;
  return body;
}

/** myKaarma envelope: BotMessageResponse, or AuthErrorResponse (errors only) for 401. */
export function mykaarmaErrorBody(err: MockError, requestUuid: string): Record<string, unknown> {
  const errors = [{ errorCode: err.code, errorDescription: err.message }];
  if (err.status === 401) return { errors };
  const body: Record<string, unknown> = { requestUuid, errors, warnings: [] };
  // The service leaves `status` unset on 400 validation errors and sets FAILURE when it failed itself.
  if (err.status >= 500) body.status = 'FAILURE';
  return body;
}

export function oauthErrorBody(err: MockError): Record<string, unknown> {
  return { error: err.code, description: err.message, error_description: err.message };
}
