/**
 * The phrase index: a positional character-bigram index of every article, written beside the
 * Pagefind bundle at build time, so that the browser finds *every* article containing a typed
 * phrase whatever Pagefind's word segmentation made of it.
 *
 * Why it exists: Pagefind indexes Chinese as ICU4X words and matches each query word as a
 * word prefix, so a phrase inside a word (数据 in 大数|据) or split differently by the
 * query's segmenter is not found. Positions of bigrams answer "which articles contain this
 * phrase" exactly, with no page text fetched; the same parts give the looser matches too (every
 * bigram of every term, apart). So the site never searches Pagefind's word index, and Pagefind
 * indexes the articles unsegmented, which costs it a quarter of the work (bundle-format.ts,
 * INDEX_LANGUAGE; docs/performance.md): its bundle keeps the pages' text, meta and filters.
 *
 * Each search shard (src/pipeline/search-shards.ts) has its own phrase index, beside its Pagefind
 * bundle, so a build re-indexes only the shards that changed; the browser reads them all
 * (catalogue.ts joins their page lists). Its files (bundle-format.ts) are compressed by us,
 * because static servers seldom compress them: a manifest of the pages, newest first (their
 * position is their recency rank), each with its Pagefind page id, date, title length and
 * filter values, as JSON; and parts, each holding the postings of the grams hashed to it, as
 * varints.
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

/** What the phrase index tells of a page that contains every term, for ranking (ranking.ts). */
export interface PhraseSignals {
  /** How many of the terms occur in the title. */
  titleTerms: number;
}

interface PhraseMatch extends PhraseSignals {
  /** The page's position in the manifest (its recency rank). */
  page: number;
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
