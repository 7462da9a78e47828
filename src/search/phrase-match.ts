/**
 * Finding search terms in text the way a reader reads it: in normalised text (no spaces,
 * width or case differences), reported as ranges of the original text so they can be marked.
 */
import { normalizeWithMap } from "./normalize.ts";

/** A half-open range [start, end) of UTF-16 offsets in the original text. */
export interface TextRange {
  start: number;
  end: number;
}

/** Every occurrence of every term, as sorted, non-overlapping ranges of `source`. */
export function findTermRanges(source: string, terms: string[]): TextRange[] {
  const normalized = normalizeWithMap(source);
  const ranges: TextRange[] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = normalized.text.indexOf(term); at >= 0; at = normalized.text.indexOf(term, at + term.length)) {
      ranges.push({ start: normalized.sourceStart[at], end: normalized.sourceEnd[at + term.length - 1] });
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: TextRange[]): TextRange[] {
  const merged: TextRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** A piece of a range that falls within one chunk of a text made of consecutive chunks. */
export interface ChunkRange {
  chunk: number;
  start: number;
  end: number;
}

/**
 * Splits ranges of a text joined from chunks (the text nodes of a page) into ranges of the
 * chunks, so a phrase that crosses an element boundary (数据<strong>要素</strong>) is marked
 * in every chunk it touches.
 */
export function rangesByChunk(chunkLengths: number[], ranges: TextRange[]): ChunkRange[] {
  const pieces: ChunkRange[] = [];
  let chunkStart = 0;
  chunkLengths.forEach((length, chunk) => {
    const chunkEnd = chunkStart + length;
    for (const range of ranges) {
      const start = Math.max(range.start, chunkStart);
      const end = Math.min(range.end, chunkEnd);
      if (start < end) pieces.push({ chunk, start: start - chunkStart, end: end - chunkStart });
    }
    chunkStart = chunkEnd;
  });
  return pieces;
}
