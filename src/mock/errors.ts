/**
 * `MockError`: what handlers and the pipeline throw. It carries the vendor's code and message; the
 * profile of the request's API renders it in its own shape (src/mock/profiles/).
 */

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
