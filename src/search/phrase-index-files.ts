/**
 * Build step: reads the pages back out of the Pagefind bundles just written (one, or one per
 * search shard) and writes one phrase index for all of them beside them (`<bundle>/phrase-index/`,
 * bundle-format.ts).
 *
 * The pages are read from Pagefind's own fragments rather than from our content model so the
 * phrase index covers exactly the text (and uses exactly the page ids) the browser gets from
 * Pagefind. A fragment file is gzip of `pagefind_dcd` + JSON: either one page, or — on sites
 * with more pages than Pagefind's fragment limit — an object of pages by id. That format is
 * Pagefind's (version pinned in package.json); a change fails the build here, loudly.
 */
import { createHash } from "node:crypto";
import { promises as fs, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { buildPhraseIndex, type IndexedPage } from "./phrase-index-build.ts";
import { MANIFEST_FILE, PHRASE_INDEX_DIR, type PhraseIndexManifest, partFile } from "./bundle-format.ts";

const SIGNATURE = "pagefind_dcd";

interface PagefindFragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

function isFragment(value: unknown): value is PagefindFragment {
  const fragment = value as PagefindFragment;
  return typeof fragment?.url === "string" && typeof fragment.content === "string" && typeof fragment.meta === "object";
}

function decodeFragmentFile(file: string, bytes: Buffer): Record<string, PagefindFragment> {
  const data = gunzipSync(bytes);
  if (data.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) {
    throw new Error(`${file} is not a Pagefind fragment this build understands (no ${SIGNATURE} signature)`);
  }
  const json: unknown = JSON.parse(data.subarray(SIGNATURE.length).toString("utf8"));
  const id = path.basename(file, ".pf_fragment");
  if (isFragment(json)) return { [id]: json };
  const group = json as Record<string, unknown>;
  for (const [pageId, fragment] of Object.entries(group)) {
    if (!isFragment(fragment)) throw new Error(`${file}: page ${pageId} is not a Pagefind fragment this build understands`);
  }
  return group as Record<string, PagefindFragment>;
}

/** Every page in a Pagefind bundle, as the phrase index needs it. */
export async function readIndexedPages(bundleDir: string): Promise<IndexedPage[]> {
  const fragmentDir = path.join(bundleDir, "fragment");
  const files = (await fs.readdir(fragmentDir)).filter((file) => file.endsWith(".pf_fragment")).sort();
  const pages: IndexedPage[] = [];
  for (const file of files) {
    // Read one after another, in the shard worker: a promise per small file cost more than the reading.
    const fragments = decodeFragmentFile(file, readFileSync(path.join(fragmentDir, file)));
    for (const [id, fragment] of Object.entries(fragments)) {
      // Recency ranks results; an article page without its date would sink silently.
      if (!fragment.meta.published) {
        throw new Error(`${fragment.url} has no published date for search (data-pagefind-meta="published" in templates/article.njk)`);
      }
      pages.push({
        id,
        url: fragment.url,
        title: fragment.meta.title ?? "",
        content: fragment.content,
        published: fragment.meta.published,
        filters: fragment.filters ?? {},
      });
    }
  }
  return pages;
}

export interface PhraseIndexSummary {
  pages: number;
  parts: number;
  bytes: number;
}

/** The phrase index of the pages in one or more Pagefind bundles (the search shards). */
export async function writePhraseIndex(siteDir: string, bundleDirs: string[]): Promise<PhraseIndexSummary> {
  const built = buildPhraseIndex((await Promise.all(bundleDirs.map(readIndexedPages))).flat());
  const hash = createHash("sha256").update(JSON.stringify(built.manifest));
  for (const part of built.parts) hash.update(part);
  const version = hash.digest("hex").slice(0, 12);
  const files = new Map<string, Uint8Array>([[MANIFEST_FILE, gzipSync(JSON.stringify({ version, ...built.manifest } satisfies PhraseIndexManifest))]]);
  // Level 1: the numbers are varints already; gzip takes a third off at any level (docs/performance.md).
  built.parts.forEach((part, n) => files.set(partFile(n), gzipSync(part, { level: 1 })));
  const dir = path.join(siteDir, PHRASE_INDEX_DIR);
  mkdirSync(path.join(dir, path.dirname(partFile(0))), { recursive: true });
  let bytes = 0;
  // One after another: a promise per small file cost more than the writing.
  for (const [file, content] of files) {
    writeFileSync(path.join(dir, file), content);
    bytes += content.length;
  }
  return { pages: built.manifest.pages.length, parts: built.parts.length, bytes };
}
