/** Reading a built site in tests: its files, its HTML parsed with cheerio. */
import { createHash } from "node:crypto";
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

/**
 * Every file of a folder with the SHA-256 of its bytes, the build time (in issues.json) taken
 * out: two builds of the same content and settings have equal digests.
 */
export function siteDigest(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of listFiles(dir, "")) {
    const relative = path.relative(dir, file);
    let bytes = readFileSync(file);
    if (relative === "issues.json") bytes = Buffer.from(bytes.toString("utf8").replace(/"generated": "[^"]*"/, '"generated": ""'));
    files[relative] = createHash("sha256").update(bytes).digest("hex");
  }
  return files;
}
