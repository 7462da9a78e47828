/**
 * The search bundles in the browser: Pagefind (https://pagefind.app/docs/api/) — the part of
 * its API the search uses — loaded from the site's own bundle with the older search shards
 * merged in (src/build/search-shards.ts: a large archive is indexed as several bundles, listed
 * newest first in `pagefind/shards.json`), and where each shard's phrase index is. Everything
 * is addressed relative to the site root the script was served from, so the site works under
 * any path prefix and from any static server.
 */
import { BUNDLE_DIR, SHARD_MANIFEST, type ShardManifest } from "../build/search-shards.ts";

export interface PagefindResultData {
  /** The page's URL, with Pagefind's `baseUrl` in front. */
  url: string;
  /** The page's indexed text. */
  content: string;
  /** The text around the matched words, `<`/`>` escaped, matches in `<mark>`. */
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

export interface PagefindResponse {
  results: PagefindResult[];
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(bundleUrl: string, options: Record<string, unknown>): Promise<void>;
  /** `null` searches every page (a filter-only search). */
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindResponse | null>;
}

/** Pagefind's excerpts are counted in words; Chinese words average under two characters. */
const EXCERPT_WORDS = 40;

/**
 * The bundle of every search shard, newest first; the first is the primary bundle's own index.
 * A site built before search shards existed has only the primary bundle.
 */
export async function searchShards(siteRoot: URL): Promise<URL[]> {
  const bundle = new URL(`${BUNDLE_DIR}/`, siteRoot);
  const response = await fetch(new URL(SHARD_MANIFEST, bundle), { cache: "no-cache" });
  if (!response.ok) return [bundle];
  const manifest = (await response.json()) as ShardManifest;
  return manifest.shards.map((shard) => new URL(shard.path, bundle));
}

/** Options every bundle is searched with. Result URLs in the bundles are site-relative; baseUrl puts the path prefix in front. */
const bundleOptions = (siteRoot: URL) => ({ baseUrl: siteRoot.pathname, excerptLength: EXCERPT_WORDS });

/**
 * Merges more search shards into a loaded Pagefind, all at once: each costs its entry file and
 * page list before the first search, and a chunk of its word index per search term after
 * (docs/performance.md). Searches made afterwards cover them.
 */
export async function mergeShards(pagefind: Pagefind, siteRoot: URL, shards: URL[]): Promise<void> {
  const options = bundleOptions(siteRoot);
  await Promise.all(shards.map((shard) => pagefind.mergeIndex(shard.href, options)));
}

/**
 * Pagefind with the given search shards: the first is the one the primary bundle holds, the
 * others are merged in. Given only the newest shards, it answers with their articles first and
 * `mergeShards` adds older ones later.
 */
export async function loadPagefind(siteRoot: URL, shards: URL[]): Promise<Pagefind> {
  const pagefind = (await import(new URL(`${BUNDLE_DIR}/pagefind.js`, siteRoot).href)) as Pagefind;
  await pagefind.options(bundleOptions(siteRoot));
  await mergeShards(pagefind, siteRoot, shards.slice(1));
  return pagefind;
}
