/**
 * Result excerpts as plain data — runs of text, some marked — so the page builds them with
 * text nodes and <mark> elements and never parses markup from the index as HTML.
 */
import { findTermRanges, type TextRange } from "./phrase-match.ts";

export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/** Characters of an exact result's excerpt: two or three lines under the title. */
const EXCERPT_LENGTH = 90;
const ELLIPSIS = "…";

/** Moves an offset off the second half of a surrogate pair. */
function characterBoundary(text: string, offset: number): number {
  const unit = text.charCodeAt(offset);
  return unit >= 0xdc00 && unit <= 0xdfff ? offset - 1 : offset;
}

/** `text[start, end)` as parts, the parts inside `ranges` marked. */
function markRanges(text: string, ranges: TextRange[], start: number, end: number): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const push = (piece: string, marked: boolean) => {
    if (piece) parts.push({ text: piece, marked });
  };
  let at = start;
  for (const range of ranges) {
    if (range.end <= start || range.start >= end) continue;
    push(text.slice(at, Math.max(at, range.start)), false);
    push(text.slice(Math.max(at, range.start), Math.min(end, range.end)), true);
    at = Math.min(end, range.end);
  }
  push(text.slice(at, end), false);
  return parts;
}

/** The whole text with every occurrence of the terms marked (result titles). */
export function markTerms(text: string, terms: string[]): ExcerptPart[] {
  return markRanges(text, findTermRanges(text, terms), 0, text.length);
}

/**
 * About `length` characters of `content` around the first occurrence of a term at or after
 * `from`, with every occurrence inside marked. `from` skips a leading part — the title, which
 * the result already shows — so a title-only match shows the start of the text instead.
 */
export function phraseExcerpt(content: string, terms: string[], from = 0, length = EXCERPT_LENGTH): ExcerptPart[] {
  const ranges = findTermRanges(content, terms);
  const anchor = ranges.find((range) => range.start >= from);
  let start = from;
  if (anchor) {
    const lead = Math.max(0, Math.floor((length - (anchor.end - anchor.start)) / 3));
    start = Math.max(from, anchor.start - lead);
  }
  start = characterBoundary(content, start);
  const end = characterBoundary(content, Math.min(content.length, start + length));
  return [...(start > from ? [{ text: ELLIPSIS, marked: false }] : []), ...markRanges(content, ranges, start, end), ...(end < content.length ? [{ text: ELLIPSIS, marked: false }] : [])];
}

/**
 * Where the body starts in Pagefind's text of an article, which begins with the title and the
 * ". " Pagefind puts after a heading.
 */
export function bodyStart(content: string, title: string | undefined): number {
  if (!title || !content.startsWith(title)) return 0;
  return title.length + (/^[.\s]*/.exec(content.slice(title.length))?.[0].length ?? 0);
}
