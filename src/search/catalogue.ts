/**
 * The pages of every search shard's phrase index as one catalogue: one list, newest first
 * across shards, with each filter's values merged by name. A page's position in the catalogue
 * is its recency rank, which ranking.ts uses; facets.ts filters and counts with it.
 */
import { SEARCH_FILTERS, sortFilterValues } from "./filters.ts";
import type { PhraseIndexFilter, PhraseIndexManifest } from "./bundle-format.ts";

interface CataloguePage {
  /** Pagefind's id for the page. */
  id: string;
  /** For each filter of the catalogue, indexes into its values. */
  filters: number[][];
}

export interface Catalogue {
  filters: PhraseIndexFilter[];
  /** Newest first. */
  pages: CataloguePage[];
}

export interface JoinedCatalogue {
  catalogue: Catalogue;
  /** For each manifest, the catalogue position of each of its pages. */
  positions: number[][];
}

type ShardPages = Pick<PhraseIndexManifest, "filters" | "pages">;

/** Joins the page lists of the search shards, given newest shard first. */
export function joinCatalogues(manifests: ShardPages[]): JoinedCatalogue {
  const filters = SEARCH_FILTERS.map((name) => ({
    name,
    values: sortFilterValues(
      name,
      manifests.flatMap((manifest) => manifest.filters.find((filter) => filter.name === name)?.values ?? []),
    ),
  }));
  const catalogueIndex = filters.map(({ values }) => new Map(values.map((value, i) => [value, i])));
  // For each manifest and filter of the catalogue: the manifest's own filter, and the catalogue's index of each of its values.
  const valueMaps = manifests.map((manifest) =>
    filters.map(({ name }, f) => {
      const own = manifest.filters.findIndex((filter) => filter.name === name);
      return { own, toCatalogue: own < 0 ? [] : manifest.filters[own].values.map((value) => catalogueIndex[f].get(value)!) };
    }),
  );
  const entries = manifests.flatMap((manifest, shard) => manifest.pages.map((page, local) => ({ page, shard, local })));
  // Newest first; a tie keeps the shards' order and each shard's own order.
  entries.sort((a, b) => (a.page.published === b.page.published ? a.shard - b.shard || a.local - b.local : a.page.published < b.page.published ? 1 : -1));
  const positions = manifests.map((manifest) => new Array<number>(manifest.pages.length));
  const pages = entries.map(({ page, shard, local }, position) => {
    positions[shard][local] = position;
    return {
      id: page.id,
      filters: valueMaps[shard].map(({ own, toCatalogue }) => (own < 0 ? [] : page.filters[own].map((value) => toCatalogue[value]))),
    };
  });
  return { catalogue: { filters, pages }, positions };
}
