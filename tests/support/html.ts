/** Reading a built site in tests: its HTML files, parsed with cheerio. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";

export function listFiles(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The built file of a site URL such as `/zsia/2026/3/`. */
export function fileOf(siteDir: string, url: string): string {
  const clean = decodeURIComponent(url.split(/[?#]/)[0]);
  return path.join(siteDir, clean.endsWith("/") ? `${clean}index.html` : clean);
}

export function loadPage(siteDir: string, url: string): cheerio.CheerioAPI {
  return cheerio.load(readFileSync(fileOf(siteDir, url), "utf8"));
}
