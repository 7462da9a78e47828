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
 * Each search shard (src/build/search-shards.ts) has its own phrase index, beside its Pagefind
 * bundle, so a build re-indexes only the shards that changed; the browser reads them all
 * (catalogue.ts joins their page lists). Layout of one, under `<shard>/phrase-index/`:
 * - `manifest.json.gz`: the pages, newest first (their position is their recency rank), each with
 *   its Pagefind page id, date, title length and filter values; the filters' value lists; the
 *   part count. Gzip-compressed JSON (static servers seldom compress JSON themselves).
 * - `parts/<n>.bin`: for each gram hashed to part n, its postings (see Postings), as unsigned
 *   LEB128 varints: the number of grams, then for each its UTF-8 length and bytes, the count of
 *   numbers in its postings and the numbers. Binary, not gzipped JSON: as small on the wire
 *   (the numbers are small; as JSON they were mostly digits and commas, which gzip only brought
 *   back to this size), a third of the work to write, and a gram's postings are decoded only when
 *   a query needs that gram. Positions count normalised characters in the page's document: the
 *   title from 0, then the body from titleLength + 1 (the gap keeps bigrams from spanning the
 *   two). A single character (for one-character terms) keeps only its first position.
 *
 * A term of L characters needs the bigrams at offsets 0, 2, 4, … and L − 2 (they cover it):
 * ⌈L/2⌉ grams, each one part fetched at most. Terms are capped at 64 characters (query.ts), so
 * a term fetches at most 32 files per search shard, usually 1–4.
 */
import type { SearchFilterName } from "./filters.ts";

export const PHRASE_INDEX_DIR = "phrase-index";
export const MANIFEST_FILE = "manifest.json.gz";

export interface PhraseIndexPage {
  /** Pagefind's id for the page (the `id` of its search results). */
  id: string;
  /** ISO date: orders the pages of several search shards as one list. */
  published: string;
  /** Normalised characters in the title. */
  titleLength: number;
  /** For each filter of the manifest, indexes into its values. */
  filters: number[][];
}

export interface PhraseIndexFilter {
  name: SearchFilterName;
  values: string[];
}

export interface PhraseIndexManifest {
  /** Changes with the content: added to part URLs so a rebuilt site is never mixed with a cached one. */
  version: string;
  partCount: number;
  filters: PhraseIndexFilter[];
  /** Newest first. */
  pages: PhraseIndexPage[];
}

/**
 * The postings of one gram: for each page that has it, in page order, the page's distance
 * from the previous page, the number of positions, then each position's distance from the
 * previous one. Flat and delta-encoded because the index is mostly these numbers: small
 * numbers and no nesting make a part's JSON a quarter smaller than `[page, ...positions]` lists.
 */
export type Postings = number[];

/** One part of a phrase index, read from its bytes: each gram's postings are decoded when asked for. */
export class PhraseIndexPart {
  private readonly grams = new Map<string, [start: number, count: number]>();
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {
    const decoder = new TextDecoder();
    for (let grams = this.varint(); grams > 0; grams--) {
      const length = this.varint();
      const gram = decoder.decode(bytes.subarray(this.at, (this.at += length)));
      const count = this.varint();
      this.grams.set(gram, [this.at, count]);
      for (let skipped = 0; skipped < count;) if (bytes[this.at++] < 0x80) skipped++;
    }
  }

  private varint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.bytes[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  /** A gram's postings; none when the part does not have it. */
  postings(gram: string): Postings {
    const found = this.grams.get(gram);
    if (!found) return [];
    this.at = found[0];
    return Array.from({ length: found[1] }, () => this.varint());
  }
}

/** A part's file, relative to the phrase index folder. */
export function partFile(part: number): string {
  return `parts/${part}.bin.gz`;
}

/** FNV-1a over the gram's UTF-16 units: stable in Node and every browser. */
export function partOf(gram: string, partCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < gram.length; i++) {
    hash ^= gram.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partCount;
}

/** The bigrams (with their offsets) that together cover a term of two or more characters. */
export function coveringBigrams(term: string): { gram: string; offset: number }[] {
  const characters = Array.from(term);
  const offsets: number[] = [];
  for (let offset = 0; offset + 2 <= characters.length; offset += 2) offsets.push(offset);
  if (characters.length % 2 === 1) offsets.push(characters.length - 2);
  return offsets.map((offset) => ({ gram: characters[offset] + characters[offset + 1], offset }));
}

/** What a looser match contains of the terms: each term, or failing that the bigrams that cover it. */
export function wordsApart(terms: string[]): string[] {
  return [...new Set(terms.flatMap((term) => [term, ...coveringBigrams(term).map(({ gram }) => gram)]))];
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

/** Adds one page's positions (ascending) to a gram's postings; pages must come in order. */
export function appendPosting(postings: Postings, pageDistance: number, positions: number[]): void {
  postings.push(pageDistance, positions.length);
  let previous = 0;
  for (const position of positions) {
    postings.push(position - previous);
    previous = position;
  }
}

export function decodePostings(postings: Postings): Map<number, number[]> {
  const byPage = new Map<number, number[]>();
  let page = 0;
  for (let at = 0; at < postings.length;) {
    page += postings[at];
    const count = postings[at + 1];
    const positions: number[] = [];
    let position = 0;
    for (let i = 0; i < count; i++) positions.push((position += postings[at + 2 + i]));
    byPage.set(page, positions);
    at += 2 + count;
  }
  return byPage;
}

/**
 * Where a term starts in each page that contains it, and the pages that contain every bigram
 * covering it, together or apart.
 */
function termOccurrences(term: string, postingsOf: (gram: string) => Postings): { starts: Map<number, number[]>; apart: Set<number> } {
  if (Array.from(term).length === 1) {
    const starts = decodePostings(postingsOf(term));
    return { starts, apart: new Set(starts.keys()) };
  }
  const parts = coveringBigrams(term).map(({ gram, offset }) => ({ offset, byPage: decodePostings(postingsOf(gram)) }));
  // Walk the rarest gram's pages; a page contains the term where every gram sits at its offset.
  parts.sort((a, b) => a.byPage.size - b.byPage.size);
  const [rarest, ...others] = parts;
  const starts = new Map<number, number[]>();
  const apart = new Set<number>();
  for (const [page, positions] of rarest.byPage) {
    if (!others.every((part) => part.byPage.has(page))) continue;
    apart.add(page);
    const otherPositions = others.map((part) => ({ offset: part.offset, positions: new Set(part.byPage.get(page)) }));
    const found = positions.map((position) => position - rarest.offset).filter((start) => otherPositions.every((other) => other.positions.has(start + other.offset)));
    if (found.length) starts.set(page, found);
  }
  return { starts, apart };
}

export interface PhraseMatch {
  /** The page's position in the manifest (its recency rank). */
  page: number;
  /** How many of the terms occur in the title. */
  titleTerms: number;
}

/** A page with every term's words apart (every bigram covering each term) but not every term as a phrase. */
export interface ApartMatch {
  page: number;
  /** How many of the terms occur as phrases. */
  phraseTerms: number;
}

export interface TermMatches {
  /** Pages that contain every term. */
  exact: PhraseMatch[];
  /** Looser matches: pages that contain every bigram of every term, not all of them together. */
  apart: ApartMatch[];
}

/**
 * The pages that contain every term, with how many of the terms are in their titles, and the
 * pages that contain every term's words apart: the looser matches, found with the same parts.
 */
export function matchTerms(terms: string[], pages: PhraseIndexPage[], postingsOf: (gram: string) => Postings): TermMatches {
  if (!terms.length) return { exact: [], apart: [] };
  let exact: Map<number, number> | undefined;
  let apart: Map<number, number> | undefined;
  for (const term of terms) {
    const { starts, apart: present } = termOccurrences(term, postingsOf);
    const nextExact = new Map<number, number>();
    for (const [page, found] of starts) {
      if (exact && !exact.has(page)) continue;
      nextExact.set(page, (exact?.get(page) ?? 0) + (found[0] < pages[page].titleLength ? 1 : 0));
    }
    const nextApart = new Map<number, number>();
    for (const page of present) {
      if (apart && !apart.has(page)) continue;
      nextApart.set(page, (apart?.get(page) ?? 0) + (starts.has(page) ? 1 : 0));
    }
    [exact, apart] = [nextExact, nextApart];
  }
  return {
    exact: [...exact!].map(([page, titleTerms]) => ({ page, titleTerms })),
    apart: [...apart!].filter(([page]) => !exact!.has(page)).map(([page, phraseTerms]) => ({ page, phraseTerms })),
  };
}

/** The pages that contain every term, with how many of the terms are in their titles. */
export function pagesWithEveryTerm(terms: string[], pages: PhraseIndexPage[], postingsOf: (gram: string) => Postings): PhraseMatch[] {
  return matchTerms(terms, pages, postingsOf).exact;
}
