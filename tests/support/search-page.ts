/** The built site's search page in a browser: open it with a query, wait for its search to finish. */
import type { Page } from "playwright-core";

export const RESULT_LINK = "[data-search-result]";
/** The search page once it has shown the final outcome of its latest search, every search shard searched. */
export const SEARCH_SETTLED = '#search-app[aria-busy="false"][data-search-progress="complete"]';

/** Opens `/search/?q=<query>` under `siteUrl` and returns the text of each result link, once the search has finished. */
export async function searchFor(page: Page, siteUrl: string, query: string): Promise<string[]> {
  await page.goto(new URL(`search/?q=${encodeURIComponent(query)}`, siteUrl).href);
  await page.waitForSelector(SEARCH_SETTLED);
  return page.$$eval(RESULT_LINK, (links) => links.map((link) => link.textContent ?? ""));
}
