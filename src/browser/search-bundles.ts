/**
 * The search bundles in the browser: Pagefind (https://pagefind.app/docs/api/) — the part of
 * its API the search uses — and the search shards (src/search/bundle-format.ts: a large archive
 * is indexed as several bundles, listed newest first in `pagefind/shards.json`; the newest is
 * also the primary bundle, `pagefind/`, with Pagefind's scripts and its phrase index). Every
 * address is relative to the site root the script was served from, so the site works under
 * any path prefix and from any static server.
 */
import { BUNDLE_DIR, PAGEFIND_SCRIPT, SHARD_MANIFEST, type ShardInfo, type ShardManifest } from "../search/bundle-format.ts";

interface PagefindResultData {
  /** The page's URL, with Pagefind's `baseUrl` in front. */
  url: string;
  /** The page's indexed text. */
  content: string;
  meta: Record<string, string | undefined>;
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

interface PagefindResponse {
  results: PagefindResult[];
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(bundleUrl: string, options: Record<string, unknown>): Promise<void>;
  /** `null` searches every page (a filter-only search). */
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindResponse | null>;
}

interface PagefindModule {
  /** A Pagefind of its own, with the bundle at `basePath` as its primary index. */
  createInstance(options: { basePath: string }): Pagefind;
}

/** A search shard: where its bundle is, and what it holds. */
export interface ShardRef {
  url: URL;
  info: ShardInfo;
}

export const primaryBundle = (siteRoot: URL) => new URL(`${BUNDLE_DIR}/`, siteRoot);

/**
 * Every search shard, newest first; the first is the one the primary bundle holds. None when
 * the site has no shard list (an archive too small to be split has only the primary bundle).
 */
export async function searchShards(siteRoot: URL): Promise<ShardRef[]> {
  const bundle = primaryBundle(siteRoot);
  const response = await fetch(new URL(SHARD_MANIFEST, bundle), { cache: "no-cache" });
  if (!response.ok) return [];
  const manifest = (await response.json()) as ShardManifest;
  return manifest.shards.map((info) => ({ url: new URL(info.path, bundle), info }));
}

/**
 * A Pagefind over the primary bundle with more shards merged in (Pagefind's `mergeIndex`).
 * Each instance answers on its own, so the newest shards can answer before older ones are
 * loaded; each merged shard costs its entry file and page list when merged and a chunk of its
 * word index per search term after (docs/performance.md). Result URLs in the bundles are
 * site-relative; `baseUrl` puts the path prefix in front.
 */
export async function loadPagefind(siteRoot: URL, merged: URL[]): Promise<Pagefind> {
  const bundle = primaryBundle(siteRoot);
  const module = (await import(new URL(PAGEFIND_SCRIPT, bundle).href)) as PagefindModule;
  const pagefind = module.createInstance({ basePath: bundle.pathname });
  const options = { baseUrl: siteRoot.pathname };
  await pagefind.options(options);
  await Promise.all(merged.map((shard) => pagefind.mergeIndex(shard.href, options)));
  return pagefind;
}
