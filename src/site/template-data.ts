/**
 * The global data every template gets, handed to Eleventy with each build
 * (src/pipeline/render.ts): the site, the interface language and the URL helpers.
 */
import * as urlHelpers from "../content/urls.ts";
import type { Locale } from "../i18n/translate.ts";
import type { SiteData } from "./site-data.ts";

/**
 * The interface language. Pages are `lang="zh-CN"`, as their content is; with the English
 * interface, each element that holds interface text says so with `{{ ui.lang | safe }}`.
 */
interface InterfaceLanguage {
  locale: Locale;
  /** ` lang="en"` with the English interface, empty with the Chinese one. */
  lang: string;
}

export interface TemplateData {
  site: SiteData;
  ui: InterfaceLanguage;
  /** The site's URL scheme (src/content/urls.ts): `{{ urls.searchUrl() }}`. */
  urls: typeof urlHelpers;
}

export function templateData(site: SiteData): TemplateData {
  const { locale } = site.settings;
  return { site, ui: { locale, lang: locale === "en" ? ' lang="en"' : "" }, urls: { ...urlHelpers } };
}
