/**
 * Search shards searched together: one Pagefind instance with the shards merged into it, and
 * each shard's phrase index. The search page opens the newest shard (the primary bundle) first
 * and older shards in groups after it, so every group answers on its own and the first answers
 * never wait for the archive's oldest years.
 */
import type { PhraseIndexManifest } from "../search/bundle-format.ts";
import type { PhraseSignals } from "../search/phrase-index.ts";
import type { SearchQuery } from "../search/query.ts";
import type { MatchSignals } from "../search/ranking.ts";
import { PhraseIndexClient } from "./phrase-index-client.ts";
import { loadPagefind, type Pagefind, type PagefindResult, primaryBundle } from "./search-bundles.ts";

/** An article that contains every term the reader typed, with what ranks it (src/search/ranking.ts). */
export interface ExactFind extends MatchSignals {
  id: string;
}

/** An article that contains the words of every term, not all of them together: a looser match. */
export interface LooseFind {
  id: string;
  /** How many of the terms it contains as phrases. */
  phraseTerms: number;
}

/** What one group found for a query, by Pagefind id. */
export interface GroupFinds {
  exact: ExactFind[];
  loose: LooseFind[];
  /** The result to show each find with. */
  resultOf(id: string): PagefindResult | undefined;
}

export class ShardGroup {
  /** Every page of the group, from a filter-only search, the first time an exact find is shown. */
  private everyPage?: Promise<Map<string, PagefindResult>>;
  /** Pagefind ids of the group's own pages (a group's instance also holds the primary bundle). */
  private readonly own: Set<string>;

  private constructor(
    private readonly pagefind: Pagefind,
    private readonly phraseIndexes: PhraseIndexClient[],
  ) {
    this.own = new Set(phraseIndexes.flatMap((index) => index.manifest.pages.map((page) => page.id)));
  }

  /** The newest shard, from the primary bundle alone: no shard list needed. */
  static async openPrimary(siteRoot: URL): Promise<ShardGroup> {
    const [pagefind, phraseIndex] = await Promise.all([loadPagefind(siteRoot, []), PhraseIndexClient.load(primaryBundle(siteRoot))]);
    return new ShardGroup(pagefind, [phraseIndex]);
  }

  /** Older shards, given by their bundles' URLs, merged into an instance of their own. */
  static async open(siteRoot: URL, shards: URL[]): Promise<ShardGroup> {
    const [pagefind, phraseIndexes] = await Promise.all([loadPagefind(siteRoot, shards), Promise.all(shards.map((url) => PhraseIndexClient.load(url)))]);
    return new ShardGroup(pagefind, phraseIndexes);
  }

  get manifests(): PhraseIndexManifest[] {
    return this.phraseIndexes.map((index) => index.manifest);
  }

  get articles(): number {
    return this.manifests.reduce((sum, manifest) => sum + manifest.pages.length, 0);
  }

  /** The group's pages containing every term, with what the phrase index tells of them, and those with the terms' words apart, by Pagefind id. */
  private async matchTerms(terms: string[]): Promise<{ exact: Map<string, PhraseSignals>; apart: Map<string, number> }> {
    const perShard = await Promise.all(this.phraseIndexes.map((index) => index.matchTerms(terms)));
    const idOf = (shard: number, page: number) => this.manifests[shard].pages[page].id;
    return {
      exact: new Map(perShard.flatMap((matches, shard) => matches.exact.map(({ page, ...signals }) => [idOf(shard, page), signals] as const))),
      apart: new Map(perShard.flatMap((matches, shard) => matches.apart.map((match) => [idOf(shard, match.page), match.phraseTerms] as const))),
    };
  }

  /**
   * The group's exact finds and looser matches, both from the phrase indexes: the parts a
   * query's terms need answer both, and no text is fetched until a result is shown.
   */
  async find(query: SearchQuery): Promise<GroupFinds> {
    const { terms } = query;
    const [matches, wholePhrase] = await Promise.all([this.matchTerms(terms), terms.length > 1 ? this.matchTerms([terms.join("")]) : undefined]);
    const exact = [...matches.exact].map(([id, signals]) => ({ ...signals, id, wholePhrase: !wholePhrase || wholePhrase.exact.has(id) }));
    const loose = [...matches.apart].map(([id, phraseTerms]) => ({ id, phraseTerms }));
    const everyPage = exact.length || loose.length ? await this.listEveryPage() : new Map<string, PagefindResult>();
    return { exact, loose, resultOf: (id) => everyPage.get(id) };
  }

  private listEveryPage(): Promise<Map<string, PagefindResult>> {
    // A filter-only search lists every page with its id; no fragment is fetched until shown.
    this.everyPage ??= this.pagefind.search(null).then((all) => new Map((all?.results ?? []).filter((result) => this.own.has(result.id)).map((result) => [result.id, result])));
    this.everyPage.catch(() => (this.everyPage = undefined));
    return this.everyPage;
  }
}
