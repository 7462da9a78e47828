/**
 * The live preview in a browser: `bulletin serve` on a copy of the demo, its pages open in
 * headless Chromium, which the test never reloads. A save reloads the page of the saved file and
 * no other; a save that breaks the content shows, over every open page, the lines
 * `bulletin check` prints, until a save fixes it; a missing page becomes the page once its file
 * exists; all under the production Content-Security-Policy without one violation. Then the
 * script on a small hand-made site, for what content edits never cause: a stylesheet swapped
 * without a reload, an image's change reloading the page, the overlay dismissed.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LiveReload } from "../src/serve/live-reload.ts";
import { startStaticServer, type StaticServer } from "../src/serve/static-server.ts";
import { SITE_HEADERS } from "../src/site/headers.ts";
import { launchBrowser, watchedPage } from "./support/browser.ts";
import { PATIENCE, ServeProcess } from "./support/serve-process.ts";
import { DEMO_CONTENT, temporaryDir } from "./support/site.ts";

const BULLETIN = path.resolve(import.meta.dirname, "../scripts/bulletin.js");
const OVERLAY = "bulletin-serve-failure";

/** Saved as many editors save: a new file renamed over the old one. */
function save(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** What `bulletin check` prints about the content, but its totals. */
function checkReport(contentDir: string): Promise<string[]> {
  return new Promise((resolve) => execFile(process.execPath, [BULLETIN, "check", "--content", contentDir], { encoding: "utf8" }, (_error, stdout) => resolve(stdout.trim().split("\n").slice(0, -1))));
}

/** A mark left in a page's window: gone once the page has been loaded again. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { livePreviewMark: string }).livePreviewMark = "kept"));
const markOf = (page: Page) => page.evaluate(() => (window as unknown as { livePreviewMark?: string }).livePreviewMark);
/** The lines the failure overlay shows; none without one. */
const overlayLines = (page: Page) => page.locator(`${OVERLAY} .line`).allInnerTexts();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("bulletin serve's live preview", () => {
  let content: string;
  let serve: ServeProcess;
  let url: string;
  /** What each page opened reported about the Content-Security-Policy, or script errors. */
  const reports = new Map<string, string[]>();
  const issueFile = () => path.join(content, "zsia/2026/03.md");
  const edit = (from: string, to: string) => save(issueFile(), readFileSync(issueFile(), "utf8").replace(from, to));
  /** The issue page, another publication's issue page, and a page that does not exist yet. */
  let issue: Page, other: Page, missing: Page;
  const open = async (sitePath: string) => {
    const { page, reports: pageReports } = await watchedPage(browser);
    reports.set(sitePath, pageReports);
    const response = await page.goto(new URL(sitePath, url).href);
    expect(response!.headers()["content-security-policy"]).toBe(SITE_HEADERS["Content-Security-Policy"]);
    await mark(page);
    return page;
  };

  beforeAll(async () => {
    const dir = temporaryDir("live-preview");
    content = path.join(dir, "content");
    cpSync(DEMO_CONTENT, content, { recursive: true });
    serve = new ServeProcess(["--content", content, "--output", path.join(dir, "site"), "--port", "0"]);
    url = await serve.url();
    issue = await open("zsia/2026/3/");
    other = await open("bigdata/2025/44/");
    missing = await open("zsia/2026/4/");
  });
  afterAll(async () => {
    serve.child.kill("SIGTERM");
    await serve.exited;
  });

  it("reloads the page of the saved file by itself, and no other page", async () => {
    expect(await issue.locator("#a1-title").innerText()).toBe("全省软件和信息服务业2026年重点工作部署");
    expect(await missing.locator("h1").innerText()).toBe("页面不存在");
    edit("### 全省软件和信息服务业2026年重点工作部署", "### 全省软件产业2026年工作部署");

    await expect.poll(() => issue.locator("#a1-title").innerText(), PATIENCE).toBe("全省软件产业2026年工作部署");
    expect(await markOf(issue)).toBeUndefined();
    await vi.waitFor(() => expect(serve.stdout).toContain(`zsia/2026/03.md → ${url}zsia/2026/3/\n`), PATIENCE);
    // Whether the other pages stayed as they were is seen below, once they have shown the
    // overlay that the stream sends them after this rebuild's update.
  });

  it("shows the lines bulletin check prints over every open page when a save breaks the content", async () => {
    edit("date: 2026-03-31", "date: 2026-02-30");
    const expected = await checkReport(content);
    expect(expected).toContain("zsia/2026/03.md:4: error [date]: this day does not exist in the calendar");
    for (const page of [issue, other, missing]) {
      await expect.poll(() => overlayLines(page), PATIENCE).toEqual(expected);
      await expect.poll(() => page.locator(`${OVERLAY} .panel`).isVisible()).toBe(true);
      expect(await page.locator(`${OVERLAY} .heading`).innerText()).toBe("重新构建失败");
    }
    // Over the last good site, which no page left.
    expect(await issue.locator("#a1-title").innerText()).toBe("全省软件产业2026年工作部署");
    expect(await markOf(other)).toBe("kept");
    expect(await markOf(missing)).toBe("kept");
  });

  it("takes the overlay away on the next good save, and shows what it changed", async () => {
    edit("date: 2026-02-30", "date: 2026-03-30");
    await expect.poll(() => issue.locator(".masthead-meta time").getAttribute("datetime"), PATIENCE).toBe("2026-03-30");
    for (const page of [issue, other, missing]) await expect.poll(() => page.locator(OVERLAY).count(), PATIENCE).toBe(0);
    expect(await markOf(other)).toBe("kept");
    expect(await markOf(missing)).toBe("kept");
  });

  it("turns the 404 page into the page it stood for once its file exists", async () => {
    const april = readFileSync(issueFile(), "utf8")
      .replace("issue: 3", "issue: 4")
      .replace("cumulative: 180", "cumulative: 181")
      .replace("date: 2026-03-30", "date: 2026-04-30")
      .replace(/^pdf: .*\n/m, "");
    save(path.join(content, "zsia/2026/04.md"), april);
    await expect.poll(() => missing.locator(".masthead-meta time").getAttribute("datetime"), PATIENCE).toBe("2026-04-30");
    expect(await markOf(missing)).toBeUndefined();
    await vi.waitFor(() => expect(serve.stdout).toContain(`zsia/2026/04.md → ${url}zsia/2026/4/\n`), PATIENCE);
  });

  it("works under the site's Content-Security-Policy without one violation", () => {
    expect(Object.fromEntries(reports)).toEqual({ "zsia/2026/3/": [], "bigdata/2025/44/": [], "zsia/2026/4/": [] });
  });
});

describe("the live preview's script", () => {
  let root: string;
  let live: LiveReload;
  let server: StaticServer;
  let page: Page;
  let reports: string[];
  const heading = () => page.locator("h1").evaluate((element) => getComputedStyle(element).color);

  beforeAll(async () => {
    root = temporaryDir("live-script");
    mkdirSync(path.join(root, "other"));
    writeFileSync(
      path.join(root, "index.html"),
      '<!DOCTYPE html><html lang="en"><head><title>page</title><link rel="stylesheet" href="/style.css"></head><body><h1>page</h1><img src="/logo.svg" alt="logo"></body></html>',
    );
    writeFileSync(path.join(root, "style.css"), "h1 { color: rgb(0, 0, 255); }");
    writeFileSync(path.join(root, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    writeFileSync(path.join(root, "other/index.html"), "<!DOCTYPE html><html><head><title>other</title></head><body>other</body></html>");
    live = new LiveReload("/");
    server = await startStaticServer({ root, headers: SITE_HEADERS, addition: live });
    ({ page, reports } = await watchedPage(browser));
    await page.goto(server.url);
    await mark(page);
  });
  afterAll(async () => {
    live?.close();
    await server?.close();
  });

  it("swaps a changed stylesheet in without reloading the page", async () => {
    expect(await heading()).toBe("rgb(0, 0, 255)");
    writeFileSync(path.join(root, "style.css"), "h1 { color: rgb(0, 128, 0); }");
    live.rebuilt(["style.css"]);
    await expect.poll(heading, PATIENCE).toBe("rgb(0, 128, 0)");
    await expect.poll(() => page.locator('link[rel="stylesheet"]').count()).toBe(1);
    expect(await markOf(page)).toBe("kept");
  });

  it("leaves the page alone when files it does not use changed", async () => {
    live.rebuilt(["other/index.html", "unused.css"]);
    // The failure comes after that update on the same stream: once it shows, the update was read.
    live.failed(["index.html:1: error [title]: a failure to show"], "en");
    await expect.poll(() => overlayLines(page), PATIENCE).toEqual(["index.html:1: error [title]: a failure to show"]);
    expect(await markOf(page)).toBe("kept");
  });

  it("lets the overlay be dismissed, by its button or Escape, until another rebuild fails", async () => {
    expect(await page.locator(`${OVERLAY} .heading`).innerText()).toBe("The rebuild failed");
    await page.locator(`${OVERLAY} .dismiss`).click();
    expect(await page.locator(OVERLAY).count()).toBe(0);
    live.failed(["index.html:1: error [title]: another failure"], "en");
    await expect.poll(() => overlayLines(page), PATIENCE).toEqual(["index.html:1: error [title]: another failure"]);
    await page.keyboard.press("Escape");
    expect(await page.locator(OVERLAY).count()).toBe(0);
    live.rebuilt([]);
  });

  it("reloads the page when an image it shows changed", async () => {
    await mark(page);
    writeFileSync(path.join(root, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"/>');
    live.rebuilt(["logo.svg"]);
    await expect.poll(() => markOf(page).catch(() => "reloading"), PATIENCE).toBeUndefined();
    expect(reports).toEqual([]);
  });
});
