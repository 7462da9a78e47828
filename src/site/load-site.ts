/**
 * The site as a build or a check sees it: the content folder loaded and checked, the settings
 * read, and the site data derived from both. Throws a ContentError when anything is wrong.
 */
import { type IssueFileCache, loadArchive } from "../content/archive.ts";
import { ContentError, errorsIn } from "../content/diagnostics.ts";
import { loadSettings } from "./settings.ts";
import { buildSiteData } from "./site-data.ts";

export async function loadSite(contentDir: string, overrides: Parameters<typeof loadSettings>[1] = {}, cache?: IssueFileCache) {
  const [{ archive, diagnostics }, settings] = await Promise.all([loadArchive(contentDir, cache), loadSettings(contentDir, overrides)]);
  const all = [...settings.diagnostics, ...diagnostics];
  if (errorsIn(all).length || !settings.settings) throw new ContentError(all);
  return { archive, site: buildSiteData(archive, settings.settings, new Date().toISOString()), diagnostics: all };
}
