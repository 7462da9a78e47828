/**
 * Renders the site's HTML, feeds and sitemap with Eleventy: the pages in `site.render` (all of
 * them in a full build) and every one-off page — or only the article pages in `site.render`,
 * which a build renders in batches (so that each batch can be indexed while the next renders,
 * and memory stays bounded). https://www.11ty.dev/docs/programmatic/
 *
 * The site data reaches the templates through Eleventy's programmatic API, as global data of
 * this Eleventy instance alone (src/site/template-data.ts) (the `config` callback runs before .eleventy.ts, on the same
 * configuration): nothing is shared between builds, so several can run in one process.
 */
import path from "node:path";
import { Eleventy, type UserConfig } from "@11ty/eleventy";
import type { SiteData } from "../site/site-data.ts";
import { templateData } from "../site/template-data.ts";
import { ELEVENTY_CONFIG, TEMPLATES_DIR } from "./paths.ts";

/** The template of article pages, which Eleventy can be given alone. */
const ARTICLE_TEMPLATE = path.join(TEMPLATES_DIR, "article.njk");

/** Renders into `siteDir`; returns the number of files written. */
export async function renderPages(site: SiteData, siteDir: string, only: "everything" | "articles" = "everything"): Promise<number> {
  const eleventy = new Eleventy(only === "articles" ? ARTICLE_TEMPLATE : TEMPLATES_DIR, siteDir, {
    configPath: ELEVENTY_CONFIG,
    pathPrefix: site.settings.pathPrefix,
    quietMode: true,
    config(eleventyConfig: UserConfig) {
      for (const [name, value] of Object.entries(templateData(site))) eleventyConfig.addGlobalData(name, value);
    },
  });
  // The build prints its own summary; Eleventy's "Wrote N files" line would be noise.
  eleventy.disableLogger();
  const written = (await eleventy.write()) as [unknown[], unknown[]] | undefined;
  return Array.isArray(written?.[1]) ? written[1].length : 0;
}
