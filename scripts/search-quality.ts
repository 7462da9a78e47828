/**
 * Prints search quality — recall@3 and exact-phrase precision@5 over the query set in
 * tests/fixtures/search/queries.ts — for this site's search and for Pagefind's stock ranking,
 * side by side, on the demo archive and the seed bulletins (imported from ../shared/seeds).
 * Stock Pagefind indexes each built site itself (its CLI, the pages' own language), into a folder
 * of the site beside the site's bundle.
 *
 *   node --import tsx scripts/search-quality.ts
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../tests/support/browser.ts";
import { serveSite } from "../tests/support/site.ts";
import { buildSearchCorpora } from "../tests/fixtures/search/corpora.ts";
import { QUALITY_QUERIES } from "../tests/fixtures/search/queries.ts";
import {
  archiveSearchResults,
  articlesContaining,
  exactInTop,
  expectedPath,
  foundInTop,
  type QueryJudgement,
  type RankedResult,
  stockSearchResults,
  summarise,
} from "../tests/fixtures/search/quality.ts";

const STOCK_BUNDLE = "pagefind-stock";
const corpora = await buildSearchCorpora();
const pagefindCli = fileURLToPath(new URL("../node_modules/.bin/pagefind", import.meta.url));
for (const corpus of corpora) execFileSync(pagefindCli, ["--site", corpus.siteDir, "--output-subdir", STOCK_BUNDLE, "--silent"]);
const browser = await launchBrowser();
const ours: QueryJudgement[] = [];
const stock: QueryJudgement[] = [];
try {
  const page = await browser.newPage();
  for (const corpus of corpora) {
    const server = await serveSite(corpus.siteDir);
    try {
      for (const query of QUALITY_QUERIES.filter((q) => q.corpus === corpus.name)) {
        const judge = (ranked: RankedResult[]): QueryJudgement => ({
          query,
          expectedPath: expectedPath(corpus, query),
          containing: articlesContaining(corpus, query.query),
          ranked,
        });
        ours.push(judge(await archiveSearchResults(page, server.url, query.query)));
        stock.push(judge(await stockSearchResults(page, server.url, query.query, STOCK_BUNDLE)));
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}

const mark = (judgement: QueryJudgement) => {
  const { considered, containing } = exactInTop(judgement);
  return `${foundInTop(judgement) ? "found" : "MISSED"} ${containing}/${considered}`.padEnd(14);
};
console.log("\nSearch quality. found / MISSED: the query's article is in the top 3. n/k: of the top k results,");
console.log("k = min(5, articles that contain every term), n contain every term.\n");
console.log(`${"corpus".padEnd(7)}${"kind".padEnd(21)}${"this search".padEnd(14)}${"stock".padEnd(14)}query`);
ours.forEach((judgement, i) => {
  console.log(`${judgement.query.corpus.padEnd(7)}${judgement.query.kind.padEnd(21)}${mark(judgement)}${mark(stock[i])}${judgement.query.query}`);
});
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const summaries = { "this search": summarise(ours), "Pagefind stock": summarise(stock) };
console.log(`\n${QUALITY_QUERIES.length} queries     recall@3   exact-phrase precision@5`);
for (const [name, summary] of Object.entries(summaries)) {
  console.log(`${name.padEnd(16)}${percent(summary.recallAt3).padStart(9)}   ${percent(summary.precisionAt5).padStart(9)}`);
}
