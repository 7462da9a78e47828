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
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, type BuildSummary } from "../src/pipeline/build.ts";
import { BROWSER_DIR } from "../src/pipeline/paths.ts";
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
  const bundled = await build({ entryPoints: [path.join(BROWSER_DIR, "search-bundles.ts")], bundle: true, format: "esm", write: false, logLevel: "silent" });
  searchBundles = bundled.outputFiles[0].text;
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

/** Each query's results (URL and title, in order) through Pagefind with every shard merged, as the browser gets them. */
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
        const { searchShards, loadPagefind } = (window as unknown as { searchBundles: typeof import("../src/browser/search-bundles.ts") }).searchBundles;
        const root = new URL("/", location.href);
        // The primary bundle holds the newest shard; the others are merged into it.
        const older = (await searchShards(root)).slice(1).map((shard) => shard.url);
        const pagefind = await loadPagefind(root, older);
        const found: Record<string, string[]> = {};
        for (const query of queries) {
          const results = (await pagefind.search(query))?.results ?? [];
          const shown = await Promise.all(results.slice(0, 20).map((result) => result.data()));
          found[query] = [`${results.length} results`, ...shown.map((data) => `${data.url} ${data.meta.title}`)];
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
