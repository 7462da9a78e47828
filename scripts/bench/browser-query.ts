/**
 * A first search from a cold page, measured in headless Chromium against the built site served
 * by the project's static server: the bytes of every response the search needs (bodies and
 * headers, as the server sent them) and the time until results are there.
 *
 * Measured two ways: through the site's own search page (`/search/?q=…`, until the first result
 * is shown and until every shard has been searched), and through the search engine alone
 * (src/browser/shard-group.ts: the newest N shards as one group — Pagefind with them merged and
 * their phrase indexes —, a search, and the data of the first 10 results), which isolates what
 * the index costs from what the page does. The newest shard alone is the primary bundle, which
 * needs no shard list.
 */
import type { BrowserContext, Request } from "playwright-core";
import { startStaticServer } from "../../src/serve/static-server.ts";
import { bundledSearchEngine } from "../../tests/support/search-engine.ts";
import { launchBrowser } from "../../tests/support/browser.ts";

export interface QueryMeasurement {
  ms: number;
  bytes: number;
  requests: number;
  results: number;
}

/** The search page: its first results, and the moment every shard had been searched. */
export interface SearchPageMeasurement {
  first: QueryMeasurement;
  complete: Omit<QueryMeasurement, "results"> & { summary: string };
}

/** The search page goes on through every shard after its first results; at 10,000 issues that takes a while. */
const COMPLETE_TIMEOUT_MS = 600_000;

const BUNDLES_URL = "/__bench/search-bundles.js";
const RESULT = "[data-search-result]";

/**
 * Sums what the context's requests transferred, from the moment this is called, until a given
 * moment (epoch milliseconds) or until now.
 */
function transferCounter(context: BrowserContext) {
  const finished: { at: number; size: Promise<number> }[] = [];
  context.on("requestfinished", (request: Request) => {
    if (new URL(request.url()).pathname === BUNDLES_URL) return;
    finished.push({ at: Date.now(), size: request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize) });
  });
  return async (until = Infinity) => {
    const counted = finished.filter((request) => request.at <= until);
    return { bytes: (await Promise.all(counted.map((request) => request.size))).reduce((sum, size) => sum + size, 0), requests: counted.length };
  };
}

export async function measureQueries(siteDir: string, query: string, shardCounts: number[]) {
  const server = await startStaticServer({ root: siteDir });
  const browser = await launchBrowser();
  const bundles = await bundledSearchEngine();
  try {
    const searchPage = async (): Promise<SearchPageMeasurement | undefined> => {
      const context = await browser.newContext();
      const transferred = transferCounter(context);
      const page = await context.newPage();
      // The moment the first result is in the page, taken by the page itself: asking it from
      // here would add the time Playwright takes to look (100–200 ms).
      await page.addInitScript((selector) => {
        const seen = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          (window as unknown as { firstResultAt: number }).firstResultAt = performance.now();
          seen.disconnect();
        });
        seen.observe(document, { subtree: true, childList: true });
      }, RESULT);
      try {
        await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
        await page.waitForSelector(RESULT, { timeout: 60_000 });
        const [firstAt, firstAtEpoch] = await page.evaluate(() => {
          const at = (window as unknown as { firstResultAt: number }).firstResultAt;
          return [at, performance.timeOrigin + at];
        });
        // Only what had arrived by then: older shards are already on their way.
        const first = { ms: firstAt, results: 1, ...(await transferred(firstAtEpoch)) };
        await page.waitForSelector('#search-app[data-search-progress="complete"]', { timeout: COMPLETE_TIMEOUT_MS });
        const ms = await page.evaluate(() => performance.now());
        // What the page says it found, without the words only screen readers hear.
        const summary = await page.$eval(".search-status", (status) => {
          const shown = status.cloneNode(true) as HTMLElement;
          for (const hidden of shown.querySelectorAll(".visually-hidden")) hidden.remove();
          return (shown.textContent ?? "").replace(/\s+/g, " ").trim();
        });
        return { first, complete: { ms, summary, ...(await transferred()) } };
      } catch {
        return undefined;
      } finally {
        await context.close();
      }
    };

    const throughBundles = async (shards: number): Promise<QueryMeasurement> => {
      const context = await browser.newContext();
      await context.route(`**${BUNDLES_URL}`, (route) => route.fulfill({ contentType: "text/javascript", body: bundles }));
      const page = await context.newPage();
      await page.goto(`${server.url}404.html`);
      await page.evaluate((url) => import(url), BUNDLES_URL);
      const transferred = transferCounter(context);
      const outcome = await page.evaluate(
        async ({ url, query, shards }) => {
          const started = performance.now();
          const { ShardGroup, searchShards, parseQuery } = (await import(url)) as typeof import("../../src/browser/shard-group.ts") &
            typeof import("../../src/browser/search-bundles.ts") &
            typeof import("../../src/search/query.ts");
          const root = new URL("/", location.href);
          // The primary bundle holds the newest shard and needs no shard list.
          const group =
            shards === 1
              ? await ShardGroup.openPrimary(root)
              : await ShardGroup.open(
                  root,
                  (await searchShards(root)).slice(0, shards).map((shard) => shard.url),
                );
          const finds = await group.find(parseQuery(query));
          const found = [...finds.exact, ...finds.loose];
          await Promise.all(
            found
              .slice(0, 10)
              .flatMap((find) => finds.resultOf(find.id) ?? [])
              .map((result) => result.data()),
          );
          return { ms: performance.now() - started, results: found.length };
        },
        { url: BUNDLES_URL, query, shards },
      );
      const measured = { ...outcome, ...(await transferred()) };
      await context.close();
      return measured;
    };

    // The browser's own start (its processes, compilers) is not the page's: a page of the site
    // is opened and closed first, in a context of its own, so the search page's cache is still cold.
    const warmUp = await browser.newContext();
    await (await warmUp.newPage()).goto(`${server.url}404.html`);
    await warmUp.close();
    const ui = await searchPage();
    const bundlesOnly = [];
    for (const count of shardCounts) bundlesOnly.push({ shards: count, ...(await throughBundles(count)) });
    return { ui, bundlesOnly };
  } finally {
    await browser.close();
    await server.close();
  }
}
