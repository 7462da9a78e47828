/**
 * Eleventy configuration: a table of contents. The domain lives in src/, markup in templates/.
 * Eleventy runs only inside `bulletin build` (src/pipeline/render.ts), through tsx, and is handed
 * each build's site data there, as the global `site`. https://www.11ty.dev/docs/config/
 */
import path from "node:path";
import { HtmlBasePlugin, type UserConfig } from "@11ty/eleventy";
import { SITE_ASSETS_DIR } from "./src/content/urls.ts";
import { TEMPLATES_DIR } from "./src/pipeline/paths.ts";
import { filters } from "./src/site/filters.ts";
import { nunjucksCompileCache } from "./src/site/nunjucks-cache.ts";

export default function (eleventyConfig: UserConfig) {
  // Eleventy reads folders relative to the working directory; `bulletin` runs from anywhere.
  const templates = path.relative(process.cwd(), TEMPLATES_DIR) || ".";

  for (const [name, filter] of Object.entries(filters)) eleventyConfig.addFilter(name, filter);

  // Content is escaped unless a template says `| safe` (rendered Markdown only).
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  // Each template compiled once, not once per page (docs/performance.md).
  eleventyConfig.addPlugin(nunjucksCompileCache);

  // JSON and XML outputs are TypeScript templates. https://www.11ty.dev/docs/languages/typescript/
  eleventyConfig.addExtension(["11ty.ts"], { key: "11ty.js" });
  eleventyConfig.addTemplateFormats("11ty.ts");

  // Site-absolute URLs in every page get the path prefix. https://www.11ty.dev/docs/plugins/html-base/
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // The site's own static files, beside its scripts (src/pipeline/browser-scripts.ts).
  eleventyConfig.addPassthroughCopy({ [path.join(templates, "assets/static")]: SITE_ASSETS_DIR });

  return {
    dir: { input: templates, includes: "_includes", layouts: "_includes/layouts" },
    templateFormats: ["njk"],
  };
}
