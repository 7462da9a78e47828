/**
 * `bulletin build`: content → checked archive → HTML (Eleventy) → search bundle (Pagefind, in
 * shards) → phrase index. Every build writes a new output beside the old one and swaps it in
 * (staging.ts). An incremental build re-renders only the pages and re-indexes only the search
 * shards whose content changed (page-plan.ts, search-shards.ts), and carries the rest of the
 * earlier output over as hard links, leaving the earlier output as it was until the swap.
 * Returns what was built, with the time each phase took. Design and measurements:
 * docs/performance.md.
 */
import { constants, promises as fs } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../content/diagnostics.ts";
import type { Archive } from "../content/model.ts";
import { homeUrl } from "../content/urls.ts";
import { loadSite } from "../site/load-site.ts";
import type { SiteSettings } from "../site/settings.ts";
import { type ArticlePage, noPages, type SiteData } from "../site/site-data.ts";
import { BuildCache, type OutputState } from "./build-cache.ts";
import { writeBrowserScripts } from "./browser-scripts.ts";
import { codeDigest, codeFingerprint } from "./code-fingerprint.ts";
import { folderOverlapProblem } from "./folders.ts";
import { type PagePlan, planPages, signatures } from "./page-plan.ts";
import { renderPages } from "./render.ts";
import { killIndexers, SearchIndexWriter } from "./search-index.ts";
import type { IndexingCpu } from "./shard-worker.ts";
import { planSearchShards, type SearchShard } from "./search-shards.ts";
import { changedFiles } from "./site-changes.ts";
import { abandonUnfinishedWrites, type Staging, writeAtomically } from "./staging.ts";

/** The folders of the build cache that keep the site the last build replaced, and indexed search shards (shard-cache.ts). */
const SPARE_DIR = "spare";
const SHARDS_CACHE_DIR = "shards";

/** Search indexing starts during rendering; the "search" phase is what remains of it afterwards. */
export type BuildPhase = "load" | "render" | "search";

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  settings?: Partial<SiteSettings>;
  /**
   * Render and index only what changed since an earlier build of this output by the same code,
   * and keep the rest of that output; a full build when there is none.
   */
  incremental?: boolean;
  /** Use nothing an earlier build kept (parsed issues, indexed search shards): a truly clean build. */
  noCache?: boolean;
  /** Told when each phase starts and ends (the benchmark attributes memory to phases with it). */
  onPhase?: (phase: BuildPhase, event: "start" | "end") => void;
  /**
   * Stops the build: its helpers (Pagefind) at once, the rendering at the end of the Eleventy run
   * under way; the output stays as it was, nothing is left beside it, and the build throws the
   * abort's reason. Only the command line decides what a signal means (src/cli/interrupts.ts).
   */
  signal?: AbortSignal;
  /**
   * Compare what was written with the output it replaces and report the files that differ
   * (`changed`), for `bulletin serve` to reload the pages open on them (site-changes.ts).
   */
  reportChanges?: boolean;
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
  /** True when only what changed since an earlier output was written, the rest kept. */
  incremental: boolean;
  /** Search shards, how many this build wrote (the others were unchanged), and how many of those it took from the cache. */
  searchShards: number;
  indexedShards: number;
  keptShards: number;
  /**
   * Milliseconds per phase. Indexing runs alongside rendering, so `search` is the time it went
   * on after rendering ended.
   */
  timings: { load: number; render: number; search: number; total: number };
  /** CPU milliseconds of search indexing, by part (in the shard workers and their Pagefind processes), and of this process (loading, rendering, the rest). */
  indexingCpu: IndexingCpu;
  buildProcessCpu: number;
  /**
   * With `reportChanges`: the files of the site ('/'-separated, relative to it) that this build
   * wrote with other bytes than the previous output had, added or removed.
   */
  changed?: string[];
  /**
   * The site URL at which each content file shows, by its path relative to the content folder
   * ('/'-separated): an issue file its issue page, `publication.yaml` its publication's page,
   * `site.yaml` the home page, a file an issue links to its own URL.
   */
  pageOfFile: Map<string, string>;
}

async function timePhase<T>(options: BuildOptions, phase: BuildPhase, run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  options.onPhase?.(phase, "start");
  const result = await run();
  options.onPhase?.(phase, "end");
  return [result, performance.now() - start];
}

/**
 * Copies the files issues link to, with the pages being rendered, except those whose copy in the
 * current output is at least as new and of the same size: a staging folder that carries the
 * output over has them already.
 */
async function copyAssets(archive: Archive, staging: Staging): Promise<void> {
  await Promise.all(
    archive.assets.map(async (asset) => {
      const file = path.join(...decodeURI(asset.url).split("/"));
      const [source, copied] = await Promise.all([fs.stat(asset.source), staging.current && fs.stat(path.join(staging.current, file)).catch(() => undefined)]);
      if (copied && copied.size === source.size && copied.mtimeMs >= source.mtimeMs) return;
      const target = path.join(staging.renderDir, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.copyFile(asset.source, target, constants.COPYFILE_EXCL);
    }),
  );
}

/** The page each content file shows on (BuildSummary.pageOfFile). */
function pagesOfFiles(archive: Archive): Map<string, string> {
  const relative = (file: string) => path.relative(archive.contentDir, file).split(path.sep).join("/");
  return new Map([
    ["site.yaml", homeUrl()],
    ...archive.publications.map((publication): [string, string] => [`${publication.slug}/publication.yaml`, publication.url]),
    ...archive.issues.map((issue): [string, string] => [issue.relativeFile, issue.url]),
    ...archive.assets.map((asset): [string, string] => [relative(asset.source), asset.url]),
  ]);
}

/** A page's file in the site folder: `/zsia/2026/3/` → `zsia/2026/3/index.html`. */
const pageFile = (url: string) => path.join(...url.split("/"), "index.html");

interface SiteBuild {
  archive: Archive;
  site: SiteData;
  shards: SearchShard[];
  state: OutputState;
  /** The state of the earlier output, for an incremental build. */
  previous?: OutputState;
  cacheDir: string;
}

/** Article pages per batch: big enough that Eleventy's start-up is amortised, small enough to keep memory flat. */
const ARTICLES_PER_BATCH = 2000;
/** The first batch is smaller, so that the shard workers (the other core) have work sooner. */
const ARTICLES_IN_FIRST_BATCH = 400;

/** Article pages in batches of whole search shards, newest first: a shard is indexed once its batch is written. */
function articleBatches(articles: ArticlePage[], shards: SearchShard[]): { articles: ArticlePage[]; shards: SearchShard[] }[] {
  const byIssue = new Map<string, ArticlePage[]>();
  for (const page of articles) byIssue.set(page.issue.url, [...(byIssue.get(page.issue.url) ?? []), page]);
  const batches: { articles: ArticlePage[]; shards: SearchShard[] }[] = [];
  let batch: (typeof batches)[number] | undefined;
  for (const shard of shards) {
    const pages = shard.issueUrls.flatMap((url) => byIssue.get(url) ?? []);
    if (!pages.length) continue;
    if (!batch || batch.articles.length >= (batches.length === 1 ? ARTICLES_IN_FIRST_BATCH : ARTICLES_PER_BATCH)) batches.push((batch = { articles: [], shards: [] }));
    batch.articles.push(...pages);
    batch.shards.push(shard);
  }
  return batches;
}

/**
 * Writes the site into the staging folder: all of it when the folder started empty, else only
 * what changed since the output it holds was built.
 */
async function writeSite(options: BuildOptions, build: SiteBuild, staging: Staging) {
  const { site, shards, state } = build;
  const previous = staging.carriesOver ? build.previous : undefined;
  const plan = previous && planPages(site, state.pages, previous.pages);
  const unchanged = new Set(shards.filter((shard) => previous?.shards.get(shard.id) === state.shards.get(shard.id)).map((shard) => shard.id));
  const cache = { dir: path.join(build.cacheDir, SHARDS_CACHE_DIR), fingerprint: await codeDigest(), read: !options.noCache };
  const search = SearchIndexWriter.open(staging, shards, unchanged, cache, options.signal);
  try {
    return await renderAndIndex(options, build, staging, plan, search);
  } catch (error) {
    // Stopped, whatever failed on the way (Pagefind killed mid-shard) is the stop.
    options.signal?.throwIfAborted();
    throw error;
  } finally {
    await search.close();
  }
}

async function renderAndIndex(options: BuildOptions, build: SiteBuild, staging: Staging, plan: PagePlan | undefined, search: SearchIndexWriter) {
  const { archive, site, shards } = build;
  const { signal } = options;
  const [pages, render] = await timePhase(options, "render", async () => {
    for (const url of plan?.removed ?? []) staging.remove(pageFile(url), { prune: true });
    const selection = plan?.render ?? site.render;
    // Few articles (an edit) render with the rest in one Eleventy run; many in batches of their own.
    const batches = selection.articles.length > ARTICLES_PER_BATCH ? articleBatches(selection.articles, shards) : [];
    let count = 0;
    for (const batch of batches) {
      signal?.throwIfAborted();
      count += await renderPages({ ...site, render: { ...noPages(), articles: batch.articles } }, staging.renderDir, "articles");
      staging.moveIn();
      for (const shard of batch.shards) search.index(shard);
    }
    signal?.throwIfAborted();
    count += await renderPages({ ...site, render: batches.length ? { ...selection, articles: [] } : selection }, staging.renderDir);
    signal?.throwIfAborted();
    // The browser scripts are part of the code, which an incremental build has unchanged.
    await Promise.all([copyAssets(archive, staging), staging.carriesOver ? undefined : writeBrowserScripts(staging.renderDir)]);
    staging.moveIn();
    return count;
  });
  const [indexed, searchTime] = await timePhase(options, "search", () => search.finish());
  return { pages, render, search: indexed, searchTime };
}

/**
 * For a process that ends while builds are still running, because its command line decided to
 * end it at once rather than wait for an aborted build to stop: kills their Pagefind processes,
 * then puts the previous outputs back and removes the staging folders. Synchronous, for the
 * process's `exit` event. Returns how many it abandoned, and a problem per folder it could not
 * remove.
 */
export function abandonBuilds(): { abandoned: number; problems: string[] } {
  killIndexers();
  return abandonUnfinishedWrites();
}

export async function buildSite(options: BuildOptions): Promise<BuildSummary> {
  const overlap = folderOverlapProblem(options.contentDir, options.outputDir);
  if (overlap) throw new Error(overlap);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const fingerprint = await codeFingerprint();
  const cache = await BuildCache.of(options.outputDir, fingerprint, { fresh: options.noCache });
  const [{ archive, site, diagnostics }, load] = await timePhase(options, "load", () => loadSite(options.contentDir, options.settings, cache.issues));
  options.signal?.throwIfAborted();
  const shards = planSearchShards(archive);
  const state: OutputState = { fingerprint, ...signatures(site, shards, (issue) => cache.issues.sourceOf(issue.file)) };
  const previous = options.incremental ? cache.output : undefined;
  const build: SiteBuild = { archive, site, shards, state, previous, cacheDir: cache.dir };

  let incremental = false;
  let changed: string[] | undefined;
  const write = async (staging: Staging) => {
    incremental = staging.carriesOver;
    const result = await writeSite(options, build, staging);
    if (options.reportChanges) changed = await changedFiles(staging.dir, options.outputDir, staging.changes);
    // The output is replaced next, and its state holds only until then: an interrupt between the
    // swap and the save must leave no state, so that the next build is a full one.
    await cache.forgetOutput();
    return result;
  };
  // An incremental build keeps a copy of its output beside the cache, for the next one to start from (staging.ts).
  const written = await writeAtomically(options.outputDir, write, {
    carryOver: previous !== undefined,
    spareDir: path.join(cache.dir, SPARE_DIR),
    keepSpare: options.incremental === true,
    signal: options.signal,
  });
  await cache.save(state);
  return {
    publications: archive.publications.length,
    issues: archive.issues.length,
    articles: site.articleCount,
    pages: written.pages,
    searchPages: written.search.pages,
    assets: archive.assets.length,
    warnings: diagnostics,
    incremental,
    searchShards: written.search.shards,
    indexedShards: written.search.indexed,
    keptShards: written.search.kept,
    timings: { load, render: written.render, search: written.searchTime, total: performance.now() - started },
    indexingCpu: written.search.cpu,
    buildProcessCpu: ((usage) => (usage.user + usage.system) / 1000)(process.cpuUsage(cpuBefore)),
    changed,
    pageOfFile: pagesOfFiles(archive),
  };
}
