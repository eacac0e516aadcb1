/**
 * Every secret a client holds or obtains, so that it can be scrubbed by value wherever an error or a
 * log entry could carry it: a server that echoes a token back in a body, a header or a message must
 * not get it printed. Redaction by name (redact.ts) covers what is known to be secret by where it is;
 * this covers what is known to be secret by what it is.
 */
import { base64 } from './base64.js';
import { REDACTED } from './redact.js';

/** Shorter values are not scrubbed: replacing every "ab" in a message would make it unreadable. */
const MIN_SECRET_LENGTH = 4;
/** Deeper parts of a scrubbed value are cut: a hostile body must not exhaust the stack. */
export const MAX_SCRUB_DEPTH = 64;
export const TOO_DEEP = '[too deep]';

/** Body fields whose value is a credential, wherever they appear (`jwt` of a created guest chat…). */
const SECRET_FIELDS = /^(jwt|access_?token|refresh_?token|id_?token|token|password|client_?secret|secret)$/i;

/** Something that can tell the client which secrets it holds (clientCredentials' client secret). */
export interface SecretSource {
  /** The secret values this source holds or has handed out so far. */
  secretValues(): readonly string[];
}

export function isSecretSource(value: unknown): value is SecretSource {
  return typeof value === 'object' && value !== null && typeof (value as SecretSource).secretValues === 'function';
}

export class SecretRegistry {
  readonly #values = new Set<string>();
  readonly #sources: SecretSource[] = [];
  #sorted: string[] | undefined;

  /** Remembers a secret and the forms it travels in (URL-encoded, and `Bearer …`). */
  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.#values.has(value)) return;
    this.#values.add(value);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#values.add(encoded);
    this.#sorted = undefined;
  }

  /** HTTP Basic credentials: the password, and the base64 value of the header. */
  addBasic(username: string, password: string): void {
    this.add(password);
    this.add(base64(`${username}:${password}`));
  }

  /** A source asked again at every scrub, for secrets it obtains later. */
  addSource(source: SecretSource): void {
    if (!this.#sources.includes(source)) this.#sources.push(source);
  }

  /** Longest first, so that a secret containing another is replaced whole. */
  values(): readonly string[] {
    for (const source of this.#sources) for (const value of source.secretValues()) this.add(value);
    this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
    return this.#sorted;
  }

  /** The text with every known secret replaced by `[redacted]`. */
  scrubText(text: string): string {
    let out = text;
    for (const secret of this.values()) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /**
   * A copy of a parsed JSON value with secrets scrubbed: values of secret fields are remembered and
   * replaced, then every string is scrubbed by value. Parts deeper than {@link MAX_SCRUB_DEPTH} are
   * replaced by `[too deep]`, so a hostile answer cannot overflow the stack.
   */
  scrubValue(value: unknown): unknown {
    collectSecretFields(value, this);
    return copyScrubbed(value, this, 0);
  }
}

function collectSecretFields(value: unknown, registry: SecretRegistry): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (!item.value || typeof item.value !== 'object' || item.depth >= MAX_SCRUB_DEPTH) continue;
    for (const [key, child] of Object.entries(item.value)) {
      if (typeof child === 'string' && SECRET_FIELDS.test(key)) registry.add(child);
      else stack.push({ value: child, depth: item.depth + 1 });
    }
  }
}

function copyScrubbed(value: unknown, registry: SecretRegistry, depth: number): unknown {
  if (typeof value === 'string') return registry.scrubText(value);
  if (!value || typeof value !== 'object') return value;
  if (depth >= MAX_SCRUB_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => copyScrubbed(item, registry, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const scrubbed = typeof child === 'string' && SECRET_FIELDS.test(key) ? REDACTED : copyScrubbed(child, registry, depth + 1);
    // defineProperty: a parsed `__proto__` key stays a plain field instead of replacing the prototype.
    Object.defineProperty(out, key, { value: scrubbed, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
