/**
 * Which pages an incremental build renders. Every paginated page gets a signature: a digest of
 * its entry in the site data, in which each issue, article and publication it refers to stands
 * as a digest of that object (an article as its issue's digest, since its page shows issue
 * details too), plus a digest of what every page's layout shows (settings, the publications
 * menu). A page whose signature changed since the last build is rendered again; a page that is
 * gone is deleted. The pages that read the whole site (the kinds marked `everyBuild` in
 * src/site/site-data.ts: home, list of all sources …) and the feeds and the sitemap are rendered
 * on every build.
 *
 * So an edited issue re-renders its own pages, its neighbours' pages (their "previous/next"),
 * its year, its publication, the section and source listings it appears in — and nothing else.
 * A publication stands for its own fields (name, publisher, sections …), not for its issues or
 * their years, which every page would otherwise depend on: a page that shows something of a
 * publication's issues has them in its entry (as the publication and year pages do). A template that starts showing other
 * site-wide data on paginated pages must add it to `layoutDigest`. The incremental tests build
 * fully and incrementally and compare every byte.
 *
 * An entry that holds something every added article changes (a count, a number of pages) is
 * rendered again for every added issue: so a section's numbered listing pages have neither, and
 * only its front page changes when an issue is added (site-data.ts, tests/section-pages.test.ts).
 */
import { createHash } from "node:crypto";
import type { Issue } from "../content/model.ts";
import { PAGE_KINDS, type PageKind, pageKinds, type SiteData, type SitePages } from "../site/site-data.ts";
import type { SearchShard } from "./search-shards.ts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** The kinds of page whose every page has a signature: all but those rendered on every build. */
const SIGNED_KINDS = pageKinds().filter((kind) => !PAGE_KINDS[kind].everyBuild);

/** A kind's pages in one list: what its entries have in common is their URL. */
const pagesOf = (pages: SitePages, kind: PageKind): { url: string }[] => pages[kind];

/**
 * Where an issue came from, as a string, if known (issue-cache.ts): much cheaper to digest than
 * the issue itself, whose articles' text and HTML are most of the site's data.
 */
export type IssueSource = (issue: Issue) => string | undefined;

/** Digests of the objects pages refer to, by identity. */
function objectDigests(site: SiteData, sourceOf: IssueSource) {
  const digests = new Map<object, string>();
  for (const { publication } of site.pages.publications) {
    // Every page refers to its publication; its issues (and years) are in the entries of the pages that list them.
    const { issues, years: _, ...info } = publication;
    digests.set(publication, sha1(JSON.stringify(info)));
    for (const issue of issues) {
      const source = sourceOf(issue);
      const place = [issue.publicationSlug, issue.year, issue.file, issue.relativeFile, issue.pdfUrl];
      const issueDigest = sha1(source === undefined ? JSON.stringify(issue) : JSON.stringify([source, place]));
      digests.set(issue, issueDigest);
      for (const article of issue.articles) digests.set(article, `${issueDigest}#${article.n}`);
    }
  }
  return digests;
}

function layoutDigest(site: SiteData): string {
  const menu = site.pages.publications.map(({ publication }) => [publication.slug, publication.name, publication.url]);
  return sha1(JSON.stringify([site.settings, menu]));
}

export interface Signatures {
  /** Page URL → signature, for every paginated page of the site. */
  pages: Map<string, string>;
  /** Search shard id → signature. */
  shards: Map<string, string>;
}

/**
 * The signatures of the pages and of the search shards. What Pagefind indexes of an article
 * page (its `data-pagefind-body`) shows the article, its issue and its publication only — not
 * its neighbours — so a shard's signature is made of those, and an edited issue re-indexes its
 * own shard, not its neighbours'.
 */
export function signatures(site: SiteData, shards: SearchShard[], sourceOf: IssueSource = () => undefined): Signatures {
  const digests = objectDigests(site, sourceOf);
  const layout = layoutDigest(site);
  const replacer = (_key: string, value: unknown) => (value !== null && typeof value === "object" && digests.get(value)) || value;
  const pages = new Map<string, string>();
  for (const kind of SIGNED_KINDS) {
    for (const entry of pagesOf(site.render, kind)) pages.set(entry.url, sha1(`${layout}\0${kind}\0${JSON.stringify(entry, replacer)}`));
  }
  const shardSignature = (shard: SearchShard) => {
    const issues = shard.issueUrls.map((url) => site.issueByUrl.get(url)!);
    return sha1(JSON.stringify([layout, shard.issueUrls, issues.map((issue) => [digests.get(issue), digests.get(site.publicationBySlug.get(issue.publicationSlug)!)])]));
  };
  return { pages, shards: new Map(shards.map((shard) => [shard.id, shardSignature(shard)])) };
}

export interface PagePlan {
  /** The entries to render (a subset of each list of the full site). */
  render: SitePages;
  /** Pages of the earlier build the site no longer has. */
  removed: string[];
}

/** What to render, given the page signatures of the earlier build and of this one. */
export function planPages(site: SiteData, signatures: Map<string, string>, previous: Map<string, string>): PagePlan {
  const changed = (entry: { url: string }) => previous.get(entry.url) !== signatures.get(entry.url);
  const render = Object.fromEntries(pageKinds().map((kind) => [kind, PAGE_KINDS[kind].everyBuild ? site.render[kind] : pagesOf(site.render, kind).filter(changed)])) as unknown as SitePages;
  const removed = [...previous.keys()].filter((url) => !signatures.has(url));
  return { render, removed };
}
