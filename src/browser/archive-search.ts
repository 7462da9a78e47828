/**
 * One search of the archive: the phrase indexes of the search shards find every article that
 * contains what the reader typed (exact results), Pagefind's own search adds its looser word
 * matches, and the shards' joined page list (the catalogue) filters, counts and orders both. No page text is fetched here:
 * results carry Pagefind's `data()`, which the view calls only for the results it shows.
 */
import { type JoinedCatalogue, joinCatalogues } from "../search/catalogue.ts";
import { applySelection, type Facet, facetCounts } from "../search/facets.ts";
import type { PhraseMatch } from "../search/phrase-index.ts";
import { parseQuery, type SearchQuery } from "../search/query.ts";
import { type ExactMatch, rankResults } from "../search/ranking.ts";
import type { SearchState } from "../search/search-state.ts";
import { loadPagefind, type Pagefind, type PagefindResult, searchShards } from "./search-bundles.ts";
import { PhraseIndexClient } from "./phrase-index-client.ts";

export interface SearchHit {
  exact: boolean;
  result: PagefindResult;
}

export interface SearchOutcome {
  query: SearchQuery;
  exact: SearchHit[];
  loose: SearchHit[];
  facets: Facet[];
  /** Results before the filters were applied. */
  unfilteredCount: number;
}

export class ArchiveSearch {
  private constructor(
    private readonly pagefind: Pagefind,
    private readonly phraseIndexes: PhraseIndexClient[],
    private readonly joined: JoinedCatalogue,
    /** Every page's Pagefind result, by Pagefind id: what exact results are shown with. */
    private readonly everyPage: Map<string, PagefindResult>,
    /** Catalogue position (recency rank) by Pagefind id. */
    private readonly positionOf: Map<string, number>,
  ) {}

  static async open(siteRoot: URL): Promise<ArchiveSearch> {
    const shards = await searchShards(siteRoot);
    const [pagefind, phraseIndexes] = await Promise.all([loadPagefind(siteRoot, shards), Promise.all(shards.map((shard) => PhraseIndexClient.load(shard)))]);
    // A filter-only search lists every page with its id; no fragment is fetched until shown.
    const all = await pagefind.search(null);
    const everyPage = new Map((all?.results ?? []).map((result) => [result.id, result]));
    const joined = joinCatalogues(phraseIndexes.map((index) => index.manifest));
    const positionOf = new Map(joined.catalogue.pages.map((page, i) => [page.id, i]));
    return new ArchiveSearch(pagefind, phraseIndexes, joined, everyPage, positionOf);
  }

  /** The pages of every search shard that contain every term, as catalogue positions. */
  private async pagesWithEveryTerm(terms: string[]): Promise<PhraseMatch[]> {
    const perShard = await Promise.all(this.phraseIndexes.map((index) => index.pagesWithEveryTerm(terms)));
    return perShard.flatMap((matches, shard) => matches.map((match) => ({ ...match, page: this.joined.positions[shard][match.page] })));
  }

  async search(state: SearchState): Promise<SearchOutcome> {
    const query = parseQuery(state.q);
    const { terms } = query;
    if (!terms.length) return { query, exact: [], loose: [], facets: [], unfilteredCount: 0 };
    const [matches, wholePhrase, stock] = await Promise.all([
      this.pagesWithEveryTerm(terms),
      terms.length > 1 ? this.pagesWithEveryTerm([terms.join("")]) : Promise.resolve([]),
      this.pagefind.search(query.input),
    ]);
    const whole = new Set(wholePhrase.map((match) => match.page));
    const exactMatches: ExactMatch[] = matches.map((match) => ({ ...match, wholePhrase: terms.length === 1 || whole.has(match.page) }));
    const stockResults = new Map((stock?.results ?? []).map((result) => [result.id, result]));
    const stockOrder = [...stockResults.keys()].flatMap((id) => this.positionOf.get(id) ?? []);
    const ranked = rankResults(exactMatches, stockOrder, state.sort);

    const { catalogue } = this.joined;
    const hits = (pages: number[], exact: boolean, results: Map<string, PagefindResult>): SearchHit[] =>
      applySelection(catalogue, pages, state.filters).flatMap((page) => {
        const result = results.get(catalogue.pages[page].id);
        return result ? [{ exact, result }] : [];
      });
    const everyResult = [...ranked.exact, ...ranked.loose];
    return {
      query,
      exact: hits(ranked.exact, true, this.everyPage),
      loose: hits(ranked.loose, false, stockResults),
      facets: facetCounts(catalogue, everyResult, state.filters),
      unfilteredCount: everyResult.length,
    };
  }
}
