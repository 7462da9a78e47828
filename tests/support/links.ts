/** The internal link checker: every link, stylesheet, script, image and form of a built site must lead somewhere. */
import { existsSync } from "node:fs";
import path from "node:path";
import type { CheerioAPI } from "cheerio";
import { hasScheme } from "../../src/content/urls.ts";
import { fileOf, listFiles, loadPage } from "./html.ts";

const isExternal = (target: string) => hasScheme(target) || target.startsWith("//");

/**
 * Every internal reference of every page that leads to no file, or to a missing anchor on an
 * HTML page, as `page → target`. Site URLs start with `pathPrefix`, as the pages are built.
 */
export function brokenLinks(siteDir: string, pathPrefix = "/"): string[] {
  const prefix = pathPrefix.replace(/\/$/, "");
  const pages = new Map<string, CheerioAPI>();
  const page = (url: string) => {
    if (!pages.has(url)) pages.set(url, loadPage(siteDir, url));
    return pages.get(url)!;
  };
  const broken: string[] = [];
  for (const file of listFiles(siteDir, ".html")) {
    const pageUrl = `/${path.relative(siteDir, file).split(path.sep).join("/")}`.replace(/index\.html$/, "");
    const $ = page(pageUrl);
    $("a[href], link[href], img[src], script[src], form[action]").each((_, element) => {
      const target = $(element).attr("href") ?? $(element).attr("src") ?? $(element).attr("action")!;
      if (isExternal(target)) return;
      const resolved = new URL(target, `http://site${prefix}${pageUrl}`);
      if (!resolved.pathname.startsWith(`${prefix}/`)) return void broken.push(`${pageUrl} → ${target} (outside the path prefix ${pathPrefix})`);
      const sitePath = resolved.pathname.slice(prefix.length);
      if (!existsSync(fileOf(siteDir, sitePath))) return void broken.push(`${pageUrl} → ${target}`);
      const id = decodeURIComponent(resolved.hash.slice(1));
      const selector = `[id="${id.replace(/["\\]/g, "\\$&")}"]`;
      if (id && /(\/|\.html)$/.test(sitePath) && page(sitePath)(selector).length === 0) broken.push(`${pageUrl} → ${target} (no such anchor)`);
    });
  }
  return broken;
}
