/**
 * Result order. Articles that contain what the reader typed come first (exact), then the looser
 * matches, which contain the words of what was typed apart. Among exact results: the whole input
 * as one phrase beats its words apart, a match in the title beats mentions in the body, and
 * among equals the newer issue comes first. Among looser matches: more of the terms as phrases
 * first, then the newer. Sorting by date orders each group newest first.
 */
import type { ApartMatch, PhraseSignals } from "./phrase-index.ts";

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
export function rankResults(exact: ExactMatch[], loose: ApartMatch[], sort: SortOrder): RankedPages {
  const byRelevance = (a: ExactMatch, b: ExactMatch) => Number(b.wholePhrase) - Number(a.wholePhrase) || b.titleTerms - a.titleTerms || a.page - b.page;
  const rankedExact = [...exact].sort(sort === "date" ? (a, b) => a.page - b.page : byRelevance).map((match) => match.page);
  const isExact = new Set(rankedExact);
  const looseByRelevance = (a: ApartMatch, b: ApartMatch) => b.phraseTerms - a.phraseTerms || a.page - b.page;
  const rankedLoose = loose.filter((match) => !isExact.has(match.page)).sort(sort === "date" ? (a, b) => a.page - b.page : looseByRelevance);
  return { exact: rankedExact, loose: rankedLoose.map((match) => match.page) };
}
