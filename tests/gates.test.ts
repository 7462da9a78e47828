/**
 * Quality gates over the built demo archive (content/): every page is valid HTML, no internal
 * link or anchor is broken (also when the site lives under a path prefix), and axe-core finds no
 * accessibility violation on any kind of page, in light and in dark mode.
 */
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaticServer } from "../src/serve/static-server.ts";
import { launchBrowser } from "./support/browser.ts";
import { listFiles } from "./support/html.ts";
import { brokenLinks } from "./support/links.ts";
import { pagesOfEachKind } from "./support/pages.ts";
import { RESULT_LINK } from "./support/search-page.ts";
import { buildTemporarySite, DEMO_CONTENT, serveSite } from "./support/site.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let site: string;
let prefixedSite: string;

beforeAll(async () => {
  // One build at a time: a build sets the site being rendered for the templates.
  site = (await buildTemporarySite(DEMO_CONTENT)).dir;
  prefixedSite = (await buildTemporarySite(DEMO_CONTENT, { pathPrefix: "/archive/" })).dir;
});

afterAll(() => {
  for (const dir of [site, prefixedSite]) if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe("HTML", () => {
  // The recommended rules, unrelaxed: the templates meet all of them.
  const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });

  it("is valid on every page", async () => {
    const problems: string[] = [];
    for (const file of listFiles(site, ".html")) {
      const report = await validator.validateString(readFileSync(file, "utf8"), path.relative(site, file));
      for (const message of report.results.flatMap((result) => result.messages)) {
        problems.push(`${path.relative(site, file)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("links", () => {
  it("all lead somewhere, anchors included", () => {
    expect(brokenLinks(site)).toEqual([]);
  });

  it("all lead somewhere under a path prefix, and none leaves it", () => {
    expect(brokenLinks(prefixedSite, "/archive/")).toEqual([]);
  });
});

describe("accessibility (axe-core)", () => {
  let browser: Browser;
  let server: StaticServer;
  /** One page of each kind a reader meets, by name. */
  let pages: Record<string, string>;

  beforeAll(async () => {
    pages = await pagesOfEachKind(DEMO_CONTENT);
    browser = await launchBrowser();
    // No Content-Security-Policy here: it would block the injected axe script.
    server = await serveSite(site);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** axe's violations on a page, one line each; contrast ones with their colours and ratio. */
  async function violations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, { resultTypes: ["violations"] }));
    return results.violations.flatMap((violation) =>
      violation.nodes.map((node) => {
        const contrast = node.any.find((check) => check.id === "color-contrast")?.data as { fgColor: string; bgColor: string; contrastRatio: number; expectedContrastRatio: string } | undefined;
        const colours = contrast ? ` (${contrast.fgColor} on ${contrast.bgColor}: ${contrast.contrastRatio}, needs ${contrast.expectedContrastRatio})` : "";
        return `${violation.id} [${violation.impact}] ${node.target.join(" ")}${colours}: ${violation.help}`;
      }),
    );
  }

  for (const colorScheme of ["light", "dark"] as const) {
    it(`finds no violation on any kind of page in ${colorScheme} mode`, async () => {
      const page = await browser.newPage();
      await page.emulateMedia({ colorScheme });
      const found: string[] = [];
      for (const [name, url] of Object.entries(pages)) {
        await page.goto(new URL(url.slice(1), server.url).href);
        if (name === "search") await page.waitForSelector(RESULT_LINK);
        found.push(...(await violations(page)).map((v) => `${name} ${url}: ${v}`));
      }
      await page.close();
      expect(found).toEqual([]);
    });
  }
});
