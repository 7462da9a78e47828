/**
 * Section listings (src/site/site-data.ts): numbered pages are counted from the oldest article,
 * so adding an issue changes a section's front page and, when the front page splits, the one
 * numbered page before it — which the page signatures (src/pipeline/page-plan.ts) must show, or an
 * incremental build rewrites every listing page of every section the issue has articles in.
 * Site data and signatures only: no Eleventy.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { signatures } from "../src/pipeline/page-plan.ts";
import { planSearchShards } from "../src/pipeline/search-shards.ts";
import { addSyntheticIssue, type SyntheticArchive, writeSyntheticArchive } from "./support/synthetic-archive.ts";
import { loadArchive } from "../src/content/archive.ts";
import { sectionPageUrl, sectionUrl } from "../src/content/urls.ts";
import type { Article } from "../src/content/model.ts";
import { loadSettings } from "../src/site/settings.ts";
import { buildSiteData, SECTION_PAGE_SIZE, type SectionPage, type SiteData } from "../src/site/site-data.ts";
import { temporaryDir } from "./support/site.ts";

/** The synthetic archive's issues have 5 sections of 2 articles. */
const SECTIONS = 5;
const ARTICLES_PER_ISSUE_AND_SECTION = 2;

let archive: SyntheticArchive;

beforeAll(async () => {
  // One publication; the tests below add issues to it in turn.
  archive = await writeSyntheticArchive(path.join(temporaryDir("sections"), "content"), { issues: 5 });
});

async function siteNow(): Promise<{ site: SiteData; pages: Map<string, string> }> {
  const [{ archive: loaded }, { settings }] = await Promise.all([loadArchive(archive.contentDir), loadSettings(archive.contentDir)]);
  const site = buildSiteData(loaded, settings!, "2026-01-01T00:00:00Z");
  return { site, pages: signatures(site, planSearchShards(loaded)).pages };
}

/** Adds issues until each section has `articles` articles. */
async function growTo(articles: number): Promise<void> {
  const [publication] = archive.publications;
  while (publication.issueCount * ARTICLES_PER_ISSUE_AND_SECTION < articles) await addSyntheticIssue(archive);
}

/** A section's listing pages (front page first) and its articles, newest first, as an issue lists them. */
function listing(site: SiteData): { pages: SectionPage[]; newestFirst: Article[] } {
  const [{ publication }] = site.pages.publications;
  const [{ slug }] = publication.sections;
  return {
    pages: site.pages.sections.filter((page) => page.section.slug === slug),
    newestFirst: publication.issues.flatMap((issue) => issue.articles.filter((article) => article.sectionSlug === slug)),
  };
}

const isSectionPage = (url: string) => url.includes("/sections/");

/** Section pages whose signature differs between two builds, and those added and removed. */
function changedSectionPages(before: Map<string, string>, after: Map<string, string>): { changed: string[]; added: string[]; removed: string[] } {
  const urls = (pages: Map<string, string>) => [...pages.keys()].filter(isSectionPage);
  return {
    changed: urls(after)
      .filter((url) => before.has(url) && before.get(url) !== after.get(url))
      .sort(),
    added: urls(after)
      .filter((url) => !before.has(url))
      .sort(),
    removed: urls(before)
      .filter((url) => !after.has(url))
      .sort(),
  };
}

describe("a section's listing", () => {
  it("is a front page alone while the section has fewer than two runs of articles", async () => {
    const { site } = await siteNow();
    const { pages, newestFirst } = listing(site);
    expect(newestFirst.length).toBe(5 * ARTICLES_PER_ISSUE_AND_SECTION);
    expect(pages).toEqual([expect.objectContaining({ articleCount: 10, articles: newestFirst })]);
    expect(site.pages.sections.map((page) => [page.url, page.page, page.newerUrl, page.olderUrl])).toEqual(
      site.pages.publications[0].sections.map((section) => [section.url, undefined, undefined, undefined]),
    );
  });

  it("numbers its pages from the oldest article and keeps the newest on the front page", async () => {
    await growTo(2 * SECTION_PAGE_SIZE + 14);
    const { site } = await siteNow();
    const { pages, newestFirst } = listing(site);
    const { slug } = site.pages.publications[0].publication;
    const section = site.pages.publications[0].sections[0];
    expect(newestFirst.length).toBe(54);
    const [front, ...numbered] = pages;
    const page1 = sectionPageUrl(slug, section.slug, 1);

    // The front page: the last full run of 20 with the 14 after it, and the count.
    expect(front).toMatchObject({ url: sectionUrl(slug, section.slug), articleCount: 54, olderUrl: page1 });
    expect(front.page).toBeUndefined();
    expect(front.newerUrl).toBeUndefined();
    expect(front.articles).toEqual(newestFirst.slice(0, 34));
    // Page 1: the 20 oldest articles, newest first, and nothing that grows with the section.
    expect(numbered).toEqual([
      {
        publication: site.pages.publications[0].publication,
        section: { name: section.name, slug: section.slug, url: front.url },
        url: page1,
        page: 1,
        articles: newestFirst.slice(34),
        newerUrl: front.url,
        olderUrl: undefined,
        newestUrl: undefined,
      },
    ]);
  });

  it("splits the front page when its newest run fills, and links its pages in order", async () => {
    await growTo(4 * SECTION_PAGE_SIZE);
    const { site } = await siteNow();
    const { pages, newestFirst } = listing(site);
    const byUrl = new Map(pages.map((page) => [page.url, page]));
    const [front] = pages;
    // From the front page to older pages: every article once, newest first, in runs of 20.
    const walked: SectionPage[] = [];
    for (let page: SectionPage | undefined = front; page; page = page.olderUrl ? byUrl.get(page.olderUrl) : undefined) walked.push(page);
    expect(walked.map((page) => [page.page, page.articles.length])).toEqual([
      [undefined, 20],
      [3, 20],
      [2, 20],
      [1, 20],
    ]);
    expect(walked.flatMap((page) => page.articles)).toEqual(newestFirst);
    expect(walked.length).toBe(pages.length);
    // And back with "newer"; "newest" where "newer" is not the front page already.
    expect(walked.slice(1).map((page) => [page.newerUrl, page.newestUrl])).toEqual([
      [front.url, undefined],
      [walked[1].url, front.url],
      [walked[2].url, front.url],
    ]);
  });
});

describe("page signatures, when an issue is added", () => {
  it("change the front page of each of its sections and no numbered page", async () => {
    await growTo(5 * SECTION_PAGE_SIZE);
    const before = await siteNow();
    await addSyntheticIssue(archive);
    const after = await siteNow();
    const fronts = after.site.pages.publications[0].sections.map((section) => section.url);
    expect(fronts.length).toBe(SECTIONS);
    expect(changedSectionPages(before.pages, after.pages)).toEqual({ changed: fronts.sort(), added: [], removed: [] });
  });

  it("change the front page and the newest numbered page when the front page splits", async () => {
    await growTo(6 * SECTION_PAGE_SIZE - ARTICLES_PER_ISSUE_AND_SECTION);
    const before = await siteNow();
    await addSyntheticIssue(archive);
    const after = await siteNow();
    const [{ publication, sections }] = after.site.pages.publications;
    const fronts = sections.map((section) => sectionUrl(publication.slug, section.slug));
    const numbered = (page: number) => sections.map((section) => sectionPageUrl(publication.slug, section.slug, page));
    // Page 4 gets a newer numbered page (and a link to the newest); page 5 is the run split off.
    expect(changedSectionPages(before.pages, after.pages)).toEqual({
      changed: [...fronts, ...numbered(4)].sort(),
      added: numbered(5).sort(),
      removed: [],
    });
  });
});
