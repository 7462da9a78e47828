/**
 * The site as data: one entry per page the site has, derived from the Archive, each with its
 * URL. Templates paginate over these lists and only render; all ordering, grouping, neighbours
 * and URLs are decided here, where they can be tested without Eleventy.
 */
import type { Archive, Article, Issue, IssueSection, Publication } from "../content/model.ts";
import { homeUrl, notFoundUrl, searchUrl, sectionPageUrl, sectionUrl, sourceKey, sourcesUrl, sourceUrl, yearUrl } from "../content/urls.ts";
import type { SiteSettings } from "./settings.ts";

/**
 * Articles on a numbered page of a section's listing. The front page holds the newest articles:
 * the last full run of this many, counted from the oldest article, with whatever follows it.
 */
export const SECTION_PAGE_SIZE = 20;
const LATEST_ISSUES = 10;
export const FEED_ISSUES = 20;

interface YearGroup {
  year: number;
  url: string;
  issues: Issue[];
}

/** What a section's listing pages show of their section. */
interface SectionRef {
  name: string;
  slug: string;
  /** Its front page. */
  url: string;
}

interface SectionSummary extends SectionRef {
  articleCount: number;
}

/** A page that stands alone: the home page, the list of sources, the search page, the 404 page. */
interface SinglePage {
  url: string;
}

interface PublicationPage {
  url: string;
  publication: Publication;
  years: YearGroup[];
  sections: SectionSummary[];
  articleCount: number;
  latest?: Issue;
}

interface YearPage {
  publication: Publication;
  year: number;
  url: string;
  issues: Issue[];
  /** Older and newer years that have issues. */
  older?: YearGroup;
  newer?: YearGroup;
}

interface IssuePage {
  url: string;
  publication: Publication;
  issue: Issue;
  older?: Issue;
  newer?: Issue;
}

export interface ArticlePage {
  url: string;
  publication: Publication;
  issue: Issue;
  section: IssueSection;
  article: Article;
  sectionIndexUrl: string;
  sourceIndexUrl?: string;
  previous?: Article;
  next?: Article;
}

/**
 * One page of a section's listing: the front page (the section's URL, its newest articles) or
 * a numbered page (a fixed run of older ones). A numbered page holds nothing that changes when
 * newer articles are added — no article count, no "page X of Y" — so that adding an issue
 * re-renders the front page alone, and a numbered page only when the front page splits.
 */
export interface SectionPage {
  publication: Publication;
  section: SectionRef;
  url: string;
  /** Counted from the section's oldest articles; none on the front page. */
  page?: number;
  /** Every article of the section: on the front page only. */
  articleCount?: number;
  /** Newest first. */
  articles: Article[];
  newerUrl?: string;
  olderUrl?: string;
  /** The front page, from a numbered page whose newer page is another numbered page. */
  newestUrl?: string;
}

interface SourcePage {
  key: string;
  name: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

/**
 * Every HTML page of the site, by kind: the list its template paginates over, one entry a page
 * (`permalink: "{{ entry.url }}"`). The sitemap (feeds.ts) and an incremental build's plan
 * (src/pipeline/page-plan.ts) go through these lists, so a new kind of page is in both by
 * being here, and in PAGE_KINDS.
 */
export interface SitePages {
  home: SinglePage[];
  sourceIndex: SinglePage[];
  search: SinglePage[];
  notFound: SinglePage[];
  publications: PublicationPage[];
  years: YearPage[];
  issues: IssuePage[];
  articles: ArticlePage[];
  sections: SectionPage[];
  sources: SourcePage[];
}

export type PageKind = keyof SitePages;

/**
 * What is known of each kind of page besides its entries. `everyBuild`: the page shows
 * something of the whole site (counts, every source), so an incremental build renders it every
 * time rather than comparing signatures. `sitemap: false`: left out of sitemap.xml. The order is
 * the sitemap's.
 */
export const PAGE_KINDS: Record<PageKind, { everyBuild?: true; sitemap?: false }> = {
  home: { everyBuild: true },
  sourceIndex: { everyBuild: true },
  search: { everyBuild: true, sitemap: false },
  notFound: { everyBuild: true, sitemap: false },
  publications: {},
  years: {},
  issues: {},
  articles: {},
  sections: {},
  sources: {},
};

/** The kinds of page, in PAGE_KINDS order. */
export const pageKinds = () => Object.keys(PAGE_KINDS) as PageKind[];

/** No page of any kind. */
export const noPages = (): SitePages => ({ home: [], sourceIndex: [], search: [], notFound: [], publications: [], years: [], issues: [], articles: [], sections: [], sources: [] });

export interface SiteData {
  settings: SiteSettings;
  /** Every page of the site. */
  pages: SitePages;
  /**
   * The pages one run of the templates renders: every page in a full build; in an incremental
   * build only those whose content changed (src/pipeline/page-plan.ts), and the `everyBuild`
   * ones. Templates paginate over these lists; everything else in SiteData is always complete.
   */
  render: SitePages;
  latestIssues: Issue[];
  /** Every issue by URL, to reach an article's issue and publication in templates. */
  issueByUrl: Map<string, Issue>;
  publicationBySlug: Map<string, Publication>;
  /** Every article page by URL: the layout takes an article page's title and description from it. */
  articlePageByUrl: Map<string, ArticlePage>;
  articleCount: number;
  generatedAt: string;
}

/** Articles newest first: by issue date, then by order in the issue. */
const newestArticleFirst = (a: Article, b: Article) => b.date.localeCompare(a.date) || b.year - a.year || b.issueNumber - a.issueNumber || a.n - b.n;

function yearGroups(publication: Publication): YearGroup[] {
  return publication.years.map((year) => ({
    year,
    url: yearUrl(publication.slug, year),
    issues: publication.issues.filter((issue) => issue.year === year),
  }));
}

function sectionSummaries(publication: Publication, articles: Article[]): SectionSummary[] {
  return publication.sections.map((section) => ({
    ...section,
    url: sectionUrl(publication.slug, section.slug),
    articleCount: articles.filter((a) => a.sectionSlug === section.slug).length,
  }));
}

/**
 * A section's listing pages, front page first. Its articles, oldest first, are cut into runs of
 * SECTION_PAGE_SIZE: numbered page k is run k; the front page is the last full run with the
 * remainder (so it is never short once there is a full run), and splits off a new numbered page
 * when the remainder fills a run. Newer articles therefore never move an older page's articles.
 */
function paginate(publication: Publication, section: SectionSummary, newestFirst: Article[]): SectionPage[] {
  const { articleCount, ...ref } = section;
  const oldestFirst = [...newestFirst].reverse();
  const numbered = Math.max(0, Math.floor(oldestFirst.length / SECTION_PAGE_SIZE) - 1);
  // The front page stands in the sequence as page `numbered + 1`.
  const urlOf = (page: number) => (page > numbered ? ref.url : sectionPageUrl(publication.slug, ref.slug, page));
  const shown = (from: number, to?: number) => oldestFirst.slice(from, to).reverse();
  const olderUrl = (page: number) => (page > 1 ? urlOf(page - 1) : undefined);
  const front: SectionPage = {
    publication,
    section: ref,
    url: ref.url,
    articleCount,
    articles: shown(numbered * SECTION_PAGE_SIZE),
    olderUrl: olderUrl(numbered + 1),
  };
  const pages = Array.from({ length: numbered }, (_, index): SectionPage => {
    const page = index + 1;
    return {
      publication,
      section: ref,
      url: urlOf(page),
      page,
      articles: shown(index * SECTION_PAGE_SIZE, page * SECTION_PAGE_SIZE),
      newerUrl: urlOf(page + 1),
      olderUrl: olderUrl(page),
      newestUrl: page < numbered ? ref.url : undefined,
    };
  });
  return [front, ...pages];
}

function collectSources(articles: Article[]): SourcePage[] {
  const byKey = new Map<string, SourcePage>();
  for (const article of articles) {
    if (!article.source) continue;
    const key = sourceKey(article.source);
    const entry = byKey.get(key) ?? { key, name: article.source, url: sourceUrl(key), articles: [] };
    entry.articles.push(article);
    byKey.set(key, entry);
  }
  const entries = [...byKey.values()];
  for (const entry of entries) entry.articles.sort(newestArticleFirst);
  return entries.sort((a, b) => b.articles.length - a.articles.length || a.name.localeCompare(b.name, "zh-CN"));
}

function publicationPages(publication: Publication): {
  page: PublicationPage;
  years: YearPage[];
  issues: IssuePage[];
  articles: ArticlePage[];
  sections: SectionPage[];
} {
  const articles = publication.issues.flatMap((issue) => issue.articles);
  const sections = sectionSummaries(publication, articles);
  const groups = yearGroups(publication);
  const years = groups.map((group, index) => ({
    publication,
    year: group.year,
    url: group.url,
    issues: group.issues,
    newer: groups[index - 1],
    older: groups[index + 1],
  }));
  const issues = publication.issues.map((issue, index) => ({
    url: issue.url,
    publication,
    issue,
    newer: publication.issues[index - 1],
    older: publication.issues[index + 1],
  }));
  // Reading order: oldest issue first, articles in their order.
  const readingOrder = [...publication.issues].reverse().flatMap((issue) => issue.sections.flatMap((section) => section.articles.map((article) => ({ issue, section, article }))));
  const articlePages = readingOrder.map(({ issue, section, article }, index) => ({
    url: article.url,
    publication,
    issue,
    section,
    article,
    sectionIndexUrl: sectionUrl(publication.slug, section.slug),
    sourceIndexUrl: article.source ? sourceUrl(sourceKey(article.source)) : undefined,
    previous: readingOrder[index - 1]?.article,
    next: readingOrder[index + 1]?.article,
  }));
  const sectionPages = sections.flatMap((section) => paginate(publication, section, articles.filter((a) => a.sectionSlug === section.slug).sort(newestArticleFirst)));
  return {
    page: { url: publication.url, publication, years: groups, sections, articleCount: articles.length, latest: publication.issues[0] },
    years,
    issues,
    articles: articlePages,
    sections: sectionPages,
  };
}

export function buildSiteData(archive: Archive, settings: SiteSettings, generatedAt: string): SiteData {
  const perPublication = archive.publications.map(publicationPages);
  const articles = archive.issues.flatMap((issue) => issue.articles);
  const pages: SitePages = {
    home: [{ url: homeUrl() }],
    sourceIndex: [{ url: sourcesUrl() }],
    search: [{ url: searchUrl() }],
    notFound: [{ url: notFoundUrl() }],
    publications: perPublication.map((p) => p.page),
    years: perPublication.flatMap((p) => p.years),
    issues: perPublication.flatMap((p) => p.issues),
    articles: perPublication.flatMap((p) => p.articles),
    sections: perPublication.flatMap((p) => p.sections),
    sources: collectSources(articles),
  };
  return {
    settings,
    pages,
    render: pages,
    latestIssues: archive.issues.slice(0, LATEST_ISSUES),
    issueByUrl: new Map(archive.issues.map((issue) => [issue.url, issue])),
    publicationBySlug: new Map(archive.publications.map((p) => [p.slug, p])),
    articlePageByUrl: new Map(pages.articles.map((entry) => [entry.url, entry])),
    articleCount: articles.length,
    generatedAt,
  };
}
