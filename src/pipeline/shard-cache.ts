/**
 * Search shards kept between builds, by what they index: `.bulletin-cache/<output>/shards/<key>/`
 * holds the bundle a shard was indexed into (hard links to its files), under a key made of the
 * indexing code's digest and the bytes of the shard's article pages. Any build — a full one
 * too, or one after a template change that leaves article pages as they were — takes a shard
 * whose pages are byte for byte those of a kept one from here instead of indexing it again; a
 * build keeps the shards of its own output and drops the rest. Pages render the same way every
 * time (no build date in an article page), which is what makes their bytes a key.
 *
 * Runs in the shard workers (shard-worker.ts) and at the end of a build (search-index.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { linkTree } from "./staging.ts";

export interface ShardCacheTask {
  /** The cache folder (`.bulletin-cache/<output>/shards`). */
  dir: string;
  /** Digest of the code that indexes: part of every key. */
  fingerprint: string;
  /** Whether kept shards may be used (not with `--no-cache`); they are kept either way. */
  read: boolean;
}

/** The article pages of some issues: `<issue folder>/<n>/index.html`, as Pagefind's glob finds them (search-shards.ts). */
function articlePages(issueDirs: string[]): string[] {
  return [...issueDirs].sort().flatMap((dir) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name, "index.html"))
      .filter((file) => existsSync(file))
      .sort(),
  );
}

/** A shard's key: its id, then a digest of the indexing code, the Pagefind binary (`indexer`) and the shard's pages, with their paths inside the site. */
export function shardKey(cache: ShardCacheTask, shardId: string, indexer: string, siteDir: string, issueDirs: string[]): string {
  const hash = createHash("sha1").update(cache.fingerprint).update("\0").update(indexer);
  for (const file of articlePages(issueDirs)) hash.update("\0").update(path.relative(siteDir, file)).update("\0").update(readFileSync(file));
  return `${shardId}.${hash.digest("hex")}`;
}

/** Links a kept shard's bundle into `outputDir`; false when there is none under that key. */
export function takeKeptShard(cache: ShardCacheTask, key: string, outputDir: string): boolean {
  const kept = path.join(cache.dir, key);
  if (!cache.read || !existsSync(kept)) return false;
  linkTree(kept, outputDir);
  return true;
}

/**
 * Keeps a shard just indexed under its key, in place of what was kept of it before. Written
 * beside and renamed, so that a kept shard is always whole.
 */
export function keepShard(cache: ShardCacheTask, key: string, outputDir: string): void {
  const kept = path.join(cache.dir, key);
  const writing = `${kept}.writing-${process.pid}`;
  rmSync(writing, { recursive: true, force: true });
  linkTree(outputDir, writing);
  const shardId = key.slice(0, key.lastIndexOf("."));
  for (const name of readdirSync(cache.dir)) if (name.startsWith(`${shardId}.`) && name !== path.basename(writing)) rmSync(path.join(cache.dir, name), { recursive: true, force: true });
  renameSync(writing, kept);
}

/** Drops every kept shard but those under `keys` (and anything half-written). */
export function dropOtherShards(dir: string, keys: ReadonlySet<string>): void {
  for (const name of existsSync(dir) ? readdirSync(dir) : []) if (!keys.has(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
}
