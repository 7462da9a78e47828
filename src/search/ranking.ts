/**
 * Result order. Articles that contain what the reader typed come first (exact), then
 * Pagefind's looser word matches. Among exact results: the whole input as one phrase beats
 * its words apart, a match in the title beats mentions in the body, and among equals the
 * newer issue comes first. Sorting by date orders each group newest first.
 */
import type { PhraseSignals } from "./phrase-index.ts";

export type SortOrder = "relevance" | "date";

/**
 * What ranks an exact result among the others, besides recency: what the phrase index knows of
 * it, and what its search shard group found (src/browser/shard-group.ts). They travel as they
 * are from where they are known to here, so a new signal is added where it is known and weighed
 * in `rankResults`.
 */
export interface MatchSignals extends PhraseSignals {
  /** The whole input, spaces removed, occurs as one phrase (only differs for several terms). */
  wholePhrase: boolean;
}

export interface ExactMatch extends MatchSignals {
  /** The page's position in the catalogue (its recency rank). */
  page: number;
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
  const byRelevance = (a: ExactMatch, b: ExactMatch) => Number(b.wholePhrase) - Number(a.wholePhrase) || b.titleTerms - a.titleTerms || a.page - b.page;
  const rankedExact = [...exact].sort(sort === "date" ? (a, b) => a.page - b.page : byRelevance).map((match) => match.page);
  const isExact = new Set(rankedExact);
  const loose = [...new Set(pagefindOrder)].filter((page) => !isExact.has(page));
  return { exact: rankedExact, loose: sort === "date" ? loose.sort((a, b) => a - b) : loose };
}
