/**
 * The search bundle: Pagefind indexes the built article pages (the only ones marked
 * `data-pagefind-body`) and writes `<site>/pagefind/`.
 * https://pagefind.app/docs/node-api/
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";

export interface SearchIndexSummary {
  pages: number;
}

/** Pages in the written bundle (Pagefind's own count covers every HTML file it read). */
async function indexedPages(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await fs.readFile(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

export async function writeSearchIndex(siteDir: string): Promise<SearchIndexSummary> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join("; ")}`);
    const bundleDir = path.join(siteDir, "pagefind");
    const written = await index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length) throw new Error(`Pagefind could not write the search bundle: ${written.errors.join("; ")}`);
    return { pages: await indexedPages(bundleDir) };
  } finally {
    await pagefind.close();
  }
}
