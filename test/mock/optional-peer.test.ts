import { describe, expect, it } from 'vitest';
import { isModuleNotFound, missingPeer } from '../../src/mock/optional-peer.js';

describe('optional peer dependencies of the mock', () => {
  it('tells a missing package from an error inside an installed one', async () => {
    const missing = await import('no-such-package-of-bot-apis' as string).catch((error: unknown) => error);
    expect(isModuleNotFound(missing, 'no-such-package-of-bot-apis')).toBe(true);
    expect(isModuleNotFound(missing, 'msw')).toBe(false);
    expect(isModuleNotFound(new TypeError('x is not a function'), 'msw')).toBe(false);
    expect(isModuleNotFound(undefined, 'msw')).toBe(false);
  });

  it('names the package, what needs it and the command, and keeps the cause', () => {
    const cause = new Error("Cannot find package 'msw'");
    const error = missingPeer('msw', 'bot-apis/mock/msw makes request handlers for', cause);
    expect(error.message).toBe(
      'bot-apis/mock/msw makes request handlers for msw, an optional peer dependency that is not installed. ' +
        'Install it next to bot-apis: npm install --save-dev msw (or yarn add --dev msw, pnpm add --save-dev msw). The clients do not need it.',
    );
    expect(error.cause).toBe(cause);
  });
});
