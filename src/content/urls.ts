/** The site's URL scheme, in one place. Every URL is site-absolute; pathPrefix is applied at render. */

export const publicationUrl = (publication: string) => `/${publication}/`;
export const yearUrl = (publication: string, year: number) => `/${publication}/${year}/`;
export const issueUrl = (publication: string, year: number, issue: number) => `/${publication}/${year}/${issue}/`;
export const articleUrl = (publication: string, year: number, issue: number, n: number) =>
  `/${publication}/${year}/${issue}/${n}/`;
export const sectionUrl = (publication: string, section: string, page = 1) =>
  `/${publication}/sections/${section}/${page > 1 ? `page/${page}/` : ""}`;
export const sourcesUrl = () => "/sources/";
export const sourceUrl = (key: string) => `/sources/${key}/`;
export const searchUrl = () => "/search/";

/** Site URL of a file inside a publication folder, each path segment percent-encoded. */
export const assetUrl = (publication: string, relativePath: string) =>
  `/${publication}/${relativePath.split(/[\\/]/).map(encodeURIComponent).join("/")}`;
