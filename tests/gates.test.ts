/**
 * Quality gates over the built demo archive (content/): every page is valid HTML, no internal
 * link or anchor is broken (also when the site lives under a path prefix), and axe-core finds no
 * accessibility violation on any kind of page, in light and in dark mode. The demo's sections
 * are too short for numbered listing pages, so a small synthetic archive stands in for those.
 */
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticArchive } from "./support/synthetic-archive.ts";
import { loadArchive } from "../src/content/archive.ts";
import { sectionPageUrl, sectionUrl } from "../src/content/urls.ts";
import type { StaticServer } from "../src/serve/static-server.ts";
import { launchBrowser } from "./support/browser.ts";
import { listFiles } from "./support/html.ts";
import { brokenLinks } from "./support/links.ts";
import { pagesOfEachKind } from "./support/pages.ts";
import { SEARCH_SETTLED } from "./support/search-page.ts";
import { buildTemporarySite, DEMO_CONTENT, serveSite, temporaryDir } from "./support/site.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let site: string;
let prefixedSite: string;
/** 20 synthetic issues, 2 articles a section each: every section has a numbered page besides its front page. */
let listingSite: string;
/** The listing pages of one of its sections, by name. */
let listingPages: Record<string, string>;

beforeAll(async () => {
  // One build at a time: a build sets the site being rendered for the templates.
  site = (await buildTemporarySite(DEMO_CONTENT)).dir;
  prefixedSite = (await buildTemporarySite(DEMO_CONTENT, { pathPrefix: "/archive/" })).dir;
  const { contentDir } = await writeSyntheticArchive(path.join(temporaryDir("listings"), "content"), { issues: 20 });
  listingSite = (await buildTemporarySite(contentDir)).dir;
  const [publication] = (await loadArchive(contentDir)).archive.publications;
  const [section] = publication.sections;
  listingPages = {
    "section front page": sectionUrl(publication.slug, section.slug),
    "numbered section page": sectionPageUrl(publication.slug, section.slug, 1),
  };
});

afterAll(() => {
  for (const dir of [site, prefixedSite, listingSite]) if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe("HTML", () => {
  // The recommended rules, unrelaxed: the templates meet all of them.
  const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });

  /** Every problem in some pages of a site, as `file:line:column rule: message`. */
  async function problems(siteDir: string, files: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const file of files) {
      const report = await validator.validateString(readFileSync(file, "utf8"), path.relative(siteDir, file));
      for (const message of report.results.flatMap((result) => result.messages)) {
        found.push(`${path.relative(siteDir, file)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
      }
    }
    return found;
  }

  it("is valid on every page", async () => {
    expect(await problems(site, listFiles(site, ".html"))).toEqual([]);
  });

  it("is valid on every page of sections' listings, numbered pages included", async () => {
    const listings = listFiles(listingSite, ".html").filter((file) => file.includes(`${path.sep}sections${path.sep}`));
    expect(listings.some((file) => file.includes(`${path.sep}page${path.sep}`))).toBe(true);
    expect(await problems(listingSite, listings)).toEqual([]);
  });
});

describe("links", () => {
  it("all lead somewhere, anchors included", () => {
    expect(brokenLinks(site)).toEqual([]);
  });

  it("all lead somewhere under a path prefix, and none leaves it", () => {
    expect(brokenLinks(prefixedSite, "/archive/")).toEqual([]);
  });

  it("all lead somewhere on a site with numbered section pages", () => {
    expect(brokenLinks(listingSite)).toEqual([]);
  });
});

describe("accessibility (axe-core)", () => {
  let browser: Browser;
  let servers: StaticServer[] = [];
  /** One page of each kind a reader meets, by name, as [name, address]. */
  let pages: [string, string][];

  beforeAll(async () => {
    browser = await launchBrowser();
    // No Content-Security-Policy here: it would block the injected axe script.
    servers = [await serveSite(site), await serveSite(listingSite)];
    const at = (server: StaticServer, kinds: Record<string, string>) => Object.entries(kinds).map(([name, url]): [string, string] => [name, new URL(url.slice(1), server.url).href]);
    pages = [...at(servers[0], await pagesOfEachKind(DEMO_CONTENT)), ...at(servers[1], listingPages)];
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
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
      for (const [name, url] of pages) {
        await page.goto(url);
        if (name === "search") await page.waitForSelector(SEARCH_SETTLED);
        found.push(...(await violations(page)).map((v) => `${name} ${url}: ${v}`));
      }
      await page.close();
      expect(found).toEqual([]);
    });
  }
});
