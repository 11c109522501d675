/** Base64 of UTF-8 text: what the CLI sends for `--user-data` (and the lab's forms for user data). */
export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
