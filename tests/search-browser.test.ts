/**
 * The search page in headless Chromium, on the demo archive served as a static site under the
 * site's strictest Content-Security-Policy: finding a Chinese phrase, filtering, following a
 * result to the highlighted phrase, the URL, the keyboard, the empty state, a path prefix and
 * an English interface, a phone's screen — and no request leaving the site.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../src/serve/static-server.ts";
import { writeSyntheticArchive } from "./support/synthetic-archive.ts";
import { normalize } from "../src/search/normalize.ts";
import { readIndexedPages } from "../src/search/phrase-index-files.ts";
import { BUNDLE_DIR, PHRASE_INDEX_DIR, SHARD_MANIFEST, type ShardManifest } from "../src/search/bundle-format.ts";
import { RESULTS_PER_STEP } from "../src/browser/search-view.ts";
import { launchBrowser } from "./support/browser.ts";
import { SEARCH_SETTLED } from "./support/search-page.ts";
import { buildTemporarySite, DEMO_CONTENT, serveSite, temporaryDir } from "./support/site.ts";
import { buildCorpus, type SearchCorpus } from "./fixtures/search/corpora.ts";
import { articlesContaining } from "./fixtures/search/quality.ts";

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser: Browser;
let demo: SearchCorpus;
let server: StaticServer;
let prefixed: StaticServer;

beforeAll(async () => {
  // One build at a time: a build sets the site being rendered for the templates.
  demo = await buildCorpus("demo", DEMO_CONTENT);
  const english = await buildTemporarySite(DEMO_CONTENT, { pathPrefix: "/archive/", locale: "en" });
  server = await serveSite(demo.siteDir, { headers: { "Content-Security-Policy": CSP } });
  prefixed = await serveSite(english.dir, { pathPrefix: "/archive/", headers: { "Content-Security-Policy": CSP } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await prefixed?.close();
});

interface Visit {
  page: Page;
  /** Console errors (CSP violations among them) and requests to anywhere but the site. */
  problems: string[];
}

async function visit(siteUrl: string, at: string, viewport = { width: 1200, height: 900 }): Promise<Visit> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  const origin = new URL(siteUrl).origin;
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`request left the site: ${request.url()}`);
  });
  await page.goto(new URL(at, siteUrl).href);
  await settled(page);
  return { page, problems };
}

/** Waits until the search page has shown the final outcome of the latest search, every search shard searched. */
async function settled(page: Page): Promise<void> {
  if (new URL(page.url()).pathname.endsWith("/search/")) await page.waitForSelector(SEARCH_SETTLED);
}

/** Presses "more" until every result is listed. */
async function showAll(page: Page): Promise<void> {
  const more = page.locator(".search-more");
  for (;;) {
    // A step adds its results one by one, the button disabled; it comes back enabled, or goes, when the step is done.
    await page.waitForFunction(() => !document.querySelector(".search-more[disabled]"));
    if (!(await more.count())) return;
    const shown = await page.locator("[data-search-result]").count();
    await more.click();
    await page.waitForFunction((before) => document.querySelectorAll("[data-search-result]").length > before, shown);
  }
}

const resultTitles = (page: Page) => page.$$eval("[data-search-result]", (links) => links.map((link) => link.textContent ?? ""));
const status = (page: Page) => page.locator(".search-status").innerText();

describe("the search page", () => {
  it("finds the article containing a Chinese phrase, narrows by a filter, and lands on it highlighted", async () => {
    const phrase = "数据要素";
    const { page, problems } = await visit(server.url, `search/?q=${encodeURIComponent(phrase)}`);
    const containing = articlesContaining(demo, phrase);
    expect(await status(page)).toContain(`${containing.size} 篇文章包含“${phrase}”`);
    expect((await resultTitles(page))[0]).toBe("2026年“数据要素×”大赛启动");

    const before = await page.locator('[data-exact="true"]').count();
    await page.getByRole("checkbox", { name: /浙江省软件和信息服务业简报/ }).check();
    await page.waitForURL(/publication=/);
    await settled(page);
    const metas = await page.locator('[data-exact="true"] .search-result-meta').allInnerTexts();
    expect(metas.length).toBeGreaterThan(0);
    expect(metas.length).toBeLessThan(before);
    for (const meta of metas) expect(meta).toContain("浙江省软件和信息服务业简报");

    await page.locator("[data-search-result]").first().click();
    await page.waitForURL(/highlight=/);
    const marks = await page.locator("mark.search-highlight").allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((text) => normalize(text) === phrase)).toBe(true);
    const firstMarkInView = await page
      .locator("mark.search-highlight")
      .first()
      .evaluate((mark) => {
        const box = mark.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
    expect(firstMarkInView).toBe(true);
    expect(problems).toEqual([]);
  });

  it("lists articles containing the phrase first, marked exact, and looser matches after under their own heading", async () => {
    const phrase = "数据要素";
    const { page } = await visit(server.url, `search/?q=${encodeURIComponent(phrase)}`);
    await showAll(page);
    expect(await page.locator(".search-group-title").allInnerTexts()).toEqual([`包含“${phrase}”的文章`, expect.stringContaining("相关结果")]);
    const items = await page.$$eval("[data-exact]", (elements) =>
      elements.map((element) => ({ exact: element.getAttribute("data-exact") === "true", href: element.querySelector("a")?.getAttribute("href") ?? "" })),
    );
    const firstLoose = items.findIndex((item) => !item.exact);
    expect(firstLoose).toBeGreaterThan(0);
    expect(items.slice(firstLoose).every((item) => !item.exact)).toBe(true);
    const containing = articlesContaining(demo, phrase);
    for (const item of items) expect(containing.has(new URL(item.href, server.url).pathname)).toBe(item.exact);
    const excerptMarks = await page.locator('[data-exact="true"] .search-result-excerpt mark').allInnerTexts();
    expect(excerptMarks.length).toBeGreaterThan(0);
    expect(excerptMarks.every((text) => normalize(text) === phrase)).toBe(true);
  });

  it("fetches the text of only the results it shows, and one phrase-index part per bigram", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}search/?q=${encodeURIComponent("数据")}`);
    await settled(page);
    expect(articlesContaining(demo, "数据").size).toBeGreaterThan(RESULTS_PER_STEP);
    expect(await page.locator("[data-search-result]").count()).toBe(RESULTS_PER_STEP);
    expect(requested.filter((file) => file.endsWith(".pf_fragment")).length).toBeLessThanOrEqual(RESULTS_PER_STEP);
    expect(requested.filter((file) => file.includes(`/${PHRASE_INDEX_DIR}/parts/`))).toHaveLength(1);
  });

  it("searches as the reader types and keeps the URL in step, so a reload shows the same search", async () => {
    const { page } = await visit(server.url, "search/");
    await page.locator("#search-q").fill("液冷");
    await page.waitForURL((url) => url.searchParams.get("q") === "液冷");
    await settled(page);
    expect(await resultTitles(page)).toContain("星汉算力嘉兴智算中心一期投运");
    await page.locator("#search-sort").selectOption("date");
    await page.waitForURL(/sort=date/);
    await page.reload();
    await settled(page);
    expect(await page.locator("#search-q").inputValue()).toBe("液冷");
    expect(await page.locator("#search-sort").inputValue()).toBe("date");
    expect(await resultTitles(page)).toContain("星汉算力嘉兴智算中心一期投运");
  });

  it("lets the keyboard do everything: / to the box, arrows through results, Enter to open", async () => {
    const { page } = await visit(server.url, `search/?q=${encodeURIComponent("智算中心")}`);
    const titles = await resultTitles(page);
    await page.locator("h1").click();
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-q");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(titles[0]);
    await page.keyboard.press("Enter");
    await page.waitForURL(/highlight=/);
    expect(await page.locator("h1").innerText()).toBe(titles[0]);
  });

  it("suggests what to try when nothing is found: removing a filter, fewer words", async () => {
    const { page } = await visit(server.url, `search/?q=${encodeURIComponent("算力券")}&publication=${encodeURIComponent("大数据发展动态")}`);
    expect(await page.locator(".search-empty").innerText()).toContain("没有找到");
    await page.getByRole("button", { name: /去掉筛选/ }).click();
    await page.waitForURL((url) => !url.search.includes("publication="));
    await settled(page);
    expect(await resultTitles(page)).toContain("杭州市出台算力资源使用补助实施细则");

    const words = await visit(server.url, `search/?q=${encodeURIComponent("算力券 潜水艇")}`);
    await words.page.getByRole("button", { name: /减少词语/ }).click();
    await words.page.waitForURL((url) => url.searchParams.get("q") === "算力券");
    await settled(words.page);
    expect(await resultTitles(words.page)).toContain("杭州市出台算力资源使用补助实施细则");
  });

  it("works under a path prefix, in English, offline from the built folder", async () => {
    const { page, problems } = await visit(prefixed.url, `search/?q=${encodeURIComponent("OpenClaw 液冷")}`);
    expect(await status(page)).toContain("No article contains");
    await page.locator("#search-q").fill("液冷");
    await page.waitForURL((url) => url.searchParams.get("q") === "液冷");
    await settled(page);
    expect(await status(page)).toMatch(/\d+ articles contain “液冷”/);
    const hrefs = await page.$$eval("[data-search-result]", (links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/archive\//);
    await page.locator("[data-search-result]").first().click();
    await page.waitForURL(/\/archive\/.*highlight=/);
    expect(await page.locator("mark.search-highlight").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("fits a phone's screen, with the filters one tap away", async () => {
    const { page, problems } = await visit(server.url, `search/?q=${encodeURIComponent("数据要素")}`, { width: 375, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator("details.search-filter-panel").getAttribute("open")).toBeNull();
    await page.locator("details.search-filter-panel summary").click();
    expect(await page.getByRole("checkbox", { name: /浙江省软件和信息服务业简报/ }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe("the search page of a large archive, indexed as several search shards", () => {
  let large: SearchCorpus;
  let largeServer: StaticServer;

  beforeAll(async () => {
    const contentDir = temporaryDir("large");
    await writeSyntheticArchive(contentDir, { issues: 48, publications: 2 });
    large = await buildCorpus("synthetic", contentDir);
    largeServer = await serveSite(large.siteDir, { headers: { "Content-Security-Policy": CSP } });
  });

  afterAll(async () => {
    await largeServer?.close();
  });

  it("finds an article of an older search shard by a phrase only it contains", async () => {
    const shards = JSON.parse(readFileSync(path.join(large.siteDir, BUNDLE_DIR, SHARD_MANIFEST), "utf8")) as ShardManifest;
    expect(shards.shards.length).toBeGreaterThan(1);
    const oldest = shards.shards.at(-1)!;
    const olderPages = await readIndexedPages(path.join(large.siteDir, BUNDLE_DIR, oldest.path));
    const texts = large.pages.map((p) => normalize(p.content));
    // A run of six characters from an older article that no other article has.
    const target = olderPages[Math.floor(olderPages.length / 2)];
    const text = normalize(target.content);
    const phrase = Array.from({ length: text.length - 6 }, (_, i) => text.slice(i, i + 6)).find(
      (candidate) => /^\p{Script=Han}+$/u.test(candidate) && texts.filter((other) => other.includes(candidate)).length === 1,
    )!;
    expect(phrase).toBeDefined();
    const { page, problems } = await visit(largeServer.url, `search/?q=${encodeURIComponent(phrase)}`);
    expect(await status(page)).toContain(`1 篇文章包含“${phrase}”`);
    const [first] = await page.$$eval("[data-search-result]", (links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(new URL(first, largeServer.url).pathname).toBe(target.url);
    expect(problems).toEqual([]);
  });

  /** The search shard of each indexed article, by URL; the first shard is the primary bundle's. */
  const shardOfPage = async () => {
    const { shards } = JSON.parse(readFileSync(path.join(large.siteDir, BUNDLE_DIR, SHARD_MANIFEST), "utf8")) as ShardManifest;
    const byUrl = new Map<string, ShardManifest["shards"][number]>();
    for (const shard of shards) for (const page of await readIndexedPages(path.join(large.siteDir, BUNDLE_DIR, shard.path))) byUrl.set(page.url, shard);
    return { shards, byUrl };
  };

  it("answers from the newest search shard first, then adds older shards' results until every article is listed", async () => {
    const { shards, byUrl } = await shardOfPage();
    const query = "数据";
    const expected = articlesContaining(large, query);
    const olderShards = new Set([...expected].map((url) => byUrl.get(url)!.id));
    expect(olderShards.size).toBeGreaterThan(2);

    const page = await browser.newPage();
    // Every outcome the page shows: its progress and the results listed at that moment.
    await page.addInitScript(() => {
      const seen: { progress: string; status: string; results: string[] }[] = [];
      (window as unknown as { outcomes: typeof seen }).outcomes = seen;
      new MutationObserver(() => {
        const app = document.getElementById("search-app");
        const progress = app?.dataset.searchProgress;
        if (!progress || progress === "searching" || seen.at(-1)?.status === app.querySelector(".search-status")?.textContent) return;
        const links = [...document.querySelectorAll("[data-search-result]")].map((link) => new URL(link.getAttribute("href")!, location.href).pathname);
        seen.push({ progress, status: app.querySelector(".search-status")?.textContent ?? "", results: links });
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-search-progress"] });
    });
    await page.goto(`${largeServer.url}search/?q=${encodeURIComponent(query)}`);
    await settled(page);
    const outcomes = await page.evaluate(() => (window as unknown as { outcomes: { progress: string; status: string; results: string[] }[] }).outcomes);

    // The first outcome is the newest shard's alone, and says that older ones are on their way.
    const [first] = outcomes;
    expect(first.progress).toBe("partial");
    expect(first.status).toContain("正在检索更早的文章");
    expect(first.results.length).toBeGreaterThan(0);
    expect(new Set(first.results.map((url) => byUrl.get(url)!.id))).toEqual(new Set([shards[0].id]));
    // The final one lists every article that contains the word, and no longer says it is searching.
    expect(outcomes.at(-1)!.progress).toBe("complete");
    expect(await status(page)).toContain(`${expected.size} 篇文章包含“${query}”`);
    expect(await status(page)).not.toContain("正在检索");
    await showAll(page);
    const listed = await page.$$eval('[data-search-group="exact"] [data-search-result]', (links) => links.map((link) => new URL(link.getAttribute("href")!, location.href).pathname));
    expect(new Set(listed)).toEqual(expected);
    await page.close();
  });

  it("searches the shards of a chosen publication first, and counts every publication's results in the end", async () => {
    const { shards, byUrl } = await shardOfPage();
    // A publication the primary bundle does not hold: its shards are all older ones.
    const [name] = shards.flatMap((shard) => shard.publications).filter((p) => !shards[0].publications.includes(p));
    const query = "数据";
    const expected = [...articlesContaining(large, query)].filter((url) => byUrl.get(url)!.publications.includes(name));
    expect(expected.length).toBeGreaterThan(0);

    const page = await browser.newPage();
    const shardRequests: string[] = [];
    page.on("request", (request) => {
      const shard = /\/pagefind\/shards\/([^/]+)\//.exec(new URL(request.url()).pathname)?.[1];
      if (shard && !shardRequests.includes(shard)) shardRequests.push(shard);
    });
    await page.goto(`${largeServer.url}search/?q=${encodeURIComponent(query)}&publication=${encodeURIComponent(name)}`);
    await settled(page);
    // The shards of that publication were opened before any other older shard.
    const holding = shards.filter((shard) => shard.publications.includes(name)).map((shard) => shard.id);
    expect(holding.length).toBeGreaterThan(1);
    expect(shardRequests.length).toBeGreaterThan(holding.length);
    expect(shardRequests.slice(0, holding.length).sort()).toEqual([...holding].sort());
    expect(await status(page)).toContain(`${expected.length} 篇文章包含“${query}”`);
    await showAll(page);
    const listed = await page.$$eval('[data-search-group="exact"] [data-search-result]', (links) => links.map((link) => new URL(link.getAttribute("href")!, location.href).pathname));
    expect(new Set(listed)).toEqual(new Set(expected));
    // Once every shard is searched, the other publication's checkbox says what it would add.
    const publications = await page.$$eval('fieldset input[name="publication"]', (boxes) => boxes.map((box) => (box as HTMLInputElement).value));
    expect(new Set(publications)).toEqual(new Set(shards.flatMap((shard) => shard.publications)));
    await page.close();
  });

  it("finds exact and looser matches in every shard from the phrase index alone, never fetching Pagefind's word index", async () => {
    const { shards } = await shardOfPage();
    /** The shards whose Pagefind word index and whose phrase index parts a search fetched. */
    const fetched = async (query: string) => {
      const page = await browser.newPage();
      const words = new Set<string>();
      const phrases = new Set<string>();
      page.on("request", (request) => {
        const [, shard, part] = /\/pagefind\/(?:shards\/([^/]+)\/)?(index|phrase-index\/parts)\//.exec(new URL(request.url()).pathname) ?? [];
        if (part) (part === "index" ? words : phrases).add(shard ?? shards[0].id);
      });
      await page.goto(`${largeServer.url}search/?q=${encodeURIComponent(query)}`);
      await settled(page);
      await page.close();
      return { words, phrases };
    };
    // A title's first characters and a word of the oldest shard, apart: looser matches.
    const oldest = shards.at(-1)!;
    const olderPages = await readIndexedPages(path.join(large.siteDir, BUNDLE_DIR, oldest.path));
    const phrase = normalize(olderPages[0].title).slice(0, 4);
    const search = await fetched(`${phrase} 发展`);
    expect([...search.phrases].sort()).toEqual(shards.map((shard) => shard.id).sort());
    expect([...search.words]).toEqual([]);
  });
});
