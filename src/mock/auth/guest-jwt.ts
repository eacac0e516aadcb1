/**
 * The guest chat JWT: a real signed token bound to one conversation and member, with the claims the
 * reference (§2) observed on the real service: iss `urn:purecloud:webchat`, org, iat, exp (~21 h),
 * data.conv, data.did, data.sub. The real one is RS256; HS256 with a per-mock random key (WebCrypto)
 * is used here because nothing outside the mock verifies it and HMAC keeps the hot path cheap.
 */
import { base64url, fromBase64, fromUtf8, utf8 } from '../bytes.js';
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
const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;

function unexpired(claims: GuestClaims, now: number): GuestClaims {
  if (claims.exp * 1000 <= now) throw new MockError(401, 'credentials.expired', 'The supplied credentials are expired and cannot be used.');
  return claims;
}

const encode = (v: object) => base64url(utf8(JSON.stringify(v)));
const invalid = () => new MockError(401, 'bad.credentials', 'Invalid login credentials.');

export class GuestJwt {
  readonly #key = crypto.subtle.generateKey(HMAC, false, ['sign', 'verify']) as Promise<CryptoKey>;
  readonly #kid = crypto.randomUUID();
  /** Verified tokens, so a busy guest GET costs a map lookup instead of an HMAC and two JSON parses. */
  readonly #verified = new BoundedMap<string, GuestClaims>(2048);

  async sign(data: { org: string; conv: string; did: string; sub: string }, now = Date.now()): Promise<string> {
    const iat = Math.floor(now / 1000);
    const claims: GuestClaims = { iss: ISSUER, org: data.org, iat, exp: iat + TTL_SECONDS, data: { conv: data.conv, did: data.did, sub: data.sub } };
    const signingInput = `${encode({ alg: 'HS256', typ: 'JWT', kid: this.#kid })}.${encode(claims)}`;
    const signature = new Uint8Array(await crypto.subtle.sign(HMAC, await this.#key, utf8(signingInput)));
    const token = `${signingInput}.${base64url(signature)}`;
    this.#verified.set(token, claims);
    return token;
  }

  /** The claims of a valid token; rejects with a 401 in Genesys terms otherwise. */
  async verify(token: string, now = Date.now()): Promise<GuestClaims> {
    return unexpired(this.#verified.get(token) ?? (await this.#check(token)), now);
  }

  /**
   * As {@link verify}, answered at once (no promise) for a token verified before: the hot path of a
   * busy guest GET costs a map lookup.
   */
  verifyNow(token: string, now = Date.now()): GuestClaims | Promise<GuestClaims> {
    const claims = this.#verified.get(token);
    return claims ? unexpired(claims, now) : this.verify(token, now);
  }

  async #check(token: string): Promise<GuestClaims> {
    const [header, payload, signature, ...rest] = token.split('.');
    if (!header || !payload || !signature || rest.length > 0) throw invalid();
    const given = fromBase64(signature);
    if (!given || !(await crypto.subtle.verify(HMAC, await this.#key, given, utf8(`${header}.${payload}`)))) throw invalid();
    let claims: GuestClaims;
    try {
      const head = JSON.parse(fromUtf8(fromBase64(header) ?? new Uint8Array())) as { alg?: string; kid?: string };
      claims = JSON.parse(fromUtf8(fromBase64(payload) ?? new Uint8Array())) as GuestClaims;
      if (head.alg !== 'HS256' || head.kid !== this.#kid) throw invalid();
    } catch {
      throw invalid();
    }
    if (claims.iss !== ISSUER || typeof claims.data?.conv !== 'string' || typeof claims.exp !== 'number') throw invalid();
    this.#verified.set(token, claims);
    return claims;
  }
}

/**
 * Guest operations: `Authorization: Bearer <jwt>` whose conversation is the one in the path. A guest may
 * act (send, type, leave) only as its own member.
 */
export function requireGuest(jwt: GuestJwt, authorization: string | undefined, conversationId: string, actingMemberId?: string): GuestClaims | Promise<GuestClaims> {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) throw new MockError(401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
  const claims = jwt.verifyNow(match[1]);
  return claims instanceof Promise ? claims.then((c) => boundTo(c, conversationId, actingMemberId)) : boundTo(claims, conversationId, actingMemberId);
}

/** The claims, when they are for this conversation (and this member, for a write); 403 otherwise. */
function boundTo(claims: GuestClaims, conversationId: string, actingMemberId: string | undefined): GuestClaims {
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
