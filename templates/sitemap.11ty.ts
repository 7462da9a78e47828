// sitemap.xml: every page of the site (see src/site/feeds.ts).
import { sitemap } from "../src/site/feeds.ts";
import type { SiteData } from "../src/site/site-data.ts";

export const data = { permalink: "/sitemap.xml", eleventyExcludeFromCollections: true };

export function render(data: { site: SiteData }): string {
  return sitemap(data.site);
}
