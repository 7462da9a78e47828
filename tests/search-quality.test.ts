/**
 * The search-quality query set (tests/fixtures/search/queries.ts) in headless Chromium, on the
 * demo archive and the seed bulletins: every query's article is in the top 3, and when at
 * least 5 articles contain what was typed, all of the top 5 do. `scripts/search-quality.ts`
 * prints the same measures beside Pagefind's stock ranking.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../src/serve/static-server.ts";
import { launchBrowser } from "./support/browser.ts";
import { serveSite } from "./support/site.ts";
import { buildSearchCorpora, type SearchCorpus } from "./fixtures/search/corpora.ts";
import { QUALITY_QUERIES } from "./fixtures/search/queries.ts";
import { archiveSearchResults, articlesContaining, expectedPath, PRECISION_DEPTH, RECALL_DEPTH } from "./fixtures/search/quality.ts";

const sites = new Map<string, { corpus: SearchCorpus; server: StaticServer }>();
let browser: Browser;
let page: Page;

beforeAll(async () => {
  for (const corpus of await buildSearchCorpora()) sites.set(corpus.name, { corpus, server: await serveSite(corpus.siteDir) });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  for (const { server } of sites.values()) await server.close();
});

describe("search quality", () => {
  it("has at least 30 queries of every kind", () => {
    expect(QUALITY_QUERIES.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(QUALITY_QUERIES.map((query) => query.kind));
    expect([...kinds].sort()).toEqual(["characters-apart", "english", "numbers-with-spaces", "segmentation", "several-words", "title-only", "two-character"]);
  });

  it.each(QUALITY_QUERIES)("$corpus: $query ($kind)", async (query) => {
    const { corpus, server } = sites.get(query.corpus)!;
    const ranked = await archiveSearchResults(page, server.url, query.query);
    const containing = articlesContaining(corpus, query.query);
    expect(ranked.slice(0, RECALL_DEPTH).map((result) => result.path)).toContain(expectedPath(corpus, query));
    const depth = Math.min(PRECISION_DEPTH, containing.size);
    for (const result of ranked.slice(0, depth)) {
      expect(containing.has(result.path), `${result.path} contains "${query.query}"`).toBe(true);
      expect(result.exact, `${result.path} is marked exact`).toBe(true);
    }
    for (const result of ranked) expect(result.exact).toBe(containing.has(result.path));
  });
});
