/**
 * `bulletin build`: content → checked archive → HTML (Eleventy) → search bundle (Pagefind),
 * written atomically. Returns what was built, with the time each phase took.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import type { Diagnostic } from "../content/diagnostics.ts";
import type { Archive } from "../content/model.ts";
import { loadSite, setCurrentSite } from "../site/current.ts";
import type { SiteSettings } from "../site/settings.ts";
import type { SiteData } from "../site/site-data.ts";
import { writeBrowserScripts } from "./browser-scripts.ts";
import { ELEVENTY_CONFIG, TEMPLATES_DIR } from "./paths.ts";
import { writeSearchIndex } from "./search-index.ts";
import { writeAtomically } from "./staging.ts";

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  settings?: Partial<SiteSettings>;
}

export interface BuildSummary {
  publications: number;
  issues: number;
  articles: number;
  pages: number;
  searchPages: number;
  assets: number;
  warnings: Diagnostic[];
  /** Milliseconds per phase. */
  timings: { load: number; render: number; search: number; total: number };
}

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

async function renderHtml(site: SiteData, siteDir: string): Promise<number> {
  setCurrentSite(site);
  try {
    const eleventy = new Eleventy(TEMPLATES_DIR, siteDir, {
      configPath: ELEVENTY_CONFIG,
      pathPrefix: site.settings.pathPrefix,
      quietMode: true,
    });
    // The build prints its own summary; Eleventy's "Wrote N files" line would be noise.
    eleventy.disableLogger();
    const written = (await eleventy.write()) as [unknown[], unknown[]] | undefined;
    return Array.isArray(written?.[1]) ? written[1].length : 0;
  } finally {
    setCurrentSite(undefined);
  }
}

async function copyAssets(archive: Archive, siteDir: string): Promise<void> {
  await Promise.all(
    archive.assets.map(async (asset) => {
      const target = path.join(siteDir, ...decodeURI(asset.url).split("/"));
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.copyFile(asset.source, target);
    }),
  );
}

export async function buildSite(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const [{ archive, site, diagnostics }, load] = await time(() => loadSite(options.contentDir, options.settings));
  return writeAtomically(options.outputDir, async (staging) => {
    const [pages, render] = await time(async () => {
      const count = await renderHtml(site, staging);
      await Promise.all([copyAssets(archive, staging), writeBrowserScripts(staging)]);
      return count;
    });
    const [search, searchTime] = await time(() => writeSearchIndex(staging));
    return {
      publications: archive.publications.length,
      issues: archive.issues.length,
      articles: site.articleCount,
      pages,
      searchPages: search.pages,
      assets: archive.assets.length,
      warnings: diagnostics,
      timings: { load, render, search: searchTime, total: performance.now() - started },
    };
  });
}
