/**
 * One log entry per attempt, for a client made with `logger`. Loaded on the first call of such a client,
 * so a page without a logger ships none of it. Everything printed passes the client's secret registry.
 */
import type { OperationDef } from './operation.js';
import type { Logger, RequestLogEntry } from './options.js';
import type { SecretRegistry } from './secrets.js';
import type { HeaderBag } from './transport/contract.js';

export interface LoggedAttempt {
  operationId: string;
  method: OperationDef['method'];
  url: string;
  attempt: number;
  started: number;
  /** The answer, when the attempt got one. */
  answer: { status: number; headers: HeaderBag; body: unknown } | undefined;
  error: unknown;
  requestBody: unknown;
}

export function logAttempt(logger: Logger, secrets: SecretRegistry, logBodies: boolean, at: LoggedAttempt): void {
  const responseBody = at.answer?.body;
  const body = responseBody && typeof responseBody === 'object' ? (responseBody as Record<string, unknown>) : {};
  const correlationId = at.answer?.headers.get('inin-correlation-id') ?? (typeof body.contextId === 'string' ? body.contextId : undefined) ?? (typeof body.requestUuid === 'string' ? body.requestUuid : undefined);
  const err = at.error as Error | undefined;
  logger({
    operationId: at.operationId,
    method: at.method,
    url: secrets.scrubText(at.url),
    status: at.answer?.status,
    durationMs: Date.now() - at.started,
    attempt: at.attempt,
    correlationId: correlationId ? secrets.scrubText(correlationId) : undefined,
    ...(err ? { error: secrets.scrubText(`${err.name}: ${err.message}`) } : {}),
    // The response first: a secret field it carries (a new guest chat's `jwt`) is learnt before anything is printed.
    ...(logBodies ? bodies(secrets, at.requestBody, responseBody) : {}),
  });
}

function bodies(secrets: SecretRegistry, requestBody: unknown, responseBody: unknown): Pick<RequestLogEntry, 'requestBody' | 'responseBody'> {
  const response = secrets.scrubValue(responseBody);
  return { requestBody: secrets.scrubValue(requestBody), responseBody: response };
}
