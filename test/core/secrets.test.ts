import { describe, expect, it } from 'vitest';
import { MAX_SCRUB_DEPTH, SecretRegistry, TOO_DEEP } from '../../src/core/secrets.js';

describe('SecretRegistry', () => {
  it('scrubs a secret, its URL-encoded form and the Basic value by value', () => {
    const secrets = new SecretRegistry();
    secrets.add('s3cr3t/value+1');
    secrets.addBasic('user', 'pa55word');
    const basic = Buffer.from('user:pa55word').toString('base64');
    const text = `a s3cr3t/value+1 b ${encodeURIComponent('s3cr3t/value+1')} c ${basic} d pa55word`;
    expect(secrets.scrubText(text)).toBe('a [redacted] b [redacted] c [redacted] d [redacted]');
  });

  it('ignores values too short to scrub without wrecking the text', () => {
    const secrets = new SecretRegistry();
    secrets.add('ab');
    expect(secrets.scrubText('abc')).toBe('abc');
  });

  it('learns secret fields of a value before scrubbing the rest of it', () => {
    const secrets = new SecretRegistry();
    const scrubbed = secrets.scrubValue({ eventStreamUri: 'wss://h/chat/jwt/xyz.jwt.value', jwt: 'xyz.jwt.value', nested: [{ access_token: 'tok-1234' }] });
    expect(scrubbed).toEqual({ eventStreamUri: 'wss://h/chat/jwt/[redacted]', jwt: '[redacted]', nested: [{ access_token: '[redacted]' }] });
    expect(secrets.scrubText('later xyz.jwt.value')).toBe('later [redacted]');
  });

  it('asks its sources again at every scrub', () => {
    const issued: string[] = [];
    const secrets = new SecretRegistry();
    secrets.addSource({ secretValues: () => issued });
    issued.push('token-obtained-later');
    expect(secrets.scrubText('token-obtained-later')).toBe('[redacted]');
  });

  it('cuts hostile depth instead of overflowing the stack, and keeps __proto__ a plain field', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const scrubbed = new SecretRegistry().scrubValue(deep);
    let node = scrubbed as Record<string, unknown>;
    for (let i = 0; i < MAX_SCRUB_DEPTH; i++) node = node.a as Record<string, unknown>;
    expect(node).toBe(TOO_DEEP);
    const copy = new SecretRegistry().scrubValue(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
  });
});
