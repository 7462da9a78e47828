import { describe, expect, it } from "vitest";
import { applySelection, facetCounts } from "../src/search/facets.ts";
import { SEARCH_FILTERS } from "../src/search/filters.ts";
import { type Catalogue, joinCatalogues } from "../src/search/catalogue.ts";
import { type ExactMatch, rankResults } from "../src/search/ranking.ts";
import { readSearchState, searchStateParams, withFilterValue } from "../src/search/search-state.ts";

// Page numbers are recency ranks: 0 is the newest article.
const match = (page: number, titleTerms = 0, wholePhrase = true): ExactMatch => ({ page, titleTerms, wholePhrase });
const apart = (page: number, phraseTerms = 0) => ({ page, phraseTerms });

describe("ranking", () => {
  it("puts a title match above body mentions, and newer above older among equals", () => {
    expect(rankResults([match(0), match(5, 1), match(2), match(7, 1)], [], "relevance").exact).toEqual([5, 7, 0, 2]);
  });

  it("puts the whole input as one phrase above its words apart", () => {
    expect(rankResults([match(0, 2, false), match(3, 0, true)], [], "relevance").exact).toEqual([3, 0]);
  });

  it("follows exact results with the looser matches, those with more terms as phrases first, then the newer", () => {
    expect(rankResults([match(4)], [apart(9), apart(4), apart(12, 1), apart(1)], "relevance")).toEqual({ exact: [4], loose: [12, 1, 9] });
  });

  it("orders each group newest first when sorted by date", () => {
    expect(rankResults([match(6, 1), match(2)], [apart(9, 1), apart(1)], "date")).toEqual({ exact: [2, 6], loose: [1, 9] });
  });
});

describe("filters", () => {
  const catalogue: Catalogue = {
    filters: [
      { name: "publication", values: ["大数据发展动态", "浙江省软件和信息服务业简报"] },
      { name: "section", values: ["国策要论", "会员天地"] },
      { name: "year", values: ["2026", "2025"] },
      { name: "source", values: ["国家数据局"] },
    ],
    pages: [
      { id: "a", filters: [[0], [0], [0], [0]] },
      { id: "b", filters: [[1], [1], [0], []] },
      { id: "c", filters: [[1], [1], [1], []] },
    ],
  };

  it("keeps the results that have one of the chosen values of every filter", () => {
    expect(applySelection(catalogue, [0, 1, 2], {})).toEqual([0, 1, 2]);
    expect(applySelection(catalogue, [0, 1, 2], { year: ["2026"] })).toEqual([0, 1]);
    expect(applySelection(catalogue, [0, 1, 2], { year: ["2026", "2025"], section: ["会员天地"] })).toEqual([1, 2]);
    expect(applySelection(catalogue, [0, 1, 2], { source: ["国家数据局"] })).toEqual([0]);
  });

  it("counts each filter's values under the other filters' choices", () => {
    const facets = facetCounts(catalogue, [0, 1, 2], { year: ["2026"] });
    expect(facets.find((facet) => facet.name === "year")?.values).toEqual([
      { value: "2026", count: 2, selected: true },
      { value: "2025", count: 1, selected: false },
    ]);
    expect(facets.find((facet) => facet.name === "publication")?.values).toEqual([
      { value: "大数据发展动态", count: 1, selected: false },
      { value: "浙江省软件和信息服务业简报", count: 1, selected: false },
    ]);
  });

  it("leaves out values no result has", () => {
    const facets = facetCounts(catalogue, [2], {});
    expect(facets.find((facet) => facet.name === "source")?.values).toEqual([]);
  });
});

describe("search state in the URL", () => {
  it("reads the query, filters and sort, and writes them back", () => {
    const params = new URLSearchParams("q=数据要素&year=2026&section=国策要论&section=会员天地&sort=date&utm=x");
    const state = readSearchState(params);
    expect(state).toEqual({ q: "数据要素", filters: { section: ["国策要论", "会员天地"], year: ["2026"] }, sort: "date" });
    expect(searchStateParams(state).toString()).toBe(new URLSearchParams("q=数据要素&section=国策要论&section=会员天地&year=2026&sort=date").toString());
  });

  it("leaves defaults out of the URL", () => {
    expect(searchStateParams(readSearchState(new URLSearchParams("q=算力&sort=whatever"))).toString()).toBe("q=%E7%AE%97%E5%8A%9B");
  });

  it("adds and removes one filter value", () => {
    const state = readSearchState(new URLSearchParams("q=x&year=2026"));
    expect(withFilterValue(state, "year", "2025", true).filters).toEqual({ year: ["2026", "2025"] });
    expect(withFilterValue(state, "year", "2026", false).filters).toEqual({});
  });
});

describe("the catalogue of several search shards", () => {
  const shard = (filters: string[][], pages: [string, string, number[][]][]) => ({
    filters: filters.map((values, i) => ({ name: SEARCH_FILTERS[i], values })),
    pages: pages.map(([id, published, values]) => ({ id, published, titleLength: 1, filters: values })),
  });

  it("lists every shard's pages newest first, with filter values merged by name", () => {
    const newer = shard(
      [["甲刊"], ["要闻"], ["2026", "2025"], []],
      [
        ["n1", "2026-03-01", [[0], [0], [0], []]],
        ["n2", "2025-12-01", [[0], [0], [1], []]],
      ],
    );
    const older = shard(
      [["乙刊"], ["要闻", "动态"], ["2025"], ["国家数据局"]],
      [
        ["o1", "2026-01-15", [[0], [1], [0], [0]]],
        ["o2", "2025-12-01", [[0], [0], [0], []]],
      ],
    );
    const { catalogue, positions } = joinCatalogues([newer, older]);
    expect(catalogue.pages.map((page) => page.id)).toEqual(["n1", "o1", "n2", "o2"]);
    expect(positions).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(catalogue.filters.map((filter) => filter.values)).toEqual([["甲刊", "乙刊"], ["动态", "要闻"], ["2026", "2025"], ["国家数据局"]]);
    expect(catalogue.pages[1].filters).toEqual([[1], [0], [1], [0]]);
  });
});
