// Atom and JSON feeds for the whole archive and for each publication (see src/site/feeds.ts).
import { atomFeed, feedScopes, jsonFeed, scopeFeedUrl } from "../src/site/feeds.ts";
import type { SiteData } from "../src/site/site-data.ts";

type Entry = { scope: ReturnType<typeof feedScopes>[number]; format: "xml" | "json" };
type Data = { site: SiteData; entry: Entry };

export const data = {
  pagination: {
    data: "site",
    size: 1,
    alias: "entry",
    before: (_keys: unknown, data: { site: SiteData }) =>
      feedScopes(data.site).flatMap((scope) => [
        { scope, format: "xml" },
        { scope, format: "json" },
      ]),
  },
  permalink: (data: Data) => scopeFeedUrl(data.entry.scope, data.entry.format),
  eleventyExcludeFromCollections: true,
};

export function render(data: Data): string {
  return data.entry.format === "xml" ? atomFeed(data.site, data.entry.scope) : jsonFeed(data.site, data.entry.scope);
}
