/**
 * myKaarma's Basic auth (reference §4, §8): a ServiceSubscriber's username and password, and the
 * `communications.bot.message.write` scope held for the department in the path. All refusals are 401,
 * including the missing scope (the vendor answers 401, not 403).
 */
import { fromBase64, fromUtf8, sameSecret } from '../bytes.js';
import { MockError } from '../errors.js';
import { DEPARTMENTS, SUBSCRIBERS, type Subscriber } from '../fixtures.js';

const refused = (requestUuid: string) =>
  `Credentials are wrong, Authorization refused for provided credentials. Please contact Communications API support. Reference MessageID: ${requestUuid}`;

export function requireSubscriber(authorization: string | undefined, departmentUUID: string, requestUuid: string): Subscriber {
  if (!authorization) {
    throw new MockError(401, 'CREDENTIALS_ARE_NULL', `Credentials are null, Authorization refused. Reference MessageID: ${requestUuid}`);
  }
  const match = authorization.match(/^Basic\s+(\S+)\s*$/i);
  const bytes = match?.[1] ? fromBase64(match[1]) : undefined;
  const decoded = bytes ? fromUtf8(bytes) : '';
  const colon = decoded.indexOf(':');
  const username = colon >= 0 ? decoded.slice(0, colon) : '';
  const password = colon >= 0 ? decoded.slice(colon + 1) : '';
  const subscriber = SUBSCRIBERS.find((s) => s.username === username);
  if (!subscriber || !sameSecret(subscriber.password, password)) throw new MockError(401, 'WRONG_CREDENTIAL', refused(requestUuid));
  // An unknown department is reported by the handler as INVALID_DEALER_DEPARTMENT_ID (400).
  if (DEPARTMENTS.has(departmentUUID) && !subscriber.departments.includes(departmentUUID)) {
    throw new MockError(
      401,
      'NOT_AUTHORIZED_REQUEST',
      `Subscriber is not authorized for scope communications.bot.message.write on department ${departmentUUID}. Reference MessageID: ${requestUuid}`,
    );
  }
  return subscriber;
}
