/**
 * Result order. Articles that contain what the reader typed come first (exact), then
 * Pagefind's looser word matches. Among exact results: the whole input as one phrase beats
 * its words apart, a match in the title beats mentions in the body, and among equals the
 * newer issue comes first. Sorting by date orders each group newest first.
 */
import type { PhraseMatch } from "./phrase-index.ts";

export type SortOrder = "relevance" | "date";

export interface ExactMatch extends PhraseMatch {
  /** The whole input, spaces removed, occurs as one phrase (only differs for several terms). */
  wholePhrase: boolean;
}

export interface RankedPages {
  exact: number[];
  loose: number[];
}

/**
 * Pages are positions in the phrase-index manifest, which lists them newest first, so a
 * smaller page number is a newer article.
 */
export function rankResults(exact: ExactMatch[], pagefindOrder: number[], sort: SortOrder): RankedPages {
  const byRelevance = (a: ExactMatch, b: ExactMatch) =>
    Number(b.wholePhrase) - Number(a.wholePhrase) || b.titleTerms - a.titleTerms || a.page - b.page;
  const rankedExact = [...exact].sort(sort === "date" ? (a, b) => a.page - b.page : byRelevance).map((match) => match.page);
  const isExact = new Set(rankedExact);
  const loose = [...new Set(pagefindOrder)].filter((page) => !isExact.has(page));
  return { exact: rankedExact, loose: sort === "date" ? loose.sort((a, b) => a - b) : loose };
}
