/**
 * Machine-readable outputs: Atom and JSON feeds (one entry per issue), the sitemap, and
 * `issues.json` for other tools. Pure functions of the site data; the templates only call them.
 * Atom: RFC 4287. JSON Feed: https://www.jsonfeed.org/version/1.1/
 */
import type { Issue, Publication } from "../content/model.ts";
import { chineseIssueLabel, issueTimestamp } from "../content/numbering.ts";
import { absoluteUrl, feedUrl, homeUrl, sourceKey, sourceUrl } from "../content/urls.ts";
import { FEED_ISSUES, PAGE_KINDS, pageKinds, type SiteData } from "./site-data.ts";

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON with `<`, `>`, `&` and the Unicode line separators written as \u escapes: the same data,
 * but a title such as `<script>…` stays inert even where the JSON ends up inside HTML.
 */
function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const absolute = (site: SiteData, url: string) => absoluteUrl(url, site.settings);

interface FeedScope {
  title: string;
  description: string;
  /** Site URL of the page the feed is about, e.g. `/zsia/`. */
  home: string;
  /** The publication the feed is of; none for the whole archive's. */
  publication?: string;
  issues: Issue[];
}

/** Site URL of a scope's feed in a format. */
export const scopeFeedUrl = (scope: FeedScope, format: "xml" | "json") => feedUrl(format, scope.publication);

export function feedScopes(site: SiteData): FeedScope[] {
  const publications = site.pages.publications.map((page) => page.publication);
  const all = publications.flatMap((publication) => publication.issues).sort((a, b) => b.date.localeCompare(a.date));
  return [
    { title: site.settings.title, description: site.settings.description, home: homeUrl(), issues: all },
    ...publications.map((publication) => ({
      title: publication.name,
      description: publication.description,
      home: publication.url,
      publication: publication.slug,
      issues: publication.issues,
    })),
  ];
}

function entryTitle(site: SiteData, issue: Issue): string {
  const name = site.publicationBySlug.get(issue.publicationSlug)?.name ?? issue.publicationSlug;
  return `${name} ${chineseIssueLabel(issue)}${issue.title ? `：${issue.title}` : ""}`;
}

/** The issue's contents as HTML: its sections and article titles, linked. */
function entryContent(site: SiteData, issue: Issue): string {
  const summary = issue.summary ? `<p>${escapeXml(issue.summary)}</p>` : "";
  const sections = issue.sections
    .map((section) => `<h2>${escapeXml(section.name)}</h2><ul>${section.articles.map((a) => `<li><a href="${escapeXml(absolute(site, a.url))}">${escapeXml(a.title)}</a></li>`).join("")}</ul>`)
    .join("");
  return summary + sections;
}

export function atomFeed(site: SiteData, scope: FeedScope): string {
  const issues = scope.issues.slice(0, FEED_ISSUES);
  const updated = issues[0] ? issueTimestamp(issues[0].date) : site.generatedAt;
  const entries = issues.map((issue) => {
    const url = absolute(site, issue.url);
    return `<entry>
<title>${escapeXml(entryTitle(site, issue))}</title>
<link href="${escapeXml(url)}"/>
<id>${escapeXml(url)}</id>
<updated>${issueTimestamp(issue.date)}</updated>
<content type="html">${escapeXml(entryContent(site, issue))}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${escapeXml(scope.title)}</title>
<subtitle>${escapeXml(scope.description)}</subtitle>
<link href="${escapeXml(absolute(site, scopeFeedUrl(scope, "xml")))}" rel="self"/>
<link href="${escapeXml(absolute(site, scope.home))}"/>
<id>${escapeXml(absolute(site, scope.home))}</id>
<updated>${updated}</updated>
<author><name>${escapeXml(scope.title)}</name></author>
${entries.join("\n")}
</feed>
`;
}

export function jsonFeed(site: SiteData, scope: FeedScope): string {
  return jsonText({
    version: "https://jsonfeed.org/version/1.1",
    title: scope.title,
    description: scope.description,
    home_page_url: absolute(site, scope.home),
    feed_url: absolute(site, scopeFeedUrl(scope, "json")),
    language: "zh-CN",
    items: scope.issues.slice(0, FEED_ISSUES).map((issue) => ({
      id: absolute(site, issue.url),
      url: absolute(site, issue.url),
      title: entryTitle(site, issue),
      summary: issue.summary,
      content_html: entryContent(site, issue),
      date_published: issueTimestamp(issue.date),
    })),
  });
}

/** Every HTML page of the sitemap, from the lists the templates paginate over (site-data.ts). */
function sitemapUrls(site: SiteData): string[] {
  return pageKinds()
    .filter((kind) => PAGE_KINDS[kind].sitemap !== false)
    .flatMap((kind) => site.pages[kind].map((page) => page.url));
}

export function sitemap(site: SiteData): string {
  const rows = sitemapUrls(site).map((url) => `<url><loc>${escapeXml(absolute(site, url))}</loc></url>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${rows.join("\n")}
</urlset>
`;
}

/** Every issue and article with its numbers, date, section, source and URL. */
export function issuesJson(site: SiteData): string {
  const publications = site.pages.publications.map(({ publication }: { publication: Publication }) => ({
    slug: publication.slug,
    name: publication.name,
    publisher: publication.publisher,
    frequency: publication.frequency,
    url: absolute(site, publication.url),
    sections: publication.sections,
    issues: publication.issues.map((issue) => ({
      year: issue.year,
      issue: issue.number,
      cumulative: issue.cumulative ?? null,
      date: issue.date,
      title: issue.title ?? null,
      label: chineseIssueLabel(issue),
      url: absolute(site, issue.url),
      pdf: issue.pdfUrl ? absolute(site, issue.pdfUrl) : null,
      articles: issue.articles.map((article) => ({
        n: article.n,
        title: article.title,
        section: article.sectionName,
        sectionSlug: article.sectionSlug,
        source: article.source ?? null,
        sourceUrl: article.source ? absolute(site, sourceUrl(sourceKey(article.source))) : null,
        url: absolute(site, article.url),
      })),
    })),
  }));
  return jsonText({ title: site.settings.title, generated: site.generatedAt, publications });
}
