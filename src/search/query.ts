/**
 * What the reader typed, as search terms. Words separated by spaces are separate terms (an
 * article must contain every one); a quoted run — "…", “…”, 「…」 or 『…』 — is one term even
 * with spaces inside. Each term is normalised (see normalize.ts), so a term is a phrase that
 * must occur in the article's normalised text.
 */
import { normalize } from "./normalize.ts";

export interface SearchQuery {
  /** The input as typed, trimmed: what Pagefind's own search is given. */
  input: string;
  /** Normalised terms, each one a phrase an exact result contains; no duplicates. */
  terms: string[];
}

/** The longest term kept, in characters: bounds the phrase-index shards a query can fetch. */
export const MAX_TERM_LENGTH = 64;

const CLOSING_QUOTE: Record<string, string> = { '"': '"', "＂": "＂", "“": "”", "「": "」", "『": "』" };
const QUOTE_MARKS = new Set([...Object.keys(CLOSING_QUOTE), ...Object.values(CLOSING_QUOTE)]);
const SEARCHABLE = /[\p{L}\p{N}]/u;
const EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;

/** The raw pieces of the input: quoted runs whole, everything else split on whitespace. */
function pieces(input: string): string[] {
  const found: string[] = [];
  let current = "";
  let closing: string | undefined;
  const flush = () => {
    if (current) found.push(current);
    current = "";
  };
  for (const character of input) {
    if (closing) {
      if (character === closing) {
        closing = undefined;
        flush();
      } else current += character;
    } else if (character in CLOSING_QUOTE) {
      flush();
      closing = CLOSING_QUOTE[character];
    } else if (/\s/u.test(character)) flush();
    else current += character;
  }
  flush();
  return found;
}

export function parseQuery(input: string): SearchQuery {
  const terms: string[] = [];
  for (const piece of pieces(input)) {
    // Punctuation at a term's edges is never what the reader is looking for (`数据，`), but
    // inside a term it is (`5G-A`).
    const term = Array.from(normalize(piece).replace(EDGE_PUNCTUATION, "")).slice(0, MAX_TERM_LENGTH).join("");
    if (SEARCHABLE.test(term) && !terms.includes(term)) terms.push(term);
  }
  return { input: input.trim(), terms };
}

/** The input as the page quotes it back to the reader: without the reader's own quote marks. */
export function unquoted(input: string): string {
  return Array.from(input)
    .filter((character) => !QUOTE_MARKS.has(character))
    .join("");
}

/** The terms a result link hands to the article page to highlight (`?highlight=`). */
export function highlightParam(terms: string[]): string {
  return terms.join(" ");
}

/** The terms an article page was asked to highlight. */
export function termsFromHighlightParam(value: string | null): string[] {
  return value ? parseQuery(value).terms : [];
}
