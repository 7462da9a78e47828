/**
 * The site's only JavaScript (search), written in TypeScript and bundled with esbuild into
 * `<site>/assets/` (SITE_ASSETS_DIR). No inline scripts: the site runs under a strict Content-Security-Policy.
 */
import path from "node:path";
import { build } from "esbuild";
import { SITE_ASSETS_DIR } from "../content/urls.ts";
import { BROWSER_DIR } from "./paths.ts";

const BROWSER_ENTRIES = ["search.ts", "highlight.ts"];

export async function writeBrowserScripts(siteDir: string): Promise<void> {
  await build({
    entryPoints: BROWSER_ENTRIES.map((entry) => path.join(BROWSER_DIR, entry)),
    outdir: path.join(siteDir, SITE_ASSETS_DIR),
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    logLevel: "silent",
  });
}
