/**
 * The site as data: one entry per page the site has, derived from the Archive.
 * Templates paginate over these lists and only render; all ordering, grouping, neighbours and
 * URLs are decided here, where they can be tested without Eleventy.
 */
import type { Archive, Article, Issue, IssueSection, Publication } from "../content/model.ts";
import { sectionPageUrl, sectionUrl, sourceUrl, yearUrl } from "../content/urls.ts";
import type { SiteSettings } from "./settings.ts";

/**
 * Articles on a numbered page of a section's listing. The front page holds the newest articles:
 * the last full run of this many, counted from the oldest article, with whatever follows it.
 */
export const SECTION_PAGE_SIZE = 20;
export const LATEST_ISSUES = 10;
export const FEED_ISSUES = 20;

export interface Link {
  url: string;
  label: string;
}

export interface YearGroup {
  year: number;
  url: string;
  issues: Issue[];
}

/** What a section's listing pages show of their section. */
export interface SectionRef {
  name: string;
  slug: string;
  /** Its front page. */
  url: string;
}

export interface SectionSummary extends SectionRef {
  articleCount: number;
}

export interface PublicationPage {
  publication: Publication;
  years: YearGroup[];
  sections: SectionSummary[];
  articleCount: number;
  latest?: Issue;
}

export interface YearPage {
  publication: Publication;
  year: number;
  url: string;
  issues: Issue[];
  /** Older and newer years that have issues. */
  older?: YearGroup;
  newer?: YearGroup;
}

export interface IssuePage {
  publication: Publication;
  issue: Issue;
  older?: Issue;
  newer?: Issue;
}

export interface ArticlePage {
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

export interface SourceEntry {
  key: string;
  name: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

/**
 * The pages one run of the templates renders, per paginated template: every page in a full
 * build; in an incremental build only those whose content changed (src/build/page-plan.ts).
 * The templates paginate over these lists; everything else in SiteData is always complete.
 */
export interface RenderSelection {
  publications: PublicationPage[];
  years: YearPage[];
  issues: IssuePage[];
  articles: ArticlePage[];
  sections: SectionPage[];
  sources: SourceEntry[];
}

export interface SiteData {
  settings: SiteSettings;
  publications: PublicationPage[];
  latestIssues: Issue[];
  years: YearPage[];
  issues: IssuePage[];
  articles: ArticlePage[];
  sections: SectionPage[];
  sources: SourceEntry[];
  /** Every issue by URL, to reach an article's issue and publication in templates. */
  issueByUrl: Map<string, Issue>;
  publicationBySlug: Map<string, Publication>;
  articleCount: number;
  generatedAt: string;
  render: RenderSelection;
}

/** A stable short key for a source name, used in its URL (FNV-1a, base 36). */
export function sourceKey(name: string): string {
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(name.normalize("NFKC").replace(/\s+/g, ""))) {
    hash ^= unit;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
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

function collectSources(articles: Article[]): SourceEntry[] {
  const byKey = new Map<string, SourceEntry>();
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
    publication,
    issue,
    newer: publication.issues[index - 1],
    older: publication.issues[index + 1],
  }));
  // Reading order: oldest issue first, articles in their order.
  const readingOrder = [...publication.issues].reverse().flatMap((issue) => issue.sections.flatMap((section) => section.articles.map((article) => ({ issue, section, article }))));
  const articlePages = readingOrder.map(({ issue, section, article }, index) => ({
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
    page: { publication, years: groups, sections, articleCount: articles.length, latest: publication.issues[0] },
    years,
    issues,
    articles: articlePages,
    sections: sectionPages,
  };
}

export function buildSiteData(archive: Archive, settings: SiteSettings, generatedAt: string): SiteData {
  const perPublication = archive.publications.map(publicationPages);
  const articles = archive.issues.flatMap((issue) => issue.articles);
  const pages: RenderSelection = {
    publications: perPublication.map((p) => p.page),
    years: perPublication.flatMap((p) => p.years),
    issues: perPublication.flatMap((p) => p.issues),
    articles: perPublication.flatMap((p) => p.articles),
    sections: perPublication.flatMap((p) => p.sections),
    sources: collectSources(articles),
  };
  return {
    settings,
    ...pages,
    latestIssues: archive.issues.slice(0, LATEST_ISSUES),
    issueByUrl: new Map(archive.issues.map((issue) => [issue.url, issue])),
    publicationBySlug: new Map(archive.publications.map((p) => [p.slug, p])),
    articleCount: articles.length,
    generatedAt,
    render: pages,
  };
}
