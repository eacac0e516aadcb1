/**
 * Typed error bodies: `isApiError(error, 'sendBotMessage')` narrows a caught error to the `ApiError` that
 * operation threw, with `status` and `body` typed together from the operation's declared responses.
 * Which operation threw is recorded when the method rejects (a WeakMap: nothing is added to the error).
 */
import type { OperationRoutes as BotMessageRoutes } from '../../generated/botmessage/operations.js';
import type { OperationRoutes as TextbotsRoutes } from '../../generated/textbots/operations.js';
import type { OperationRoutes as WebChatRoutes } from '../../generated/webchat/operations.js';
import { ApiError } from './errors.js';

type Routes = TextbotsRoutes & WebChatRoutes & BotMessageRoutes;

/** Every operationId of the three APIs. */
export type ApiOperationId = keyof Routes;

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type ToNumber<T> = T extends `${infer N extends number}` ? N : never;
/** Every status an `ApiError` can have: 300–599 (and a success status whose body says `FAILURE`). */
export type HttpErrorStatus = ToNumber<`${3 | 4 | 5}${Digit}${Digit}`>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;
type Responses<Id extends ApiOperationId> = Routes[Id]['op'] extends { responses: infer R } ? R : never;
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : unknown;

/** A declared error answer: each non-2xx status of the spec with its body. */
type DeclaredErrors<Id extends ApiOperationId> = {
  [S in keyof Responses<Id>]: S extends SuccessStatus ? never : S extends number ? { status: S; body: JsonBody<Responses<Id>[S]> } : never;
}[keyof Responses<Id>];

/** A success status whose body says `status: FAILURE` (myKaarma), which the clients throw as well. */
type FailureAnswers<Id extends ApiOperationId> = {
  [S in keyof Responses<Id>]: S extends SuccessStatus
    ? JsonBody<Responses<Id>[S]> extends infer B
      ? B extends { status?: infer V }
        ? 'FAILURE' extends V
          ? { status: S; body: B & { status: 'FAILURE' } }
          : never
        : never
      : never
    : never;
}[keyof Responses<Id>];

/**
 * The `ApiError` an operation throws: one member per declared error status with that status's body
 * (Genesys `ErrorBody`, myKaarma's `errors` envelope…), plus any status the spec does not declare, whose
 * body is `unknown`. Compare `status` to narrow `body`.
 */
export type OperationApiError<Id extends ApiOperationId> = ApiError &
  (DeclaredErrors<Id> | FailureAnswers<Id> | { status: UndeclaredStatus<Id>; body: unknown });

/**
 * The statuses the operation's spec does not list (a gateway's 502, say): their body is `unknown`.
 * Spelled out as literals so that `error.status === 400` cannot match them and narrows `body`.
 */
export type UndeclaredStatus<Id extends ApiOperationId> = Exclude<HttpErrorStatus, keyof Responses<Id>>;

const thrownBy = new WeakMap<object, string>();

/** Records which operation an error came from (where a method throws it); returns the error. */
export function recordOperation(error: unknown, operationId: string): unknown {
  if (error instanceof ApiError) thrownBy.set(error, operationId);
  return error;
}

/**
 * Whether `error` is an HTTP error answer (`ApiError` or a subclass); with an operationId, whether that
 * operation threw it, and then `status` and `body` are typed from the operation's declared responses.
 *
 * @example
 * try {
 *   await bot.sendBotMessage(init);
 * } catch (error) {
 *   if (isApiError(error, 'sendBotMessage') && error.status === 400) {
 *     console.log(error.body.errors?.[0]?.errorCode); // the body of a declared 400, typed
 *   } else throw error;
 * }
 */
export function isApiError(error: unknown): error is ApiError;
export function isApiError<Id extends ApiOperationId>(error: unknown, operationId: Id): error is OperationApiError<Id>;
export function isApiError(error: unknown, operationId?: string): boolean {
  return error instanceof ApiError && (operationId === undefined || thrownBy.get(error) === operationId);
}
