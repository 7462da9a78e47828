/**
 * Incremental builds (src/pipeline/page-plan.ts, search-shards.ts, staging.ts) against full ones:
 * after an issue is added, edited or removed, an incremental build — the previous output carried
 * over, what changed written again — must give the same files, byte for byte apart from the build
 * time in issues.json, and the same search results, while rendering and indexing only part of the
 * site. The builds follow one another, each starting from what the one before kept.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuildSummary } from "../src/pipeline/build.ts";
import { bundledSearchEngine } from "./support/search-engine.ts";
import { addSyntheticIssue, editSyntheticIssue, ISSUES_PER_YEAR, issuePlace, type SyntheticArchive, writeSyntheticArchive } from "./support/synthetic-archive.ts";
import { launchBrowser } from "./support/browser.ts";
import { listFiles } from "./support/html.ts";
import { serveSite, temporaryDir } from "./support/site.ts";

/** Words of the synthetic archive's vocabulary, one of them only in the edited headline. */
const QUERIES = ["数据", "人工智能 安全", "工业互联网", "杭州 软件", "修订"];
const BUNDLES_URL = "/__test/search-bundles.js";
const BULLETIN = path.resolve(import.meta.dirname, "../scripts/bulletin.js");
const run = promisify(execFile);

let work: string;
let contentDir: string;
let archive: SyntheticArchive;
let browser: Browser;
let searchBundles: string;

beforeAll(async () => {
  work = temporaryDir("incremental");
  contentDir = path.join(work, "content");
  // Two publications of a full year of weekly issues (50): 1,000 articles in eight search shards,
  // and the next issue starts a new year and a new shard.
  archive = await writeSyntheticArchive(contentDir, { issues: 2 * ISSUES_PER_YEAR, publications: 2, seed: 7 });
  searchBundles = await bundledSearchEngine();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Every file of a built site, by path, with the build time taken out. */
function siteFiles(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir, "").map((file) => {
      const content = readFileSync(file).toString("latin1");
      const relative = path.relative(dir, file);
      return [relative, relative === "issues.json" ? content.replace(/"generated": "[^"]*"/, '"generated": ""') : content];
    }),
  );
}

/** Each query's results (URL and title, exact then looser, in the order found) through the search engine with every shard in one group, as the browser gets them. */
async function searchResults(dir: string): Promise<Record<string, string[]>> {
  const server = await serveSite(dir);
  const page = await browser.newPage();
  try {
    await page.route(`**${BUNDLES_URL}`, (route) => route.fulfill({ contentType: "text/javascript", body: searchBundles }));
    await page.goto(`${server.url}404.html`);
    await page.addScriptTag({ type: "module", content: `import * as bundles from "${BUNDLES_URL}"; window.searchBundles = bundles;` });
    await page.waitForFunction(() => "searchBundles" in window);
    return await page.evaluate(
      async ({ queries }) => {
        type Engine = typeof import("../src/browser/shard-group.ts") & typeof import("../src/browser/search-bundles.ts") & typeof import("../src/search/query.ts");
        const { ShardGroup, searchShards, parseQuery } = (window as unknown as { searchBundles: Engine }).searchBundles;
        const root = new URL("/", location.href);
        const group = await ShardGroup.open(
          root,
          (await searchShards(root)).map((shard) => shard.url),
        );
        const found: Record<string, string[]> = {};
        for (const query of queries) {
          const finds = await group.find(parseQuery(query));
          const results = [...finds.exact, ...finds.loose].map((find) => finds.resultOf(find.id)!);
          const shown = await Promise.all(results.slice(0, 20).map((result) => result.data()));
          found[query] = [`${finds.exact.length} exact, ${finds.loose.length} looser`, ...shown.map((data) => `${data.url} ${data.meta.title}`)];
        }
        return found;
      },
      { queries: QUERIES },
    );
  } finally {
    await page.close();
    await server.close();
  }
}

const incrementalSite = () => path.join(work, "site");

async function expectSameAsFullBuild(updated: BuildSummary, name: string): Promise<void> {
  const full = await buildSite({ contentDir, outputDir: path.join(work, name) });
  expect(updated.incremental).toBe(true);
  expect(updated.pages).toBeLessThan(full.pages);
  expect(updated.indexedShards).toBeLessThan(full.searchShards);
  expect(updated.searchPages).toBe(full.searchPages);

  const incremental = siteFiles(incrementalSite());
  const expected = siteFiles(path.join(work, name));
  expect([...incremental.keys()].sort()).toEqual([...expected.keys()].sort());
  const differing = [...expected].filter(([file, content]) => incremental.get(file) !== content).map(([file]) => file);
  expect(differing).toEqual([]);
  expect(await searchResults(incrementalSite())).toEqual(await searchResults(path.join(work, name)));
}

describe("an incremental build", () => {
  it("starts from a full build, which it makes itself when there is none", async () => {
    const first = await buildSite({ contentDir, outputDir: incrementalSite(), incremental: true });
    expect(first.incremental).toBe(false);
    expect(first.searchShards).toBeGreaterThan(1);
    expect(first.indexedShards).toBe(first.searchShards);
  }, 300_000);

  it("after an issue is added, the first of a new year, writes what a full build writes", async () => {
    await addSyntheticIssue(archive);
    const updated = await buildSite({ contentDir, outputDir: incrementalSite(), incremental: true });
    expect(updated.issues).toBe(2 * ISSUES_PER_YEAR + 1);
    const [publication] = archive.publications;
    const { url, number } = issuePlace({ publication, index: publication.issueCount - 1 });
    expect(number).toBe(1);
    expect(existsSync(path.join(incrementalSite(), url, "1", "index.html"))).toBe(true);
    await expectSameAsFullBuild(updated, "full-after-add");
  }, 300_000);

  it("after an issue is edited, writes what a full build writes", async () => {
    await editSyntheticIssue(archive, { publication: archive.publications[1], index: 10 });
    const updated = await buildSite({ contentDir, outputDir: incrementalSite(), incremental: true });
    expect(updated.indexedShards).toBe(1);
    await expectSameAsFullBuild(updated, "full-after-edit");
  }, 300_000);

  it("is picked up by the next process from what this one left on disk", async () => {
    const { stdout } = await run(process.execPath, [BULLETIN, "build", "--content", contentDir, "--output", incrementalSite(), "--incremental"]);
    expect(stdout).toMatch(/^Updated /);
    expect(stdout).toContain(", 0 indexed now.");
  }, 300_000);

  it("after an issue is removed, writes what a full build writes and deletes its pages", async () => {
    const removed = { publication: archive.publications[0], index: 5 };
    rmSync(path.join(contentDir, issuePlace(removed).file));
    const updated = await buildSite({ contentDir, outputDir: incrementalSite(), incremental: true });
    expect(updated.issues).toBe(2 * ISSUES_PER_YEAR);
    await expectSameAsFullBuild(updated, "full-after-removal");
  }, 300_000);
});

describe("a full build after another", () => {
  it("takes the shards whose article pages are unchanged from the cache, and with --no-cache indexes every one, writing the same site", async () => {
    const site = path.join(work, "cached");
    const first = await buildSite({ contentDir, outputDir: site });
    expect(first.keptShards).toBe(0);
    const before = siteFiles(site);
    await editSyntheticIssue(archive, { publication: archive.publications[0], index: 20 }, 2);
    const cached = await buildSite({ contentDir, outputDir: site });
    expect(cached.incremental).toBe(false);
    expect(cached.indexedShards).toBe(cached.searchShards);
    // The edited issue's shard, and the shards of the articles around it, whose pages link to its new title.
    expect(cached.keptShards).toBeGreaterThanOrEqual(cached.searchShards - 2);
    expect(cached.keptShards).toBeLessThan(cached.searchShards);
    const withCache = siteFiles(site);
    expect(withCache).not.toEqual(before);
    const clean = await buildSite({ contentDir, outputDir: site, noCache: true });
    expect(clean.keptShards).toBe(0);
    expect(siteFiles(site)).toEqual(withCache);
  }, 300_000);
});
