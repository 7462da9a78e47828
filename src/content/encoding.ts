/**
 * Decodes a content file as UTF-8, or says which encoding it seems to be in:
 * files saved from older Chinese Windows tools are often GBK, Word's "Unicode text" is UTF-16.
 */
import chardet from "chardet";

/** `line`: where the first byte that is not UTF-8 is, when the file is otherwise read as UTF-8. */
export type Decoded = { ok: true; text: string } | { ok: false; problem: string; hint: string; line?: number };

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * UTF-16 with a byte-order mark, or without one: then the ASCII of the front-matter leaves a zero
 * byte in every other place (a quarter of the pairs is far above what any other text has).
 */
function utf16(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "UTF-16LE";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "UTF-16BE";
  const pairs = Math.min(bytes.length, 4096) >> 1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) even++;
    if (bytes[2 * i + 1] === 0) odd++;
  }
  if (odd > pairs / 4 && even < odd / 8) return "UTF-16LE";
  if (even > pairs / 4 && odd < even / 8) return "UTF-16BE";
  return undefined;
}

/**
 * 1-based line of the first byte that is not UTF-8. A prefix cut inside a character still
 * decodes when streaming, so the shortest prefix that fails can be found by bisection.
 */
function firstInvalidLine(bytes: Uint8Array): number {
  const decodes = (end: number) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    if (decodes(middle)) good = middle;
    else bad = middle;
  }
  // Lines end as the loader reads them: LF, CRLF or a lone CR.
  let line = 1;
  for (let i = 0; i < bad - 1; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  return line;
}

function guessEncoding(bytes: Uint8Array): string {
  const wide = utf16(bytes);
  if (wide) return wide;
  const detected = chardet.detect(bytes);
  // GB2312 and GB18030 are both GBK in practice; editors know the name GBK.
  if (detected && /^(GB|gb)/.test(detected)) return "GBK";
  return detected ?? "an unknown encoding";
}

export function decodeContent(bytes: Uint8Array): Decoded {
  const wide = utf16(bytes);
  if (!wide) {
    try {
      return { ok: true, text: UTF8.decode(bytes) };
    } catch {
      // fall through to the guess
    }
  }
  return {
    ok: false,
    problem: `the file is not UTF-8; it looks like ${guessEncoding(bytes)}`,
    hint: "save it as UTF-8: in most editors, Save As → Encoding → UTF-8",
    // In UTF-16 every character is two bytes, so a line of the file means nothing.
    line: wide ? undefined : firstInvalidLine(bytes),
  };
}
