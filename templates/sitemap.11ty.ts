// sitemap.xml: every page of the site that a search engine should list (see src/site/feeds.ts).
import { sitemapUrl } from "../src/content/urls.ts";
import { sitemap } from "../src/site/feeds.ts";
import type { SiteData } from "../src/site/site-data.ts";

export const data = { permalink: sitemapUrl(), eleventyExcludeFromCollections: true };

export function render(data: { site: SiteData }): string {
  return sitemap(data.site);
}
