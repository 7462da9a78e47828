/**
 * The site being built. `bulletin build` loads and checks the content first and hands the result
 * here; when Eleventy is run on its own with `--config=.eleventy.ts`, the site is loaded from
 * `BULLETIN_CONTENT` (default `content/`) on first use.
 */
import { ContentError, errorsIn } from "../content/diagnostics.ts";
import { loadArchive } from "../content/archive.ts";
import { buildSiteData, type SiteData } from "./site-data.ts";
import { loadSettings } from "./settings.ts";

let current: SiteData | undefined;

export function setCurrentSite(site: SiteData | undefined): void {
  current = site;
}

export async function loadSite(contentDir: string, overrides: Parameters<typeof loadSettings>[1] = {}) {
  const [{ archive, diagnostics }, settings] = await Promise.all([loadArchive(contentDir), loadSettings(contentDir, overrides)]);
  const all = [...settings.diagnostics, ...diagnostics];
  if (errorsIn(all).length || !settings.settings) throw new ContentError(all);
  return { archive, site: buildSiteData(archive, settings.settings, new Date().toISOString()), diagnostics: all };
}

export async function currentSite(): Promise<SiteData> {
  current ??= (await loadSite(process.env.BULLETIN_CONTENT ?? "content")).site;
  return current;
}
