/**
 * The site works under the Content-Security-Policy it ships in `_headers`: every kind of page, a
 * search typed into the search page (Pagefind runs WebAssembly) and the article a result leads
 * to, without one violation reported by the browser. The server sends exactly the shipped headers.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/pipeline/paths.ts";
import type { StaticServer } from "../src/serve/static-server.ts";
import { launchBrowser } from "./support/browser.ts";
import { pagesOfEachKind } from "./support/pages.ts";
import { RESULT_LINK, SEARCH_SETTLED } from "./support/search-page.ts";
import { buildTemporarySite, DEMO_CONTENT, serveSite } from "./support/site.ts";

/** The policy the site must work under, at the least (the shipped one may add to it). */
const REQUIRED = {
  "default-src": "'self'",
  "script-src": "'self' 'wasm-unsafe-eval'",
  "style-src": "'self'",
  "img-src": "'self' data:",
};

/** The `_headers` file (Netlify, Cloudflare Pages format): its one rule's path and headers. */
function shippedHeaders(siteDir: string): { rule: string; headers: Record<string, string> } {
  const [rule, ...lines] = readFileSync(path.join(siteDir, "_headers"), "utf8")
    .split("\n")
    .filter((line) => line.trim());
  const headers = Object.fromEntries(lines.map((line) => line.trim().split(/:\s*(.*)/s, 2) as [string, string]));
  return { rule, headers };
}

const directives = (policy: string) =>
  Object.fromEntries(
    policy
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(" ")]),
  );

let site: string;
let shipped: ReturnType<typeof shippedHeaders>;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = (await buildTemporarySite(DEMO_CONTENT)).dir;
  shipped = shippedHeaders(site);
  server = await serveSite(site, { headers: shipped.headers });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) rmSync(path.dirname(site), { recursive: true, force: true });
});

/** A page that records every CSP violation event, CSP console message and script error. */
async function watchedPage(): Promise<{ page: Page; reports: string[] }> {
  const page = await browser.newPage();
  const reports: string[] = [];
  await page.exposeFunction("reportViolation", (report: string) => reports.push(report));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { reportViolation(r: string): void }).reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`),
    ),
  );
  page.on("console", (message) => {
    if (/content.security.policy|refused to/i.test(message.text())) reports.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => reports.push(`script error: ${error.message}`));
  return { page, reports };
}

describe("Content-Security-Policy", () => {
  it("is shipped in _headers for every page, at least as strict as required", () => {
    expect(shipped.rule).toBe("/*");
    expect(directives(shipped.headers["Content-Security-Policy"])).toMatchObject(REQUIRED);
    expect(shipped.headers["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("is the one docs/hosting.md gives for nginx, Apache and Caddy", () => {
    const documented = [...readFileSync(path.join(PROJECT_ROOT, "docs/hosting.md"), "utf8").matchAll(/Content-Security-Policy"?\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(documented).toEqual(Array(3).fill(shipped.headers["Content-Security-Policy"]));
  });

  it("is enforced, and a violation would be seen", async () => {
    const { page, reports } = await watchedPage();
    const response = await page.goto(server.url);
    expect(response!.headers()["content-security-policy"]).toBe(shipped.headers["Content-Security-Policy"]);
    // Control: an inline script must be refused and reported, or silence below would prove nothing.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement("script"), { textContent: "document.title = 'ran'" })));
    await expect.poll(() => reports.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe("ran");
    await page.close();
  });

  it("reports no violation on any kind of page", async () => {
    const { page, reports } = await watchedPage();
    for (const [name, url] of Object.entries(await pagesOfEachKind(DEMO_CONTENT))) {
      await page.goto(new URL(url.slice(1), server.url).href, { waitUntil: "networkidle" });
      if (name === "search") await page.waitForSelector(SEARCH_SETTLED);
      reports.push(...reports.splice(0).map((report) => `${name} ${url}: ${report}`));
    }
    await page.close();
    expect(reports).toEqual([]);
  });

  it("lets a typed search find articles and lead to one, without a violation", async () => {
    const { page, reports } = await watchedPage();
    await page.goto(new URL("search/", server.url).href);
    await page.locator("#search-q").fill("数据");
    await page.locator("#search-q").press("Enter");
    await page.waitForSelector(RESULT_LINK);
    const first = page.locator(RESULT_LINK).first();
    const title = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL((url) => !url.pathname.endsWith("/search/"));
    await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").innerText()).toBe(title);
    await page.close();
    expect(reports).toEqual([]);
  });
});
