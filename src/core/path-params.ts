/** Path parameters percent-encoded (dot segments are refused earlier, in validate.ts). */
export function encodePathParams(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{([^{}]+)\}/g, (_m, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}
