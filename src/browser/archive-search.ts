/**
 * One search of the archive, answered progressively. The newest search shard (the primary
 * bundle) answers first; older shards follow in groups that grow as they go (shard-group.ts),
 * the shards that can hold a result for the chosen filters first, and each group's answer is
 * added to what the earlier ones found. A 10,000-issue archive thus shows its newest results
 * as fast as a small one (docs/performance.md), and the rest arrive while the reader reads.
 *
 * In each group, the phrase indexes find every article that contains what the reader typed
 * (exact results) and, from the same parts, those that contain its words apart (looser
 * matches); the page lists of the groups opened so far (the catalogue) filter, count and order
 * both. No page text is
 * fetched here: results carry Pagefind's `data()`, which the view calls only for what it shows.
 */
import type { ShardInfo } from "../search/bundle-format.ts";
import { type JoinedCatalogue, joinCatalogues } from "../search/catalogue.ts";
import { applySelection, type Facet, facetCounts } from "../search/facets.ts";
import type { FilterSelection } from "../search/filters.ts";
import { parseQuery, type SearchQuery } from "../search/query.ts";
import { rankResults } from "../search/ranking.ts";
import type { SearchState } from "../search/search-state.ts";
import { type PagefindResult, searchShards, type ShardRef } from "./search-bundles.ts";
import { type ExactFind, type GroupFinds, type LooseFind, ShardGroup } from "./shard-group.ts";

export interface SearchHit {
  exact: boolean;
  result: PagefindResult;
}

export interface SearchProgress {
  /** Every shard that can hold a result for the filters has been searched: the results are final. */
  complete: boolean;
  /** Articles searched so far, of those that can match the filters. */
  searched: number;
  /** Articles that can match the filters; unknown until the shard list has arrived. */
  total?: number;
}

export interface SearchOutcome {
  query: SearchQuery;
  exact: SearchHit[];
  loose: SearchHit[];
  facets: Facet[];
  /** Results before the filters were applied. */
  unfilteredCount: number;
  progress: SearchProgress;
}

/** Shards in the first group after the primary bundle; each group after it has twice as many, up to the largest. */
const FIRST_GROUP_SHARDS = 2;
/** A group's shards are searched at once: a chunk of each one's index per term (about 30 ms a shard on localhost). */
const LARGEST_GROUP_SHARDS = 64;

/** A group of shards, known before it has opened. */
interface GroupEntry {
  /** Its shards' descriptions; the primary bundle's is filled in when the shard list arrives. */
  shards: ShardInfo[];
  /** Resolves once the group's pages are in the catalogue. */
  group: Promise<ShardGroup>;
  opened?: ShardGroup;
}

/** Whether a shard can hold an article the filters let through (it knows its years and publications). */
function canMatch(shard: ShardInfo, filters: FilterSelection): boolean {
  const { year, publication } = filters;
  return (!year?.length || shard.years.some((y) => year.includes(String(y)))) && (!publication?.length || shard.publications.some((p) => publication.includes(p)));
}

const articlesIn = (shards: ShardInfo[]) => shards.reduce((sum, shard) => sum + shard.articles, 0);

/** Everything the groups searched so far found for one query, by Pagefind id. */
class Finds {
  readonly exact = new Map<string, ExactFind>();
  readonly loose = new Map<string, LooseFind>();
  /** The finds' results, to show them with. */
  readonly results = new Map<string, PagefindResult>();

  add(finds: GroupFinds): void {
    const keep = <F extends { id: string }>(into: Map<string, F>, find: F) => {
      const result = finds.resultOf(find.id);
      if (!result) return;
      into.set(find.id, find);
      this.results.set(find.id, result);
    };
    for (const find of finds.exact) keep(this.exact, find);
    for (const find of finds.loose) keep(this.loose, find);
  }

  get any(): boolean {
    return this.exact.size > 0 || this.loose.size > 0;
  }
}

export class ArchiveSearch {
  private readonly groups: GroupEntry[];
  /** Older shards no group has taken yet. */
  private unopened: ShardRef[] = [];
  private shardList: Promise<void>;
  private listed = false;
  /** The catalogue of the opened groups' pages, and each page's position in it (recency rank) by Pagefind id. */
  private joined!: JoinedCatalogue;
  private positionOf!: Map<string, number>;

  private constructor(
    private readonly siteRoot: URL,
    primary: ShardGroup,
    shardList: Promise<ShardRef[]>,
  ) {
    this.groups = [{ shards: [], group: Promise.resolve(primary), opened: primary }];
    this.catalogue();
    this.shardList = this.knowShards(shardList);
  }

  /** Opens the primary bundle, with the shard list on its way. */
  static async open(siteRoot: URL): Promise<ArchiveSearch> {
    const shardList = searchShards(siteRoot);
    shardList.catch(() => undefined); // a failure is the first older group's to report
    return new ArchiveSearch(siteRoot, await ShardGroup.openPrimary(siteRoot), shardList);
  }

  /** Takes in the shard list; fetched again by the next search if it failed. The primary bundle's shard is its first. */
  private knowShards(shardList: Promise<ShardRef[]>): Promise<void> {
    const known = shardList.then((shards) => {
      this.groups[0].shards = shards.slice(0, 1).map((shard) => shard.info);
      this.unopened = shards.slice(1);
      this.listed = true;
    });
    known.catch(() => (this.shardList = this.knowShards(searchShards(this.siteRoot))));
    return known;
  }

  /** Joins the opened groups' page lists, the primary's first: a page's position is its recency rank. */
  private catalogue(): void {
    this.joined = joinCatalogues(this.groups.flatMap((entry) => entry.opened?.manifests ?? []));
    this.positionOf = new Map(this.joined.catalogue.pages.map((page, i) => [page.id, i]));
  }

  /** Starts opening a group of the first unopened shards that pass `take`, twice as many as the group before, up to the largest. */
  private openGroup(take: (shard: ShardInfo) => boolean): GroupEntry | undefined {
    const size = Math.min(LARGEST_GROUP_SHARDS, FIRST_GROUP_SHARDS * 2 ** (this.groups.length - 1));
    const chosen = this.unopened.filter((shard) => take(shard.info)).slice(0, size);
    if (!chosen.length) return undefined;
    this.unopened = this.unopened.filter((shard) => !chosen.includes(shard));
    const entry: GroupEntry = {
      shards: chosen.map((shard) => shard.info),
      group: ShardGroup.open(
        this.siteRoot,
        chosen.map((shard) => shard.url),
      ).then(
        (group) => {
          entry.opened = group;
          this.catalogue();
          return group;
        },
        (error: unknown) => {
          // Its shards go back, for the next search to try again.
          this.groups.splice(this.groups.indexOf(entry), 1);
          this.unopened = [...chosen, ...this.unopened];
          throw error;
        },
      ),
    };
    entry.group.catch(() => undefined); // reported by the search that awaits it
    this.groups.push(entry);
    return entry;
  }

  /** The next group a search should take, among those it has not searched: an opened one, else a new one. */
  private nextGroup(take: (shard: ShardInfo) => boolean, searched: Set<GroupEntry>): GroupEntry | undefined {
    return this.groups.find((entry) => !searched.has(entry) && entry.shards.some(take)) ?? this.openGroup(take);
  }

  /**
   * The outcomes of a search, better each time: the newest shard's, then after each group of
   * older shards. The caller stops asking when the reader has moved on. Shards that cannot hold
   * a result for the filters come last: they add only to the other filter values' counts.
   */
  async *search(state: SearchState): AsyncGenerator<SearchOutcome> {
    const query = parseQuery(state.q);
    if (!query.terms.length) {
      yield { query, exact: [], loose: [], facets: [], unfilteredCount: 0, progress: { complete: true, searched: 0, total: 0 } };
      return;
    }
    const wanted = (shard: ShardInfo) => canMatch(shard, state.filters);
    const finds = new Finds();
    const [primary] = this.groups;
    const searched = new Set([primary]);
    const [found] = await Promise.all([primary.opened!.find(query), this.shardList.catch(() => undefined)]);
    finds.add(found);
    yield this.outcome(query, state, finds, this.progress(searched, wanted));

    await this.shardList;
    for (const take of [wanted, (shard: ShardInfo) => !wanted(shard)]) {
      let current = this.nextGroup(take, searched);
      while (current) {
        searched.add(current);
        // Once there is something to read, the next group opens while this one searches; until
        // then this one has the connection to itself.
        const upcoming = finds.any ? this.nextGroup(take, searched) : undefined;
        finds.add(await (await current.group).find(query));
        yield this.outcome(query, state, finds, this.progress(searched, wanted));
        current = upcoming ?? this.nextGroup(take, searched);
      }
    }
  }

  private progress(searched: Set<GroupEntry>, wanted: (shard: ShardInfo) => boolean): SearchProgress {
    // Before the shard list, all that is known is the primary bundle's own size.
    if (!this.listed) return { complete: false, searched: this.groups[0].opened!.articles };
    const shards = [...this.groups.flatMap((entry) => entry.shards), ...this.unopened.map((shard) => shard.info)].filter(wanted);
    const done = [...searched].flatMap((entry) => entry.shards).filter(wanted);
    return { complete: done.length === shards.length, searched: articlesIn(done), total: articlesIn(shards) };
  }

  private outcome(query: SearchQuery, state: SearchState, finds: Finds, progress: SearchProgress): SearchOutcome {
    const exactMatches = [...finds.exact.values()].flatMap(({ id, ...signals }) => {
      const page = this.positionOf.get(id);
      return page === undefined ? [] : [{ ...signals, page }];
    });
    const looseMatches = [...finds.loose.values()].flatMap(({ id, phraseTerms }) => {
      const page = this.positionOf.get(id);
      return page === undefined ? [] : [{ page, phraseTerms }];
    });
    const ranked = rankResults(exactMatches, looseMatches, state.sort);

    const { catalogue } = this.joined;
    const hits = (pages: number[], exact: boolean, results: Map<string, PagefindResult>): SearchHit[] =>
      applySelection(catalogue, pages, state.filters).flatMap((page) => {
        const result = results.get(catalogue.pages[page].id);
        return result ? [{ exact, result }] : [];
      });
    const everyResult = [...ranked.exact, ...ranked.loose];
    return {
      query,
      exact: hits(ranked.exact, true, finds.results),
      loose: hits(ranked.loose, false, finds.results),
      facets: facetCounts(catalogue, everyResult, state.filters),
      unfilteredCount: everyResult.length,
      progress,
    };
  }
}
