/**
 * The pages a reader meets, one of every kind the site has (src/site/site-data.ts, PAGE_KINDS):
 * what the browser gates visit, so a new kind of page is checked by being added there.
 */
import { loadSite } from "../../src/site/load-site.ts";
import { pageKinds } from "../../src/site/site-data.ts";

/** Site URLs by kind of page, for an archive with at least one article that names its source. */
export async function pagesOfEachKind(contentDir: string): Promise<Record<string, string>> {
  const { site } = await loadSite(contentDir);
  const { pages } = site;
  const first = pageKinds().map((kind) => [kind, pages[kind][0].url]);
  // An article with a source: its page links to the source's.
  const article = pages.articles.find((page) => page.article.source)!;
  return {
    ...Object.fromEntries(first),
    articles: article.url,
    search: `${pages.search[0].url}?q=${encodeURIComponent(article.article.title.slice(0, 4))}`,
    // What a host serves for an address the site does not have.
    notFound: "/no-such-page/",
  };
}
