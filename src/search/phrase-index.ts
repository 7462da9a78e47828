/**
 * The phrase index: a positional character-bigram index of every article, written beside the
 * Pagefind bundle at build time, so that the browser finds *every* article containing a typed
 * phrase whatever Pagefind's word segmentation made of it.
 *
 * Why it exists: Pagefind indexes Chinese as ICU4X words and matches each query word as a
 * word prefix, so a phrase inside a word (数据 in 大数|据) or split differently by the
 * query's segmenter is not found, and Pagefind's looser matches cannot be told apart without
 * fetching every candidate's text. Positions of bigrams answer "which articles contain this
 * phrase" exactly, with no page text fetched.
 *
 * Each search shard (src/pipeline/search-shards.ts) has its own phrase index, beside its Pagefind
 * bundle, so a build re-indexes only the shards that changed; the browser reads them all
 * (catalogue.ts joins their page lists). Its files (bundle-format.ts) are gzip-compressed JSON,
 * compressed by us because the index is mostly digits, which gzip shrinks about fourfold, and
 * static servers seldom do: a manifest of the pages, newest first (their position is their
 * recency rank), each with its Pagefind page id, date, title length and filter values; and
 * parts, each holding the postings of the grams hashed to it.
 *
 * A term of L characters needs the bigrams at offsets 0, 2, 4, … and L − 2 (they cover it):
 * ⌈L/2⌉ grams, each one part fetched at most. Terms are capped at 64 characters (query.ts), so
 * a term fetches at most 32 files per search shard, usually 1–4.
 */
import { decodePostings, type PhraseIndexPage, type Postings } from "./bundle-format.ts";

/** The bigrams (with their offsets) that together cover a term of two or more characters. */
export function coveringBigrams(term: string): { gram: string; offset: number }[] {
  const characters = Array.from(term);
  const offsets: number[] = [];
  for (let offset = 0; offset + 2 <= characters.length; offset += 2) offsets.push(offset);
  if (characters.length % 2 === 1) offsets.push(characters.length - 2);
  return offsets.map((offset) => ({ gram: characters[offset] + characters[offset + 1], offset }));
}

/** The grams a set of terms needs, to fetch their parts up front. */
export function gramsOf(terms: string[]): string[] {
  const grams = new Set<string>();
  for (const term of terms) {
    if (Array.from(term).length === 1) grams.add(term);
    else for (const { gram } of coveringBigrams(term)) grams.add(gram);
  }
  return [...grams];
}

/** Where a term starts in each page that contains it. */
function termOccurrences(term: string, postingsOf: (gram: string) => Postings): Map<number, number[]> {
  if (Array.from(term).length === 1) return decodePostings(postingsOf(term));
  const parts = coveringBigrams(term).map(({ gram, offset }) => ({ offset, byPage: decodePostings(postingsOf(gram)) }));
  // Walk the rarest gram's pages; a page contains the term where every gram sits at its offset.
  parts.sort((a, b) => a.byPage.size - b.byPage.size);
  const [rarest, ...others] = parts;
  const occurrences = new Map<number, number[]>();
  for (const [page, positions] of rarest.byPage) {
    const otherPositions = others.map((part) => ({ offset: part.offset, positions: new Set(part.byPage.get(page)) }));
    const starts = positions.map((position) => position - rarest.offset).filter((start) => otherPositions.every((other) => other.positions.has(start + other.offset)));
    if (starts.length) occurrences.set(page, starts);
  }
  return occurrences;
}

/** What the phrase index tells of a page that contains every term, for ranking (ranking.ts). */
export interface PhraseSignals {
  /** How many of the terms occur in the title. */
  titleTerms: number;
}

export interface PhraseMatch extends PhraseSignals {
  /** The page's position in the manifest (its recency rank). */
  page: number;
}

/** The pages that contain every term, with how many of the terms are in their titles. */
export function pagesWithEveryTerm(terms: string[], pages: PhraseIndexPage[], postingsOf: (gram: string) => Postings): PhraseMatch[] {
  if (!terms.length) return [];
  let matches: Map<number, number> | undefined;
  for (const term of terms) {
    const next = new Map<number, number>();
    for (const [page, starts] of termOccurrences(term, postingsOf)) {
      if (matches && !matches.has(page)) continue;
      const inTitle = starts[0] < pages[page].titleLength ? 1 : 0;
      next.set(page, (matches?.get(page) ?? 0) + inTitle);
    }
    matches = next;
  }
  return [...matches!].map(([page, titleTerms]) => ({ page, titleTerms }));
}
