/**
 * FNV-1a, the one string hash of the app: stable IDs (catalogue resources, generated questions,
 * KMS keys, SSM commands) and seeds for shuffles. Not cryptographic. Every caller keeps the output
 * it always had: IDs derived here are stored in saved worlds and review histories.
 */

/** FNV-1a's 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a's 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over a string's UTF-16 code units, as an unsigned integer. Another `offset` (and
 * `prime`) gives an independent hash of the same text, for IDs wider than 32 bits.
 */
export function fnv1a(text: string, offset: number = FNV_OFFSET, prime: number = FNV_PRIME): number {
  let hash = offset >>> 0;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), prime) >>> 0;
  return hash;
}

/** Eight lowercase hex digits of a 32-bit unsigned integer. */
export function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/** A UUID-shaped identifier (version-4 layout) that is the same for the same text, in every world. */
export function uuidFromText(text: string): string {
  const hex = (hex8(fnv1a(text)) + hex8(fnv1a(text, FNV_PRIME, 0x5bd1e995))).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
