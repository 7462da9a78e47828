/** The pages a reader meets, one of each kind: what the browser gates visit. */
import { loadArchive } from "../../src/content/archive.ts";
import { sourceKey } from "../../src/site/site-data.ts";

/** Site URLs by kind of page, for an archive with at least one article that names its source. */
export async function pagesOfEachKind(contentDir: string): Promise<Record<string, string>> {
  const { archive } = await loadArchive(contentDir);
  const publication = archive.publications[0];
  const issue = publication.issues[0];
  const article = issue.articles.find((a) => a.source)!;
  return {
    home: "/",
    publication: publication.url,
    year: `/${publication.slug}/${issue.year}/`,
    issue: issue.url,
    article: article.url,
    section: `/${publication.slug}/sections/${article.sectionSlug}/`,
    sources: "/sources/",
    source: `/sources/${sourceKey(article.source!)}/`,
    search: `/search/?q=${encodeURIComponent(article.title.slice(0, 4))}`,
    "not found": "/no-such-page/",
  };
}
