/**
 * The filters a search can be narrowed by, in the order the search page shows them. Article
 * pages carry each as `data-pagefind-filter` (templates/article.njk).
 */
export const SEARCH_FILTERS = ["publication", "section", "year", "source"] as const;
export type SearchFilterName = (typeof SEARCH_FILTERS)[number];

/** Selected values per filter: an article matches when, for every filter, it has one of them. */
export type FilterSelection = Partial<Record<SearchFilterName, string[]>>;

/** A filter's values in the order the search page lists them: years newest first, names by collation. */
export function sortFilterValues(name: string, values: Iterable<string>): string[] {
  const unique = [...new Set(values)];
  return name === "year" ? unique.sort((a, b) => Number(b) - Number(a)) : unique.sort((a, b) => a.localeCompare(b, "zh-CN"));
}
