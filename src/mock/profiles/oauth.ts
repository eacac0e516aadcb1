/**
 * The dialect of Genesys' login host (`POST /oauth/token`): RFC 6749 §5.2 error bodies
 * (`{error, error_description}`, plus the `description` the login host also sends), `no-store` caching.
 */
import { MockError } from '../errors.js';
import { readIssue } from './issues.js';
import type { Profile } from './profile.js';

const GENERIC: Readonly<Record<number, string>> = { 400: 'invalid_request', 401: 'invalid_client', 429: 'temporarily_unavailable', 500: 'server_error' };

const invalid = (message: string) => new MockError(400, 'invalid_request', message);

export const oauth: Profile = {
  name: 'oauth',
  idHeaders: (requestId) => ({ 'ININ-Correlation-Id': requestId, 'Cache-Control': 'no-store', Pragma: 'no-cache' }),
  errorBody: (err) => ({ error: err.code, description: err.message, error_description: err.message }),
  generic: (status, _param, extra) => new MockError(status, GENERIC[status] ?? (status >= 500 ? 'server_error' : 'invalid_request'), `HTTP ${status}`, extra),
  badRequest: invalid,
  bodyMissing: () => invalid('A request body is required.'),
  malformedJson: (reason) => invalid(`The request body is not valid: ${reason}`),
  malformedHttp: (reason) => invalid(`The request could not be understood by the server due to malformed syntax: ${reason}`),
  badPathParam: (_def, name, value) => invalid(`Value [${value}] is not valid for path parameter [${name}]`),
  invalidRequest(_def, issues) {
    const first = readIssue(issues[0]!);
    return invalid(`${first.field || first.location} ${first.message}`);
  },
};
