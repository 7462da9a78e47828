/**
 * Template filters. Each reads the locale from the site settings in the template's data, so
 * one set of templates renders either interface language.
 * https://www.11ty.dev/docs/filters/
 */
import type { Issue, Publication } from "../content/model.ts";
import { chineseDate, chineseIssueLabel, englishDate, englishIssueLabel } from "../content/numbering.ts";
import { absoluteUrl, firstSegment, issueUrl } from "../content/urls.ts";
import { type PageMessageKey, pageMessages } from "../i18n/messages.ts";
import { fillMessage, type Locale } from "../i18n/translate.ts";
import type { ArticlePage, SiteData } from "./site-data.ts";

interface FilterThis {
  ctx?: { site?: SiteData };
}

function localeOf(self: FilterThis): Locale {
  return self.ctx?.site?.settings.locale ?? "zh-CN";
}

const isPageMessageKey = (key: string): key is PageMessageKey => key in pageMessages["zh-CN"];

/** `{{ "contents" | t }}`, `{{ "issuesCount" | t({ count: 3 }) }}`: interface text (src/i18n/messages.ts). */
function t(this: FilterThis, key: string, values?: Record<string, string | number>): string {
  if (!isPageMessageKey(key)) throw new Error(`unknown interface text key: ${key}`);
  return fillMessage(pageMessages[localeOf(this)][key], values);
}

// Dates repeat on every page of an issue and in every listing; Luxon parsing each time was a
// tenth of render time (docs/performance.md).
const displayDates = new Map<string, string>();

/** `{{ issue.date | displayDate }}` → 2026年3月31日 */
function displayDate(this: FilterThis, iso: string): string {
  const locale = localeOf(this);
  const key = `${locale} ${iso}`;
  let shown = displayDates.get(key);
  if (shown === undefined) displayDates.set(key, (shown = locale === "en" ? englishDate(iso) : chineseDate(iso)));
  return shown;
}

/** `{{ issue | issueLabel }}` → 2026年第3期 · 总第180期 */
function issueLabel(this: FilterThis, issue: Issue): string {
  return localeOf(this) === "en" ? englishIssueLabel(issue) : chineseIssueLabel(issue);
}

/** `{{ article | issueOf(site) }}`: the issue an article belongs to. */
function issueOf(article: { publicationSlug: string; year: number; issueNumber: number }, site: SiteData): Issue | undefined {
  return site.issueByUrl.get(issueUrl(article.publicationSlug, article.year, article.issueNumber));
}

/** `{{ slug | publicationName(site) }}` */
function publicationName(slug: string, site: SiteData): string {
  return site.publicationBySlug.get(slug)?.name ?? slug;
}

/** `{{ page.url | publicationOf(site) }}`: the publication whose pages a URL is among, if any. */
function publicationOf(url: string, site: SiteData): Publication | undefined {
  const slug = firstSegment(url);
  return slug === undefined ? undefined : site.publicationBySlug.get(slug);
}

/**
 * `{{ page.url | articlePageOf(site) }}`: the article a page shows, if it is an article's page.
 * The layout takes an article page's title and description from it: as computed data they cost
 * a tenth of the article pages' render time (docs/performance.md).
 */
function articlePageOf(url: string, site: SiteData): ArticlePage | undefined {
  return site.articlePageByUrl.get(url);
}

/**
 * `{{ text | excerpt(120) }}`: the first characters of a text, cut at a whole character, runs of
 * white space as one space. Reads no further than it keeps: listings call it 200,000 times on
 * a 10,000-issue archive, and spreading whole articles into characters was a fifth of render time.
 * Given no text it gives none: Eleventy runs computed data (an article's description) once with
 * placeholders to find what it depends on, and an error thrown there cost 8% of render time in
 * building stack traces (docs/performance.md).
 */
function excerpt(text: string | undefined, length = 120): string {
  if (typeof text !== "string") return "";
  let kept = "";
  let count = 0;
  let space = false;
  for (const character of text) {
    if (/\s/.test(character)) {
      space = count > 0;
      continue;
    }
    if (space && count < length) {
      kept += " ";
      count += 1;
    }
    space = false;
    if (count >= length) return `${kept}…`;
    kept += character;
    count += 1;
  }
  return kept;
}

/**
 * `{{ article.html | shiftHeadings(-2) | safe }}`: an article's own headings are written `####`
 * because in the issue the article title is `###`; on the article's page the title is h1, so
 * its headings move up to keep the outline without gaps.
 */
function shiftHeadings(html: string, by: number): string {
  return html.replace(/<(\/?)h([1-6])>/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Math.max(2, Number(level) + by))}>`);
}

export const filters = {
  shiftHeadings,
  t,
  displayDate,
  issueLabel,
  issueOf,
  publicationName,
  publicationOf,
  articlePageOf,
  excerpt,
  /** The public address of a site URL: `{{ page.url | absoluteUrl(site.settings) }}`. */
  absoluteUrl,
};
