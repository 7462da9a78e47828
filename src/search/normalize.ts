/**
 * The one text normalisation every part of search agrees on: the phrase index at build time,
 * the query, result verification and highlighting in the browser.
 *
 * A reader who types `2026年` means `2026 年`, `ＡＩ` means `ai`, and `OpenClaw` means
 * `openclaw`, so each character is NFKC-folded (full-width → half-width, compatibility
 * forms), lower-cased, and whitespace and zero-width characters are dropped. Pagefind's
 * fragments separate its words with U+200B, which must vanish the same way.
 *
 * Characters are folded one at a time (not the whole string at once) so that every
 * normalised character can be traced back to the source text it came from: that map is what
 * lets a match found in normalised text be marked in the original.
 */

const IGNORED = /^[\s\u200B-\u200D\u2060\uFEFF]$/u;

/** Normalised text with, for each of its UTF-16 units, the source range it came from. */
export interface NormalizedText {
  text: string;
  /** Source offset (UTF-16) where the character behind each normalised unit starts. */
  sourceStart: number[];
  /** Source offset (UTF-16) just after that character. */
  sourceEnd: number[];
}

/** Folded characters, memoised: an archive has a few thousand distinct characters and millions of them. */
const FOLDED = new Map<string, string>();

export function foldCharacter(character: string): string {
  let folded = FOLDED.get(character);
  if (folded === undefined) {
    folded = "";
    for (const part of character.normalize("NFKC").toLowerCase()) if (!IGNORED.test(part)) folded += part;
    FOLDED.set(character, folded);
  }
  return folded;
}

export function normalizeWithMap(source: string): NormalizedText {
  let text = "";
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  let offset = 0;
  for (const character of source) {
    const end = offset + character.length;
    const folded = foldCharacter(character);
    for (let unit = 0; unit < folded.length; unit++) {
      sourceStart.push(offset);
      sourceEnd.push(end);
    }
    text += folded;
    offset = end;
  }
  return { text, sourceStart, sourceEnd };
}

export function normalize(source: string): string {
  let text = "";
  for (const character of source) text += foldCharacter(character);
  return text;
}
