/**
 * What a handler receives and returns, typed per operationId from the generated schema types
 * (`OperationRoutes` of each `generated/<api>/operations.ts`, which point into openapi-typescript's
 * `paths`). A spec change that breaks a handler (a renamed field, a new required one, another success
 * status) is a compile error in that handler. Handlers read a validated request, change the in-memory
 * state and return the success body, or throw a MockError.
 */
import type { OperationRoutes as BotMessageRoutes } from '../../generated/botmessage/operations.js';
import type { OperationRoutes as TextbotsRoutes } from '../../generated/textbots/operations.js';
import type { OperationRoutes as WebChatRoutes } from '../../generated/webchat/operations.js';
import type { GuestClaims } from './auth/guest-jwt.js';

type Routes = TextbotsRoutes & WebChatRoutes & BotMessageRoutes;

/** Every operationId the mock serves. */
export type OperationId = keyof Routes;

type Op<Id extends OperationId> = Routes[Id]['op'];
type Defined<T> = Exclude<T, undefined>;
type Params<Id extends OperationId, Where extends 'path' | 'query'> = Op<Id> extends { parameters: infer P }
  ? Where extends keyof P
    ? [Defined<P[Where]>] extends [never]
      ? Record<string, never>
      : Defined<P[Where]>
    : Record<string, never>
  : Record<string, never>;

/** The JSON request body of an operation; `undefined` when it takes none (or it is optional and absent). */
export type RequestBody<Id extends OperationId> = Op<Id> extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : Op<Id> extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B | undefined
    : undefined;

type Responses<Id extends OperationId> = Op<Id>['responses'];
type SuccessStatus<Id extends OperationId> = Extract<keyof Responses<Id>, 200 | 201 | 202 | 204>;

/** The JSON body of an operation's success response (`undefined` for a 204). */
export type SuccessBody<Id extends OperationId> = Responses<Id>[SuccessStatus<Id>] extends infer R
  ? R extends { content: { 'application/json': infer B } }
    ? B
    : undefined
  : never;

export interface HandlerRequest<Id extends OperationId = OperationId> {
  readonly operationId: Id;
  /** Decoded path parameters. */
  readonly params: Params<Id, 'path'>;
  /** Query parameters, typed (numbers, booleans) by the rule set as the spec declares them. */
  readonly query: Partial<Params<Id, 'query'>>;
  /** The parsed, validated JSON body. */
  readonly body: RequestBody<Id>;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** The id of this request: Genesys' correlation id, myKaarma's request UUID. */
  readonly requestId: string;
  /** Guest operations: the verified JWT claims. */
  readonly guest?: GuestClaims;
  /** ms since epoch, one clock reading per request. */
  readonly now: number;
}

/** A success answer; its status is the operation's success status from the generated table. */
export interface Reply<Id extends OperationId = OperationId> {
  body: SuccessBody<Id>;
  headers?: Record<string, string>;
}

export type Handler<Id extends OperationId> = (req: HandlerRequest<Id>) => Reply<Id> | Promise<Reply<Id>>;

/** Handlers by operationId; each one typed by its own operation. */
export type Handlers = { [Id in OperationId]?: Handler<Id> };
