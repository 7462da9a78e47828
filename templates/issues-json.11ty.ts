// issues.json: the archive's numbers for other tools (see src/site/feeds.ts).
import { issuesJsonUrl } from "../src/content/urls.ts";
import { issuesJson } from "../src/site/feeds.ts";
import type { SiteData } from "../src/site/site-data.ts";

export const data = { permalink: issuesJsonUrl(), eleventyExcludeFromCollections: true };

export function render(data: { site: SiteData }): string {
  return issuesJson(data.site);
}
