/** The site's URL scheme, in one place. Every URL is site-absolute; pathPrefix is applied at render. */

export const publicationUrl = (publication: string) => `/${publication}/`;
export const yearUrl = (publication: string, year: number) => `/${publication}/${year}/`;
export const issueUrl = (publication: string, year: number, issue: number) => `/${publication}/${year}/${issue}/`;
export const articleUrl = (publication: string, year: number, issue: number, n: number) =>
  `/${publication}/${year}/${issue}/${n}/`;
/** A section's front page: its newest articles. */
export const sectionUrl = (publication: string, section: string) => `/${publication}/sections/${section}/`;
/**
 * A numbered page of a section's listing. Pages are counted from the section's oldest article,
 * so a page's address and content stay the same as newer issues are added.
 */
export const sectionPageUrl = (publication: string, section: string, page: number) =>
  `${sectionUrl(publication, section)}page/${page}/`;
export const sourcesUrl = () => "/sources/";
export const sourceUrl = (key: string) => `/sources/${key}/`;
export const searchUrl = () => "/search/";

/** Site URL of a file inside a publication folder, each path segment percent-encoded. */
export const assetUrl = (publication: string, relativePath: string) =>
  `/${publication}/${relativePath.split(/[\\/]/).map(encodeURIComponent).join("/")}`;
