// What every entry point re-exports: the error classes, the auth helper and the option types.
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  BotApisError,
  ConfigurationError,
  ConflictError,
  EventStreamError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
export { clientCredentials, type AccessTokenContext, type AccessTokenSource, type BasicAuth, type ClientCredentialsAuth, type ClientCredentialsOptions, type GenesysAuth } from './auth.js';
export type { CallOptions, CommonClientOptions, GenesysRegion, Logger, RequestLogEntry } from './options.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export type { MethodInit, MethodResult } from './client.js';
export { isApiError, type ApiOperationId, type HttpErrorStatus, type OperationApiError, type UndeclaredStatus } from './typed-errors.js';
