/** Reading a built site in tests: its files, its HTML parsed with cheerio. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
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

/** What would betray `bulletin serve`'s live preview (src/serve/live-reload-protocol.ts) in a file. */
const LIVE_PREVIEW_TRACES = [".bulletin-serve", "live-reload", "EventSource"];

/** The files of a site, compressed ones read uncompressed, that name or hold the live preview, with what they hold. */
export function livePreviewTraces(dir: string): string[] {
  return listFiles(dir, "").flatMap((file) => {
    const bytes = readFileSync(file);
    const text = `${path.relative(dir, file)}\n${(file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("latin1")}`;
    return LIVE_PREVIEW_TRACES.filter((trace) => text.includes(trace)).map((trace) => `${path.relative(dir, file)}: ${trace}`);
  });
}
