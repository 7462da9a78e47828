/**
 * `bulletin build`: content → checked archive → HTML (Eleventy) → search bundle (Pagefind, in
 * shards) → phrase index. A full build writes a new output atomically; an incremental build
 * updates the output of an earlier build in place, re-rendering only the pages and re-indexing
 * only the search shards whose content changed (page-plan.ts, search-shards.ts). Returns what
 * was built, with the time each phase took. Design and measurements: docs/performance.md.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../content/diagnostics.ts";
import type { Archive } from "../content/model.ts";
import { loadSite } from "../site/current.ts";
import type { SiteSettings } from "../site/settings.ts";
import type { ArticlePage, RenderSelection, SiteData } from "../site/site-data.ts";
import { BuildCache, type OutputState } from "./build-cache.ts";
import { writeBrowserScripts } from "./browser-scripts.ts";
import { codeFingerprint } from "./code-fingerprint.ts";
import { folderOverlapProblem } from "./folders.ts";
import { type PagePlan, planPages, signatures } from "./page-plan.ts";
import { renderPages } from "./render.ts";
import { SearchIndexWriter } from "./search-index.ts";
import { planSearchShards, type SearchShard } from "./search-shards.ts";
import { writeAtomically } from "./staging.ts";

/** Search indexing starts during rendering; the "search" phase is what remains of it afterwards. */
export type BuildPhase = "load" | "render" | "search";

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  settings?: Partial<SiteSettings>;
  /**
   * Update the output of an earlier build in place, rendering and indexing only what changed
   * since; a full build when there is no earlier build of this output by the same code.
   */
  incremental?: boolean;
  /** Told when each phase starts and ends (the benchmark attributes memory to phases with it). */
  onPhase?: (phase: BuildPhase, event: "start" | "end") => void;
}

export interface BuildSummary {
  publications: number;
  issues: number;
  articles: number;
  /** Files written by this build. */
  pages: number;
  searchPages: number;
  assets: number;
  warnings: Diagnostic[];
  /** True when an earlier output was updated in place. */
  incremental: boolean;
  /** Search shards, and how many this build indexed (the others were unchanged). */
  searchShards: number;
  indexedShards: number;
  /**
   * Milliseconds per phase. Indexing runs alongside rendering, so `search` is the time it went
   * on after rendering ended; `phraseIndex` is the part of both spent on phrase indexes.
   */
  timings: { load: number; render: number; search: number; phraseIndex: number; total: number };
}

async function timePhase<T>(options: BuildOptions, phase: BuildPhase, run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  options.onPhase?.(phase, "start");
  const result = await run();
  options.onPhase?.(phase, "end");
  return [result, performance.now() - start];
}

/** Copies the files issues link to; a copy at least as new and of the same size is left alone. */
async function copyAssets(archive: Archive, siteDir: string): Promise<void> {
  await Promise.all(
    archive.assets.map(async (asset) => {
      const target = path.join(siteDir, ...decodeURI(asset.url).split("/"));
      const [source, copied] = await Promise.all([fs.stat(asset.source), fs.stat(target).catch(() => undefined)]);
      if (copied && copied.size === source.size && copied.mtimeMs >= source.mtimeMs) return;
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.copyFile(asset.source, target);
    }),
  );
}

const NO_PAGES: RenderSelection = { publications: [], years: [], issues: [], articles: [], sections: [], sources: [] };

async function removePages(siteDir: string, urls: string[]): Promise<void> {
  for (const url of urls) {
    const dir = path.join(siteDir, ...url.split("/"));
    await fs.rm(path.join(dir, "index.html"), { force: true });
    await fs.rmdir(dir).catch(() => undefined); // kept when other pages live below it
  }
}

interface SiteBuild {
  archive: Archive;
  site: SiteData;
  shards: SearchShard[];
  state: OutputState;
  /** The state of the output being updated in place; none for a full build. */
  previous?: OutputState;
}

/** Article pages per batch: big enough that Eleventy's start-up is amortised, small enough to keep memory flat. */
const ARTICLES_PER_BATCH = 2000;

/** Article pages in batches of whole search shards, newest first: a shard is indexed once its batch is written. */
function articleBatches(articles: ArticlePage[], shards: SearchShard[]): { articles: ArticlePage[]; shards: SearchShard[] }[] {
  const byIssue = new Map<string, ArticlePage[]>();
  for (const page of articles) byIssue.set(page.issue.url, [...(byIssue.get(page.issue.url) ?? []), page]);
  const batches: { articles: ArticlePage[]; shards: SearchShard[] }[] = [];
  let batch: (typeof batches)[number] | undefined;
  for (const shard of shards) {
    const pages = shard.issueUrls.flatMap((url) => byIssue.get(url) ?? []);
    if (!pages.length) continue;
    if (!batch || batch.articles.length >= ARTICLES_PER_BATCH) batches.push((batch = { articles: [], shards: [] }));
    batch.articles.push(...pages);
    batch.shards.push(shard);
  }
  return batches;
}

async function writeSite(options: BuildOptions, build: SiteBuild, siteDir: string) {
  const { site, shards, state, previous } = build;
  const plan = previous && planPages(site, state.pages, previous.pages);
  const unchanged = new Set(shards.filter((shard) => previous?.shards.get(shard.id) === state.shards.get(shard.id)).map((shard) => shard.id));
  const search = await SearchIndexWriter.open(siteDir, shards, unchanged);
  try {
    return await renderAndIndex(options, build, siteDir, plan, search);
  } finally {
    await search.close();
  }
}

async function renderAndIndex(options: BuildOptions, build: SiteBuild, siteDir: string, plan: PagePlan | undefined, search: SearchIndexWriter) {
  const { archive, site, shards, previous } = build;
  const [pages, render] = await timePhase(options, "render", async () => {
    if (plan) await removePages(siteDir, plan.removed);
    const selection = plan?.render ?? site.render;
    // Few articles (an edit) render with the rest in one Eleventy run; many in batches of their own.
    const batches = selection.articles.length > ARTICLES_PER_BATCH ? articleBatches(selection.articles, shards) : [];
    let count = 0;
    for (const batch of batches) {
      count += await renderPages({ ...site, render: { ...NO_PAGES, articles: batch.articles } }, siteDir, "articles");
      for (const shard of batch.shards) search.index(shard);
    }
    count += await renderPages({ ...site, render: batches.length ? { ...selection, articles: [] } : selection }, siteDir);
    // The browser scripts are part of the code, which an incremental build has unchanged.
    await Promise.all([copyAssets(archive, siteDir), previous ? undefined : writeBrowserScripts(siteDir)]);
    return count;
  });
  const [indexed, searchTime] = await timePhase(options, "search", () => search.finish());
  return { pages, render, search: indexed, searchTime };
}

export async function buildSite(options: BuildOptions): Promise<BuildSummary> {
  const overlap = folderOverlapProblem(options.contentDir, options.outputDir);
  if (overlap) throw new Error(overlap);
  const started = performance.now();
  const fingerprint = await codeFingerprint();
  const cache = await BuildCache.of(options.outputDir, fingerprint);
  const [{ archive, site, diagnostics }, load] = await timePhase(options, "load", () => loadSite(options.contentDir, options.settings, cache.issues));
  const shards = planSearchShards(archive);
  const state: OutputState = { fingerprint, ...signatures(site, shards, (issue) => cache.issues.sourceOf(issue.file)) };
  const outputExists = await fs.stat(options.outputDir).then(() => true, () => false);
  const previous = options.incremental && outputExists ? cache.output : undefined;
  const build: SiteBuild = { archive, site, shards, state, previous };

  let written;
  if (previous) {
    await cache.forgetOutput();
    written = await writeSite(options, build, options.outputDir);
  } else {
    written = await writeAtomically(options.outputDir, (staging) => writeSite(options, build, staging));
  }
  await cache.save(state);
  return {
    publications: archive.publications.length,
    issues: archive.issues.length,
    articles: site.articleCount,
    pages: written.pages,
    searchPages: written.search.pages,
    assets: archive.assets.length,
    warnings: diagnostics,
    incremental: previous !== undefined,
    searchShards: written.search.shards,
    indexedShards: written.search.indexed,
    timings: { load, render: written.render, search: written.searchTime, phraseIndex: written.search.phraseIndexMs, total: performance.now() - started },
  };
}
