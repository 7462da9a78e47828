/**
 * The site being built. `bulletin build` loads and checks the content first and hands the result
 * here; when Eleventy is run on its own with `--config=.eleventy.ts`, the site is loaded from
 * `BULLETIN_CONTENT` (default `content/`) on first use.
 */
import { ContentError, errorsIn } from "../content/diagnostics.ts";
import { type IssueFileCache, loadArchive } from "../content/archive.ts";
import { buildSiteData, type SiteData } from "./site-data.ts";
import { loadSettings } from "./settings.ts";

// Kept on globalThis, not in a module variable: Eleventy imports .eleventy.ts with Node's own
// loader, which can give it a second copy of this module (under vitest, for one).
const CURRENT = Symbol.for("bulletin.currentSite");
const registry = globalThis as typeof globalThis & { [CURRENT]?: SiteData };

export function setCurrentSite(site: SiteData | undefined): void {
  registry[CURRENT] = site;
}

export async function loadSite(contentDir: string, overrides: Parameters<typeof loadSettings>[1] = {}, cache?: IssueFileCache) {
  const [{ archive, diagnostics }, settings] = await Promise.all([loadArchive(contentDir, cache), loadSettings(contentDir, overrides)]);
  const all = [...settings.diagnostics, ...diagnostics];
  if (errorsIn(all).length || !settings.settings) throw new ContentError(all);
  return { archive, site: buildSiteData(archive, settings.settings, new Date().toISOString()), diagnostics: all };
}

export async function currentSite(): Promise<SiteData> {
  registry[CURRENT] ??= (await loadSite(process.env.BULLETIN_CONTENT ?? "content")).site;
  return registry[CURRENT];
}
