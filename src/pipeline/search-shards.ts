/**
 * How the search index is split. Pagefind holds a whole index in memory while it builds and
 * has no incremental mode, so a large archive is indexed as shards — runs of issues of one
 * publication and year — each its own Pagefind bundle, built in parallel with bounded memory
 * and rebuilt only when one of its articles changed. The newest shard is also the primary
 * bundle the browser answers from first; the browser searches older shards after it, in groups
 * merged with Pagefind's `mergeIndex` (src/browser/archive-search.ts). Where each goes on disk:
 * src/search/bundle-format.ts. Measurements behind the sizes: docs/performance.md.
 *
 * Pure: what goes where. Running Pagefind is src/pipeline/search-index.ts.
 */
import type { Archive } from "../content/model.ts";
import { type ShardInfo, type ShardManifest, shardPath } from "../search/bundle-format.ts";

/**
 * Issues per shard: a quarter of a weekly, a year of a monthly. Re-indexing a shard is most of
 * an incremental build (about 130 articles: 0.4 s of Pagefind), and each shard costs the browser
 * a few requests, so this is the balance (docs/performance.md).
 */
const ISSUES_PER_SHARD = 13;
/** An archive with at most this many articles is indexed as a single bundle. */
const SINGLE_BUNDLE_ARTICLES = 300;

export interface SearchShard extends ShardInfo {
  /** Site URLs of the issues whose article pages the shard indexes. */
  issueUrls: string[];
}

/**
 * Pagefind's `--glob` for the article pages of some issues: `/zsia/2025/3/`, `/zsia/2025/4/` →
 * `zsia/2025/{3,4}/*\/index.html`. The folders they share come first, so that Pagefind walks only
 * below them, not the whole site.
 */
export function articleGlob(issueUrls: string[]): string {
  const paths = issueUrls.map((url) => url.split("/").filter(Boolean));
  let shared = 0;
  while (paths.every((parts) => parts.length > shared + 1 && parts[shared] === paths[0][shared])) shared += 1;
  const rest = [...new Set(paths.map((parts) => parts.slice(shared).join("/")))];
  const prefix = paths[0]
    .slice(0, shared)
    .map((part) => `${part}/`)
    .join("");
  return `${prefix}${rest.length === 1 ? rest[0] : `{${rest.join(",")}}`}/*/index.html`;
}

function shardOf(id: string, issues: Archive["issues"], nameOf: (slug: string) => string): SearchShard {
  const dates = issues.map((issue) => issue.date).sort();
  return {
    id,
    path: shardPath(id),
    publications: [...new Set(issues.map((issue) => nameOf(issue.publicationSlug)))].sort(),
    years: [...new Set(issues.map((issue) => issue.year))].sort((a, b) => b - a),
    from: dates[0],
    to: dates[dates.length - 1],
    articles: issues.reduce((sum, issue) => sum + issue.articles.length, 0),
    issueUrls: issues.map((issue) => issue.url).sort(),
  };
}

/**
 * The shards of an archive, newest first. An issue's shard depends only on its publication,
 * year and number, so adding or editing an issue changes one shard and leaves the others as
 * they were.
 */
export function planSearchShards(archive: Archive): SearchShard[] {
  const names = new Map(archive.publications.map((publication) => [publication.slug, publication.name]));
  const nameOf = (slug: string) => names.get(slug) ?? slug;
  const articles = archive.issues.reduce((sum, issue) => sum + issue.articles.length, 0);
  if (articles <= SINGLE_BUNDLE_ARTICLES) return archive.issues.length ? [shardOf("all", archive.issues, nameOf)] : [];
  const groups = new Map<string, Archive["issues"]>();
  for (const issue of archive.issues) {
    const id = `${issue.publicationSlug}-${issue.year}-${Math.floor((issue.number - 1) / ISSUES_PER_SHARD)}`;
    groups.set(id, [...(groups.get(id) ?? []), issue]);
  }
  const shards = [...groups].map(([id, issues]) => shardOf(id, issues, nameOf));
  return shards.sort((a, b) => b.to.localeCompare(a.to) || a.id.localeCompare(b.id));
}

export function shardManifest(shards: SearchShard[]): ShardManifest {
  return { version: 1, shards: shards.map(({ issueUrls: _, ...info }) => info) };
}
