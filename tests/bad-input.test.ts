/**
 * Bad input (tests/fixtures/bad/): every case gives its own clear message naming the file, the
 * line and the field; input that is only unusual (BOM, CRLF, 10 MB) builds; and HTML or script
 * written into content comes out as text everywhere a reader or a program sees it.
 *
 * Layout of the corpus:
 *   publication.yaml       the shared, valid publication of the issue cases
 *   issues/<case>.md       one issue per case, loaded as bad/2026/<case>.md
 *   issues/<case>/         several issues, when the problem lies between them
 *   archives/<case>/       whole content folders, for problems with publication folders
 *   hostile/               a valid archive with markup and script in every field
 * Bytes that an editor or git could quietly change (encodings, BOM, CRLF, control characters,
 * symbolic links, 10 MB) are generated here instead.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as cheerio from "cheerio";
import { XMLParser } from "fast-xml-parser";
import iconv from "iconv-lite";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/pipeline/build.ts";
import { loadArchive } from "../src/content/archive.ts";
import type { Diagnostic, Severity } from "../src/content/diagnostics.ts";
import type { StaticServer } from "../src/serve/static-server.ts";
import { launchBrowser } from "./support/browser.ts";
import { fileOf, listFiles, loadPage } from "./support/html.ts";
import { RESULT_LINK, searchFor } from "./support/search-page.ts";
import { buildTemporarySite, serveSite, temporaryDir } from "./support/site.ts";

const BAD = path.resolve(import.meta.dirname, "fixtures/bad");

interface Expected {
  /** `file:line`, or `file` alone when the problem is the file as a whole. */
  where: string;
  field?: string;
  /** A fragment of the message. */
  message: string;
  severity: Severity;
}

const error = (where: string, field: string | undefined, message: string): Expected => ({ where, field, message, severity: "error" });
const warning = (where: string, field: string | undefined, message: string): Expected => ({ where, field, message, severity: "warning" });

/** Issue fixtures: the case name → every diagnostic it gives. */
const FIXTURE_CASES: [string, ...Expected[]][] = [
  // front-matter and YAML
  ["no-front-matter", error("bad/2026/no-front-matter.md:1", "front-matter", "the file does not start with front-matter")],
  ["unclosed-front-matter", error("bad/2026/unclosed-front-matter.md:1", "front-matter", "the front-matter is not closed")],
  ["yaml-unclosed-bracket", error("bad/2026/yaml-unclosed-bracket.md:5", "front-matter", "YAML does not parse")],
  ["yaml-tab-indent", error("bad/2026/yaml-tab-indent.md:5", "front-matter", "tab characters must not be used in indentation")],
  ["yaml-duplicate-key", error("bad/2026/yaml-duplicate-key.md:4", "front-matter", "duplicated mapping key")],
  ["yaml-bad-indent", error("bad/2026/yaml-bad-indent.md:4", "front-matter", "bad indentation of a mapping entry")],
  ["front-matter-a-list", error("bad/2026/front-matter-a-list.md:2", "front-matter", "not a set of 'key: value' fields")],
  ["unknown-field", warning("bad/2026/unknown-field.md:5", "sumary", "unknown field sumary is ignored")],
  // dates
  ["missing-date", error("bad/2026/missing-date.md:1", "date", "missing required field: expected a date written YYYY-MM-DD")],
  ["impossible-date", error("bad/2026/impossible-date.md:3", "date", "this day does not exist in the calendar")],
  ["date-month-13", error("bad/2026/date-month-13.md:3", "date", "this day does not exist in the calendar")],
  ["date-slashes", error("bad/2026/date-slashes.md:3", "date", "expected a date written YYYY-MM-DD")],
  ["date-a-number", error("bad/2026/date-a-number.md:3", "date", "expected a date written YYYY-MM-DD")],
  // numbers
  ["missing-issue", error("bad/2026/missing-issue.md:1", "issue", "missing required field: expected the issue number")],
  ["issue-zero", error("bad/2026/issue-zero.md:2", "issue", "expected the issue number 第N期 of 1 or more")],
  ["issue-negative", error("bad/2026/issue-negative.md:2", "issue", "expected the issue number 第N期 of 1 or more")],
  ["issue-not-a-number", error("bad/2026/issue-not-a-number.md:2", "issue", "expected the issue number 第N期 as a whole number")],
  ["issue-fraction", error("bad/2026/issue-fraction.md:2", "issue", "as a whole number, not a fraction")],
  ["cumulative-zero", error("bad/2026/cumulative-zero.md:3", "cumulative", "expected the cumulative number 总第M期 of 1 or more")],
  ["duplicate-issue", error("bad/2026/02.md:2", "issue", "issue 1 of 2026 is also used by bad/2026/01.md")],
  ["duplicate-cumulative", error("bad/2026/02.md:3", "cumulative", "cumulative 100 is also used by bad/2026/01.md")],
  // other fields
  ["sections-empty-list", error("bad/2026/sections-empty-list.md:4", "sections", "expected at least one section")],
  ["editors-a-mapping", error("bad/2026/editors-a-mapping.md:5", "editors", "expected a name or a list of names")],
  // sections and articles
  ["section-declared-missing", error("bad/2026/section-declared-missing.md:4", "sections[1]", 'the section 产业动态 is declared but has no "## 产业动态" heading')],
  ["section-undeclared", error("bad/2026/section-undeclared.md:13", "## heading", "the section 产业动态 is in the body but not declared in sections")],
  ["section-unregistered", error("bad/2026/section-unregistered.md:4", "sections[1]", "the section 产业动向 is not registered in publication.yaml")],
  ["section-order", error("bad/2026/section-order.md:4", "sections", "the body's sections are in the order 产业动态, 要闻, not the declared order 要闻, 产业动态")],
  [
    "section-twice",
    error("bad/2026/section-twice.md:13", "## heading", "the section 要闻 appears twice in the body"),
    error("bad/2026/section-twice.md:4", "sections", "the body's sections are in the order 要闻, 要闻"),
  ],
  ["section-without-articles", warning("bad/2026/section-without-articles.md:13", "## heading", "the section 产业动态 has no articles")],
  ["article-outside-section", error("bad/2026/article-outside-section.md:7", "### heading", 'the article "游离的文章" is not inside a section')],
  ["article-untitled", error("bad/2026/article-untitled.md:9", "### heading", "an article has no title")],
  ["level-one-heading", error("bad/2026/level-one-heading.md:7", "# heading", 'a level-1 heading "# 简报" is not part of an issue')],
  ["title-repeats", warning("bad/2026/title-repeats.md:13", "### heading", 'the article title "同一个标题" repeats the title on line 9')],
  // files an issue points at
  ["pdf-outside", error("bad/2026/pdf-outside.md:5", "pdf", "pdf ../../etc/passwd: points outside the publication folder")],
  ["pdf-missing", error("bad/2026/pdf-missing.md:5", "pdf", "pdf assets/2026-01.pdf: the file does not exist")],
  ["link-outside", error("bad/2026/link-outside.md:11", "link", "link ../../etc/passwd: points outside the publication folder")],
  ["link-outside-encoded", error("bad/2026/link-outside-encoded.md:11", "link", "points outside the publication folder")],
  ["image-outside", error("bad/2026/image-outside.md:11", "image", "points outside the publication folder")],
  ["image-missing", error("bad/2026/image-missing.md:13", "image", "image assets/chart.png: the file does not exist")],
];

/** A valid issue of the shared publication, for cases whose bytes are generated. Line 4 is the first with Chinese. */
const GOOD = "---\nissue: 1\ndate: 2026-01-09\nsections: [要闻]\n---\n\n## 要闻\n\n### 第一篇\n\n来源：测试协会\n\n浙江省软件行业协会简报，本期内容包括产业动态与会员天地。\n";
const GOOD_WITH_PDF = GOOD.replace("sections:", "pdf: assets/original.pdf\nsections:");
const withUtf16Bom = (encoding: "utf16le" | "utf16be") => iconv.encode(GOOD, encoding, { addBOM: true });

/** Generated cases: name → what to write into the year folder, and every diagnostic it gives. */
const GENERATED_CASES: [string, (year: string) => void, ...Expected[]][] = [
  ["GBK", (year) => writeFileSync(`${year}/gbk.md`, iconv.encode(GOOD, "gbk")), error("bad/2026/gbk.md:4", undefined, "the file is not UTF-8; it looks like GBK")],
  ["GB18030", (year) => writeFileSync(`${year}/gb18030.md`, iconv.encode(GOOD, "gb18030")), error("bad/2026/gb18030.md:4", undefined, "the file is not UTF-8; it looks like GBK")],
  [
    "GBK with CR line ends",
    (year) => writeFileSync(`${year}/gbk-cr.md`, iconv.encode(GOOD.replace(/\n/g, "\r"), "gbk")),
    error("bad/2026/gbk-cr.md:4", undefined, "the file is not UTF-8; it looks like GBK"),
  ],
  ["UTF-16LE with a BOM", (year) => writeFileSync(`${year}/utf16.md`, withUtf16Bom("utf16le")), error("bad/2026/utf16.md", undefined, "the file is not UTF-8; it looks like UTF-16LE")],
  ["UTF-16BE with a BOM", (year) => writeFileSync(`${year}/utf16.md`, withUtf16Bom("utf16be")), error("bad/2026/utf16.md", undefined, "the file is not UTF-8; it looks like UTF-16BE")],
  ["UTF-16LE without a BOM", (year) => writeFileSync(`${year}/utf16.md`, iconv.encode(GOOD, "utf16le")), error("bad/2026/utf16.md", undefined, "the file is not UTF-8; it looks like UTF-16LE")],
  [
    "UTF-8 with one stray byte",
    (year) => writeFileSync(`${year}/stray.md`, Buffer.concat([Buffer.from(GOOD.slice(0, 60)), Buffer.from([0xb1]), Buffer.from(GOOD.slice(60))])),
    error("bad/2026/stray.md:9", undefined, "the file is not UTF-8"),
  ],
  ["an empty file", (year) => writeFileSync(`${year}/empty.md`, ""), error("bad/2026/empty.md:1", undefined, "the file is empty")],
  ["only blank lines and a BOM", (year) => writeFileSync(`${year}/blank.md`, "\uFEFF \n\n\t\n"), error("bad/2026/blank.md:1", undefined, "the file is empty")],
  ["a control character (BEL)", (year) => writeFileSync(`${year}/bel.md`, GOOD.replace("本期", "本\u0007期")), error("bad/2026/bel.md:13", undefined, "control character U+0007 in the text")],
  ["a NUL byte", (year) => writeFileSync(`${year}/nul.md`, GOOD.replace("第一篇", "第\u0000一篇")), error("bad/2026/nul.md:9", undefined, "control character U+0000 in the text")],
  ["a C1 control character", (year) => writeFileSync(`${year}/c1.md`, GOOD.replace("测试", "测\u0085试")), error("bad/2026/c1.md:11", undefined, "control character U+0085 in the text")],
  ["CRLF line ends and a bad date", (year) => writeFileSync(`${year}/crlf.md`, GOOD.replace("01-09", "02-30").replace(/\n/g, "\r\n")), error("bad/2026/crlf.md:3", "date", "this day does not exist")],
  ["a BOM and a bad date", (year) => writeFileSync(`${year}/bom.md`, `\uFEFF${GOOD.replace("01-09", "02-30")}`), error("bad/2026/bom.md:3", "date", "this day does not exist")],
  ["a folder named like an issue", (year) => mkdirSync(`${year}/folder.md`), error("bad/2026/folder.md", undefined, "the file cannot be read: it is a folder")],
  [
    "a linked file that is a symbolic link out of the folder",
    (year) => {
      writeFileSync(`${year}/leak.md`, `${GOOD}\n[附件](assets/leak.txt)\n`);
      mkdirSync(`${year}/assets`);
      symlinkSync("/etc/passwd", `${year}/assets/leak.txt`);
    },
    error("bad/2026/leak.md:15", "link", "link assets/leak.txt: points outside the publication folder"),
  ],
  [
    "a link through a symbolic link to a folder outside",
    (year) => {
      writeFileSync(`${year}/leak.md`, `${GOOD}\n![图](etc/hostname)\n`);
      symlinkSync("/etc", `${year}/etc`);
    },
    error("bad/2026/leak.md:15", "image", "points outside the publication folder"),
  ],
  [
    "a pdf that is a symbolic link out of the folder",
    (year) => {
      writeFileSync(`${year}/leak.md`, GOOD_WITH_PDF);
      mkdirSync(`${year}/assets`);
      symlinkSync("/etc/hostname", `${year}/assets/original.pdf`);
    },
    error("bad/2026/leak.md:4", "pdf", "pdf assets/original.pdf: points outside the publication folder"),
  ],
];

/** Whole content folders: name → every diagnostic it gives (paths relative to that folder). */
const ARCHIVE_CASES: [string, ...Expected[]][] = [
  ["unknown-publication", error("notes/publication.yaml", "publication", "the folder notes has no publication.yaml, so it is not a known publication")],
  ["bad-folder-name", error("Weekly_News", "folder name", "the publication folder Weekly_News is not a valid slug")],
  ["publication-missing-fields", error("weekly/publication.yaml:1", "publisher", "missing required field: expected the publisher")],
  ["publication-duplicate-slug", error("weekly/publication.yaml:5", "sections[1].slug", "the section slug news is registered twice")],
  ["publication-yaml-error", error("weekly/publication.yaml:5", "publication.yaml", "YAML does not parse")],
  ["issue-outside-year-folder", error("weekly/01.md", undefined, "an issue file must be inside a year folder")],
  ["issue-in-misnamed-folder", warning("weekly/26/01.md", undefined, "the folder 26 is not a year, so this file is not built")],
];

const made: string[] = [];
function freshDir(name: string): string {
  const dir = temporaryDir(name);
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A content folder holding the shared publication `bad`; returns it and its 2026 folder. */
function publicationFolder(): { content: string; year: string } {
  const content = freshDir("bad-input");
  const year = path.join(content, "bad", "2026");
  mkdirSync(year, { recursive: true });
  cpSync(path.join(BAD, "publication.yaml"), path.join(content, "bad", "publication.yaml"));
  return { content, year };
}

async function diagnosticsOf(content: string) {
  const { archive, diagnostics } = await loadArchive(content);
  const found = diagnostics.map((d: Diagnostic) => ({ where: d.line ? `${d.file}:${d.line}` : d.file, field: d.field, message: d.message, severity: d.severity }));
  return { archive, found };
}

/** Exactly the expected diagnostics, no more: a second, vaguer message about the same mistake is noise. */
function expectDiagnostics(found: Awaited<ReturnType<typeof diagnosticsOf>>["found"], expected: Expected[]) {
  expect(found).toHaveLength(expected.length);
  for (const e of expected) expect(found).toContainEqual({ ...e, message: expect.stringContaining(e.message) });
}

describe("bad input gives a message naming the file, the line and the field", () => {
  it("covers at least 30 cases", () => {
    expect(FIXTURE_CASES.length + GENERATED_CASES.length + ARCHIVE_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(FIXTURE_CASES)("issues/%s", async (name, ...expected) => {
    const { content, year } = publicationFolder();
    const fixture = path.join(BAD, "issues", name);
    if (statSync(fixture, { throwIfNoEntry: false })?.isDirectory()) cpSync(fixture, year, { recursive: true });
    else cpSync(`${fixture}.md`, path.join(year, `${name}.md`));
    const { archive, found } = await diagnosticsOf(content);
    expectDiagnostics(found, expected);
    // A warning is worth reading but does not cost the issue.
    if (expected.every((e) => e.severity === "warning")) expect(archive.issues).toHaveLength(1);
  });

  it.each(GENERATED_CASES)("%s", async (_, write, ...expected) => {
    const { content, year } = publicationFolder();
    write(year);
    const { archive, found } = await diagnosticsOf(content);
    expectDiagnostics(found, expected);
    expect(archive.assets).toEqual([]);
  });

  it.each(ARCHIVE_CASES)("archives/%s", async (name, ...expected) => {
    expectDiagnostics((await diagnosticsOf(path.join(BAD, "archives", name))).found, expected);
  });
});

describe("unusual but valid input builds", () => {
  it.each([
    ["a UTF-8 BOM", `\uFEFF${GOOD}`],
    ["CRLF line ends", GOOD.replace(/\n/g, "\r\n")],
    ["CR line ends", GOOD.replace(/\n/g, "\r")],
    ["a BOM and CRLF line ends", `\uFEFF${GOOD.replace(/\n/g, "\r\n")}`],
  ])("%s", async (_, text) => {
    const { content, year } = publicationFolder();
    writeFileSync(path.join(year, "01.md"), text);
    const { archive, found } = await diagnosticsOf(content);
    expect(found).toEqual([]);
    const [article] = archive.issues[0].articles;
    // No BOM or carriage return is left in what the reader sees.
    expect([article.title, article.source, article.text]).toEqual(["第一篇", "测试协会", "浙江省软件行业协会简报，本期内容包括产业动态与会员天地。"]);
  });

  it("a 10 MB issue of 480 articles", async () => {
    const { content, year } = publicationFolder();
    const paragraph = `${"浙江省软件行业协会编印的行业简报，汇集本月产业动态、政策发布与会员风采，供会员单位参考。".repeat(4)}\n\n`;
    const articles = Array.from({ length: 480 }, (_, k) => `### 第${k + 1}篇\n\n${paragraph.repeat(40)}`);
    writeFileSync(path.join(year, "01.md"), GOOD.replace(/### 第一篇[^]*$/, articles.join("")));
    expect(statSync(path.join(year, "01.md")).size).toBeGreaterThan(10_000_000);
    const output = path.join(freshDir("bad-large-site"), "site");
    const summary = await buildSite({ contentDir: content, outputDir: output });
    expect([summary.issues, summary.articles, summary.searchPages]).toEqual([1, 480, 480]);
    expect(loadPage(output, "/bad/2026/1/480/")("h1").text()).toBe("第480篇");
  });
});

describe("HTML and script in content come out as text", () => {
  const HOSTILE = path.join(BAD, "hostile");
  /** The markup of the payloads in tests/fixtures/bad/hostile, as it would appear if not escaped. */
  const RAW_PAYLOAD = /<script>alert|<img src=x|<svg onload|<iframe|<b>XSS/i;
  const ARTICLE_TITLE = '文章<script>alert("XSS-article-title")</script>';
  const ISSUE_TITLE = '标题<script>alert("XSS-issue-title")</script>';
  const SOURCE = '<img src=x onerror=alert("XSS-source")>协会';
  let site: string;

  beforeAll(async () => {
    site = (await buildTemporarySite(HOSTILE)).dir;
    made.push(path.dirname(site));
  });

  it("leaves no markup from content unescaped in any page, feed or JSON file", () => {
    // Pagefind's files are compressed binary data; what the search page makes of them is checked below.
    const files = listFiles(site, "").filter((file) => !path.relative(site, file).startsWith("pagefind"));
    const raw = files.filter((file) => RAW_PAYLOAD.test(readFileSync(file, "utf8"))).map((file) => path.relative(site, file));
    expect(raw).toEqual([]);
  });

  it("gives no page an element, event handler or script URL of its own making", () => {
    const found: string[] = [];
    for (const file of listFiles(site, ".html")) {
      const $ = loadPage(site, `/${path.relative(site, file)}`);
      const page = path.relative(site, file);
      $("script").each((_, script) => {
        if (!/^\/(assets|pagefind)\//.test($(script).attr("src") ?? "")) found.push(`${page}: script ${$.html(script)}`);
      });
      $("iframe, object, embed").each((_, element) => void found.push(`${page}: ${$.html(element)}`));
      $("*").each((_, element) => {
        for (const [name, value] of Object.entries($(element).attr() ?? {})) {
          if (/^on/i.test(name)) found.push(`${page}: handler ${name}=${value}`);
          if (/^(href|src)$/.test(name) && /^\s*(javascript|vbscript|data:text)/i.test(value)) found.push(`${page}: ${name}=${value}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it("shows the text as written, escaped once, in pages, feeds and issues.json", () => {
    const article = loadPage(site, "/evil/2026/1/1/");
    expect(article("h1").text()).toBe(ARTICLE_TITLE);
    expect(article("title").text().startsWith(`${ARTICLE_TITLE} · `)).toBe(true);
    expect(article('meta[property="og:title"]').attr("content")).toBe(ARTICLE_TITLE);
    expect(article("[data-pagefind-meta=source]").text()).toBe(SOURCE);
    expect(loadPage(site, "/evil/2026/1/2/")("h1").text()).toBe('"><svg onload=alert("XSS-title-attribute")>');
    expect(loadPage(site, "/evil/2026/1/").text()).toContain(ISSUE_TITLE);

    // htmlEntities: the feeds escape with numeric references (&#60;), which the parser leaves alone by default.
    const atom = new XMLParser({ htmlEntities: true }).parse(readFileSync(fileOf(site, "/evil/feed.xml"), "utf8"));
    expect(atom.feed.entry.title).toContain(ISSUE_TITLE);
    // The entry's content is HTML (type="html"): the titles in it are text, no element came from content.
    const content = cheerio.load(atom.feed.entry.content);
    expect(
      content("li")
        .map((_, li) => content(li).text())
        .get(),
    ).toEqual([ARTICLE_TITLE, '"><svg onload=alert("XSS-title-attribute")>']);
    expect(content("script, svg, img, iframe").length).toBe(0);
    const feed = JSON.parse(readFileSync(fileOf(site, "/feed.json"), "utf8"));
    expect(feed.items[0].title).toContain(ISSUE_TITLE);
    const issues = JSON.parse(readFileSync(fileOf(site, "/issues.json"), "utf8"));
    expect(issues.publications[0].issues[0].articles[0]).toMatchObject({ title: ARTICLE_TITLE, source: SOURCE });
  });

  describe("in search", () => {
    let browser: Browser;
    let server: StaticServer;
    beforeAll(async () => {
      browser = await launchBrowser();
      server = await serveSite(site);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("indexes the text as written: escaping it is the search page's job", () => {
      const fragments = listFiles(path.join(site, "pagefind/fragment"), ".pf_fragment").map((file) =>
        JSON.parse(
          gunzipSync(readFileSync(file))
            .toString("utf8")
            .replace(/^pagefind_dcd/, ""),
        ),
      );
      expect(fragments.map((f) => f.meta.title)).toContain(ARTICLE_TITLE);
    });

    it("shows results as text: no alert, no element or handler from the index", async () => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const titles = await searchFor(page, server.url, "正文");
      expect(titles).toEqual(expect.arrayContaining([expect.stringContaining(ARTICLE_TITLE), expect.stringContaining('"><svg onload=alert("XSS-title-attribute")>')]));
      const injected = await page.evaluate(() =>
        [...document.querySelectorAll("*")]
          .filter((e) => e.matches("script:not([src]), iframe, img[src='x'], b") || [...e.attributes].some((a) => /^on/i.test(a.name)))
          .map((e) => e.outerHTML.slice(0, 120)),
      );
      expect(injected).toEqual([]);
      // Following a result still works and shows the title as text.
      await page.locator(RESULT_LINK).filter({ hasText: "XSS-article-title" }).first().click();
      await page.waitForURL(/\/evil\/2026\/1\/1\//);
      expect(await page.locator("h1").innerText()).toBe(ARTICLE_TITLE);
      expect(dialogs).toEqual([]);
      await page.close();
    });
  });
});
