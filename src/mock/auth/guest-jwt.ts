/**
 * The guest chat JWT: a real signed token bound to one conversation and member, with the claims the
 * reference (§2) observed on the real service: iss `urn:purecloud:webchat`, org, iat, exp (~21 h),
 * data.conv, data.did, data.sub. The real one is RS256; HS256 with a per-server random key is used
 * here because nothing outside the mock verifies it and HMAC keeps the hot path cheap.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { MockError } from '../errors.js';
import { BoundedMap } from '../store.js';

export interface GuestClaims {
  iss: string;
  org: string;
  iat: number;
  exp: number;
  data: { conv: string; did: string; sub: string };
}

const ISSUER = 'urn:purecloud:webchat';
const TTL_SECONDS = 21 * 3600;

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

export class GuestJwt {
  readonly #key = randomBytes(32);
  readonly #kid = randomUUID();
  /** Verified tokens, so a busy guest GET costs a map lookup instead of an HMAC and two JSON parses. */
  readonly #verified = new BoundedMap<string, GuestClaims>(2048);

  sign(data: { org: string; conv: string; did: string; sub: string }, now = Date.now()): string {
    const iat = Math.floor(now / 1000);
    const claims: GuestClaims = { iss: ISSUER, org: data.org, iat, exp: iat + TTL_SECONDS, data: { conv: data.conv, did: data.did, sub: data.sub } };
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: this.#kid })}.${b64(claims)}`;
    return `${signingInput}.${this.#mac(signingInput).toString('base64url')}`;
  }

  /** The claims of a valid token; throws 401 in Genesys terms otherwise. */
  verify(token: string, now = Date.now()): GuestClaims {
    const claims = this.#verified.get(token) ?? this.#check(token);
    if (claims.exp * 1000 <= now) throw new MockError(401, 'credentials.expired', 'The supplied credentials are expired and cannot be used.');
    return claims;
  }

  #check(token: string): GuestClaims {
    const invalid = () => new MockError(401, 'bad.credentials', 'Invalid login credentials.');
    const [header, payload, signature, ...rest] = token.split('.');
    if (!header || !payload || !signature || rest.length > 0) throw invalid();
    const expected = this.#mac(`${header}.${payload}`);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let claims: GuestClaims;
    try {
      const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
      if (head.alg !== 'HS256' || head.kid !== this.#kid) throw invalid();
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as GuestClaims;
    } catch {
      throw invalid();
    }
    if (claims.iss !== ISSUER || typeof claims.data?.conv !== 'string' || typeof claims.exp !== 'number') throw invalid();
    this.#verified.set(token, claims);
    return claims;
  }

  #mac(input: string): Buffer {
    return createHmac('sha256', this.#key).update(input).digest();
  }
}

/**
 * Guest operations: `Authorization: Bearer <jwt>` whose conversation is the one in the path. A guest may
 * act (send, type, leave) only as its own member.
 */
export function requireGuest(jwt: GuestJwt, authorization: string | undefined, conversationId: string, actingMemberId?: string): GuestClaims {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) throw new MockError(401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
  const claims = jwt.verify(match[1]);
  if (claims.data.conv !== conversationId) {
    throw new MockError(403, 'not.authorized', 'The guest token is not valid for this conversation.', {
      details: [{ errorCode: 'not.authorized', fieldName: 'conversationId', entityId: conversationId }],
    });
  }
  if (actingMemberId !== undefined && claims.data.sub !== actingMemberId) {
    throw new MockError(403, 'not.authorized', 'A guest may only act as its own member.', {
      details: [{ errorCode: 'not.authorized', fieldName: 'memberId', entityId: actingMemberId }],
    });
  }
  return claims;
}
