import { existsSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/pipeline/build.ts";
import { ContentError } from "../src/content/diagnostics.ts";
import { loadArchive } from "../src/content/archive.ts";
import type { Archive } from "../src/content/model.ts";
import { sourceKey } from "../src/content/urls.ts";
import { INDEX_LANGUAGE } from "../src/search/bundle-format.ts";
import { fileOf, listFiles, livePreviewTraces, loadPage, siteDigest } from "./support/html.ts";
import { readSitePages } from "./fixtures/search/corpora.ts";
import { brokenLinks } from "./support/links.ts";
import { buildTemporarySite, FIXTURE_ARCHIVE, temporaryDir } from "./support/site.ts";

let site: string;
let archive: Archive;

beforeAll(async () => {
  ({ dir: site } = await buildTemporarySite(FIXTURE_ARCHIVE));
  ({ archive } = await loadArchive(FIXTURE_ARCHIVE));
});

const articles = () => archive.issues.flatMap((issue) => issue.articles);

describe("a built archive", () => {
  it("has every page a reader browses", () => {
    const publication = archive.publications[0];
    const urls = [
      "/",
      "/search/",
      "/sources/",
      "/404.html",
      publication.url,
      ...publication.years.map((year) => `/${publication.slug}/${year}/`),
      ...archive.issues.map((issue) => issue.url),
      ...articles().map((article) => article.url),
      ...publication.sections.map((section) => `/${publication.slug}/sections/${section.slug}/`),
      "/feed.xml",
      "/feed.json",
      `${publication.url}feed.xml`,
      `${publication.url}feed.json`,
      "/sitemap.xml",
      "/robots.txt",
      "/issues.json",
      "/pagefind/pagefind.js",
      "/assets/search.js",
      "/assets/site.css",
    ];
    for (const url of urls) expect(existsSync(fileOf(site, url)), url).toBe(true);
  });

  it("marks every page as Chinese, with no inline script or style", () => {
    for (const file of listFiles(site, ".html")) {
      const html = readFileSync(file, "utf8");
      const $ = loadPage(site, "/" + path.relative(site, file));
      expect($("html").attr("lang"), file).toBe("zh-CN");
      expect($("script:not([src])").length, file).toBe(0);
      expect($("style").length + $("[style]").length, file).toBe(0);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it("shows the masthead and a table of contents that matches the issue's body", () => {
    const issue = archive.issues.find((i) => i.url === "/weekly/2026/1/")!;
    const $ = loadPage(site, issue.url);
    expect($(".masthead").text()).toContain("测试产业周报");
    expect($(".masthead").text()).toContain("2026年第1期 · 总第100期");
    expect($(".masthead time").text()).toBe("2026年1月9日");
    expect($("a.pdf-link").attr("href")).toBe("/weekly/2026/assets/2026-01.pdf");
    const tocSections = $(".toc-sections > li > a")
      .map((_, a) => $(a).text())
      .get();
    const bodySections = $(".issue-section h2")
      .map((_, h) => $(h).text().trim())
      .get();
    expect(tocSections).toEqual(bodySections);
    expect(tocSections).toEqual(["要闻", "产业动态", "会员天地"]);
    const tocArticles = $(".toc-articles a")
      .map((_, a) => [[$(a).attr("href"), $(a).text()]])
      .get();
    const bodyArticles = $(".issue-article")
      .map((_, a) => [[`#${$(a).attr("id")}`, $(a).find("h3").text().trim()]])
      .get();
    expect(tocArticles).toEqual(bodyArticles);
    expect(tocArticles.map(([, title]) => title)).toEqual(issue.articles.map((a) => a.title));
    expect($("table").length).toBe(1);
    expect($('img[src="/weekly/2026/assets/chart.svg"]').length).toBe(1);
  });

  it("links issues to their neighbours and articles to theirs, across issues", () => {
    const $ = loadPage(site, "/weekly/2026/1/");
    expect($('a[rel="prev"]').attr("href")).toBe("/weekly/2025/52/");
    expect($('a[rel="next"]').attr("href")).toBe("/weekly/2026/2/");
    const last = loadPage(site, "/weekly/2025/52/3/");
    expect(last('a[rel="next"]').attr("href")).toBe("/weekly/2026/1/1/");
    expect(last('a[rel="prev"]').attr("href")).toBe("/weekly/2025/52/2/");
  });

  it("gives an article page its breadcrumbs, source, editor's note and search record", () => {
    const $ = loadPage(site, "/weekly/2025/52/1/");
    expect(
      $(".breadcrumbs li")
        .map((_, li) => $(li).text().trim())
        .get(),
    ).toEqual(["首页", "测试产业周报", "2025", "2025年第52期 · 总第99期", "要闻", "年度产业回顾"]);
    expect($("h1").text()).toBe("年度产业回顾");
    expect($("[data-pagefind-meta=source]").text()).toBe("测试行业协会秘书处");
    expect($(".editor-note").text()).toContain("这一年，行业在变化中前行。");
    expect($("[data-pagefind-body]").length).toBe(1);
    const filters = $("[data-pagefind-filter]")
      .map((_, e) => `${$(e).attr("data-pagefind-filter")}=${$(e).text()}`)
      .get();
    expect(filters).toEqual(["publication=测试产业周报", "section=要闻", "year=2025", "source=测试行业协会秘书处"]);
    expect($("[data-pagefind-sort]").text()).toBe("2025-12-26");
  });

  it("indexes articles only, so a search result is never duplicated", () => {
    const indexed = listFiles(site, ".html").filter((file) => readFileSync(file, "utf8").includes("data-pagefind-body"));
    expect(indexed.length).toBe(articles().length);
    const entry = JSON.parse(readFileSync(path.join(site, "pagefind/pagefind-entry.json"), "utf8"));
    // One index, of the language Pagefind does not segment (the phrase index answers the queries).
    expect(Object.keys(entry.languages)).toEqual([INDEX_LANGUAGE]);
    expect(entry.languages[INDEX_LANGUAGE].page_count).toBe(articles().length);
  });

  it("shows the colophon on the issue and publication pages, outside the searched text, and no search record holds it", async () => {
    const issue = loadPage(site, "/weekly/2026/2/");
    const colophon = issue(".colophon");
    expect(
      colophon
        .find(".colophon-lines li")
        .map((_, li) => issue(li).text())
        .get(),
    ).toEqual(["主编：测试行业协会秘书处", "责任编辑：王测试", "报：测试市经信局", "送：各会员单位"]);
    expect(
      colophon
        .find(".contact-list dd")
        .map((_, dd) => issue(dd).text())
        .get(),
    ).toEqual(["测试市测试路 8 号", "100000", "010-12345678", "weekly@test-association.example", "www.test-association.example"]);
    expect(colophon.closest("[data-pagefind-body]").length).toBe(0);
    const publication = loadPage(site, "/weekly/");
    expect(
      publication(".publication-about p")
        .map((_, p) => publication(p).text())
        .get(),
    ).toEqual(["测试行业协会是为构建测试成立的行业组织。", "协会编印《测试产业周报》，每周五出刊。"]);
    expect(publication(".contact-list a[href='mailto:weekly@test-association.example']").length).toBe(1);
    // What Pagefind indexed, record by record: no article holds the contact details.
    const records = await readSitePages(site);
    expect(records.length).toBe(articles().length);
    for (const record of records) expect(record.content).not.toMatch(/010-12345678|weekly@test-association|测试市测试路|各会员单位/);
  });

  it("lists a section's articles across issues, newest first", () => {
    const $ = loadPage(site, "/weekly/sections/industry/");
    const listed = $(".article-list .article-link")
      .map((_, a) => $(a).attr("href"))
      .get();
    const expected = articles()
      .filter((a) => a.sectionSlug === "industry")
      .sort((a, b) => b.date.localeCompare(a.date) || a.n - b.n)
      .map((a) => a.url);
    expect(listed).toEqual(expected);
    expect(listed.length).toBe(4);
  });

  it("lists every distinct source with its articles", () => {
    const sources = new Map<string, string[]>();
    for (const article of articles()) {
      if (article.source) sources.set(article.source, [...(sources.get(article.source) ?? []), article.url]);
    }
    const $ = loadPage(site, "/sources/");
    expect(
      $(".source-list a")
        .map((_, a) => $(a).text())
        .get()
        .sort(),
    ).toEqual([...sources.keys()].sort());
    for (const [name, urls] of sources) {
      const page = loadPage(site, `/sources/${sourceKey(name)}/`);
      expect(page("h1").text()).toContain(name);
      expect(
        page(".article-list .article-link")
          .map((_, a) => page(a).attr("href"))
          .get()
          .sort(),
      ).toEqual([...urls].sort());
    }
    expect(sources.get("经信厅")?.length).toBe(3);
  });

  it("writes well-formed Atom feeds, JSON feeds, a sitemap and issues.json", () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const url of ["/feed.xml", "/weekly/feed.xml", "/sitemap.xml"]) {
      const xml = readFileSync(fileOf(site, url), "utf8");
      expect(XMLValidator.validate(xml), url).toBe(true);
    }
    const atom = parser.parse(readFileSync(fileOf(site, "/weekly/feed.xml"), "utf8"));
    const entries = [atom.feed.entry].flat();
    expect(entries.map((e: { link: { "@_href": string } }) => e.link["@_href"])).toEqual(archive.issues.map((i) => `http://localhost:8080${i.url}`));
    const json = JSON.parse(readFileSync(fileOf(site, "/feed.json"), "utf8"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.items[0].title).toBe("测试产业周报 2026年第2期 · 总第101期");
    const sitemap = parser.parse(readFileSync(fileOf(site, "/sitemap.xml"), "utf8"));
    const locs = sitemap.urlset.url.map((u: { loc: string }) => u.loc);
    for (const article of articles()) expect(locs).toContain(`http://localhost:8080${article.url}`);
    const issues = JSON.parse(readFileSync(fileOf(site, "/issues.json"), "utf8"));
    const first = issues.publications[0].issues.find((i: { issue: number; year: number }) => i.year === 2025);
    expect(first).toMatchObject({ issue: 52, cumulative: 99, date: "2025-12-26", label: "2025年第52期 · 总第99期" });
    expect(first.articles[0]).toMatchObject({ n: 1, title: "年度产业回顾", section: "要闻", source: "测试行业协会秘书处", url: "http://localhost:8080/weekly/2025/52/1/" });
  });

  it("has no broken internal link or anchor", () => {
    expect(brokenLinks(site)).toEqual([]);
  });

  it("holds no live-preview code: only what bulletin serve sends carries it", () => {
    expect(listFiles(site, ".html").length).toBeGreaterThan(10);
    expect(livePreviewTraces(site)).toEqual([]);
  });
});

describe("building", () => {
  it("puts every URL under the path prefix when the site lives in a subfolder", async () => {
    const { dir } = await buildTemporarySite(FIXTURE_ARCHIVE, { pathPrefix: "/archive/" });
    const $ = loadPage(dir, "/weekly/2026/1/");
    const hrefs = $("a[href^='/'], link[href^='/'], script[src^='/'], img[src^='/']")
      .map((_, e) => $(e).attr("href") ?? $(e).attr("src"))
      .get();
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href.startsWith("/archive/"), href).toBe(true);
  });

  it("runs two builds at once in one process, each writing what it writes alone", async () => {
    const english = { locale: "en", title: "Bulletins", pathPrefix: "/archive/" } as const;
    const [chinese, other] = await Promise.all([buildTemporarySite(FIXTURE_ARCHIVE), buildTemporarySite(FIXTURE_ARCHIVE, english)]);
    const alone = await buildTemporarySite(FIXTURE_ARCHIVE, english);
    expect(siteDigest(chinese.dir)).toEqual(siteDigest(site));
    expect(siteDigest(other.dir)).toEqual(siteDigest(alone.dir));
    expect(loadPage(other.dir, "/").root().find("title").text()).toBe("Bulletins");
    expect(loadPage(chinese.dir, "/").root().find("title").text()).not.toBe("Bulletins");
    // One publication in the fixture archive: English says so in the singular.
    expect(loadPage(other.dir, "/")("main p.meta").first().text()).toMatch(/^1 publication · \d+ issues · \d+ articles$/);
  });

  it("leaves the previous site exactly as it was when content has an error", async () => {
    const content = path.join(temporaryDir("content"), "content");
    cpSync(FIXTURE_ARCHIVE, content, { recursive: true });
    const output = path.join(temporaryDir("out"), "site");
    await buildSite({ contentDir: content, outputDir: output });
    const before = readFileSync(path.join(output, "index.html"), "utf8");
    const issueFile = path.join(content, "weekly/2026/02.md");
    writeFileSync(issueFile, readFileSync(issueFile, "utf8").replace("date: 2026-01-16", "date: 2026-02-30"));
    const failure = await buildSite({ contentDir: content, outputDir: output }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContentError);
    expect((failure as ContentError).message).toContain("weekly/2026/02.md:4: error [date]: this day does not exist in the calendar");
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toBe(before);
    expect(listFiles(path.dirname(output), "").filter((f) => f.includes("staging"))).toEqual([]);
  });
});
