/**
 * The mock's optional peer dependencies (libphonenumber-js, msw) are not installed for users of the clients.
 * Where one is missing, the mock says which package and the command that installs it, instead of Node's
 * bare "Cannot find package".
 */

/** The error for a missing optional peer: what needs it, and how to install it. */
export function missingPeer(pkg: string, neededFor: string, cause: unknown): Error {
  return new Error(
    `${neededFor} ${pkg}, an optional peer dependency that is not installed. ` +
      `Install it next to bot-apis: npm install --save-dev ${pkg} (or yarn add --dev ${pkg}, pnpm add --save-dev ${pkg}). ` +
      'The clients do not need it.',
    { cause },
  );
}

/** Whether an import failed because `pkg` itself is not installed (not an error inside it). */
export function isModuleNotFound(error: unknown, pkg: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(pkg);
}
