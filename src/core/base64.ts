/** UTF-8 safe base64 (btoa alone throws on characters outside Latin-1), for Node and browsers. */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
