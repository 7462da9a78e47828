/**
 * FNV-1a, 32 bits: a small, stable hash that is the same in Node and every browser. Over a
 * string's UTF-16 units, or over bytes (a string's UTF-8, from TextEncoder).
 * http://www.isthe.com/chongo/tech/comp/fnv/
 */
export function fnv1a(input: string | Uint8Array): number {
  let hash = 0x811c9dc5;
  const length = input.length;
  for (let i = 0; i < length; i++) {
    hash ^= typeof input === "string" ? input.charCodeAt(i) : input[i];
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
