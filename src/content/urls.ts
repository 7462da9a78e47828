/**
 * The site's URL scheme, in one place: the address of every page and file the site has. Every
 * URL is site-absolute; the path prefix is put in front when pages are written (Eleventy's HTML
 * base plugin) and by `absoluteUrl` for feeds and the sitemap. Templates get these helpers as
 * the global `urls` (src/site/template-data.ts).
 */
import { BUNDLE_DIR, PAGEFIND_SCRIPT } from "../search/bundle-format.ts";
import { fnv1a } from "../util/hash.ts";

export const homeUrl = () => "/";
export const publicationUrl = (publication: string) => `/${publication}/`;
export const yearUrl = (publication: string, year: number) => `/${publication}/${year}/`;
export const issueUrl = (publication: string, year: number, issue: number) => `/${publication}/${year}/${issue}/`;
export const articleUrl = (publication: string, year: number, issue: number, n: number) => `/${publication}/${year}/${issue}/${n}/`;
/** A section's front page: its newest articles. */
export const sectionUrl = (publication: string, section: string) => `/${publication}/sections/${section}/`;
/**
 * A numbered page of a section's listing. Pages are counted from the section's oldest article,
 * so a page's address and content stay the same as newer issues are added.
 */
export const sectionPageUrl = (publication: string, section: string, page: number) => `${sectionUrl(publication, section)}page/${page}/`;
export const sourcesUrl = () => "/sources/";
export const sourceUrl = (key: string) => `/sources/${key}/`;
export const searchUrl = () => "/search/";
/** The page a static host serves for an address the site does not have. */
export const notFoundUrl = () => "/404.html";

/** A stable short key for a source name, used in its URL (FNV-1a of its UTF-8, base 36). */
export function sourceKey(name: string): string {
  return fnv1a(new TextEncoder().encode(name.normalize("NFKC").replace(/\s+/g, ""))).toString(36);
}

/** The Atom (`xml`) or JSON feed of the whole archive, or of one publication. */
export const feedUrl = (format: "xml" | "json", publication?: string) => `${publication ? publicationUrl(publication) : homeUrl()}feed.${format}`;
export const issuesJsonUrl = () => "/issues.json";
export const sitemapUrl = () => "/sitemap.xml";
export const robotsUrl = () => "/robots.txt";
/** Response headers for static hosts that read them (Netlify, Cloudflare Pages). */
export const headersUrl = () => "/_headers";

/** The folder of the site's own static files and scripts, at the site root. */
export const SITE_ASSETS_DIR = "assets";
/** A static file or script of the site: `site.css`, `search.js`. */
export const siteAssetUrl = (file: string) => `/${SITE_ASSETS_DIR}/${file}`;
/** Pagefind's script in the search bundle (src/search/bundle-format.ts). */
export const searchScriptUrl = () => `/${BUNDLE_DIR}/${PAGEFIND_SCRIPT}`;

/** The slug a site URL begins with (`/zsia/2026/3/` → `zsia`): its publication's, if it is one's. */
export const firstSegment = (url: string) => /^\/([^/]+)\//.exec(url)?.[1];

/** Site URL of a file inside a publication folder, each path segment percent-encoded. */
export const assetUrl = (publication: string, relativePath: string) => `/${publication}/${relativePath.split(/[\\/]/).map(encodeURIComponent).join("/")}`;

/** Whether a link target starts with a scheme (`https:`, `mailto:`): it leads out of the site. */
export const hasScheme = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** A publisher's web address as printed (www.zsia.org), as a link. */
export const websiteUrl = (address: string) => (hasScheme(address) ? address : `https://${address}`);
/** A publisher's e-mail address, as a link. */
export const emailUrl = (address: string) => `mailto:${address}`;

/** A site URL as the public address feeds, the sitemap and Open Graph need; a URL with a scheme stays as it is. */
export function absoluteUrl(url: string, settings: { url: string; pathPrefix: string }): string {
  if (hasScheme(url)) return url;
  return new URL(settings.pathPrefix.replace(/\/$/, "") + url, settings.url).href;
}
