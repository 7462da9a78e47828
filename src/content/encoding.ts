/**
 * Decodes a content file as UTF-8, or says which encoding it seems to be in:
 * files saved from older Chinese Windows tools are often GBK, Word's "Unicode text" is UTF-16.
 */
import chardet from "chardet";

export type Decoded = { ok: true; text: string } | { ok: false; problem: string; hint: string };

const UTF8 = new TextDecoder("utf-8", { fatal: true });

export function guessEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "UTF-16LE";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "UTF-16BE";
  const detected = chardet.detect(bytes);
  // GB2312 and GB18030 are both GBK in practice; editors know the name GBK.
  if (detected && /^(GB|gb)/.test(detected)) return "GBK";
  return detected ?? "an unknown encoding";
}

export function decodeContent(bytes: Uint8Array): Decoded {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16) {
    try {
      return { ok: true, text: UTF8.decode(bytes) };
    } catch {
      // fall through to the guess
    }
  }
  return {
    ok: false,
    problem: `the file is not UTF-8; it looks like ${guessEncoding(bytes)}`,
    hint: "save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
  };
}
