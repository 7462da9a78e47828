/**
 * The fixture bulletins of tests/fixtures/bulletins printed to PDF, as an association's
 * typesetting would leave them: headless Chromium, A4, the publication's name as a running
 * header and "— N —" page numbers in the footer, in one column or with the body in two
 * (`main { column-count: 2 }`). Printed once per test process into a temporary folder.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { temporaryDir } from "./site.ts";

const BULLETINS_DIR = path.resolve(import.meta.dirname, "../fixtures/bulletins");

export type Columns = "1col" | "2col";

/** The layouts: one folder each, with bulletin.html and expected.json. */
export const LAYOUTS = readdirSync(BULLETINS_DIR)
  .filter((name) => existsSync(path.join(BULLETINS_DIR, name, "expected.json")))
  .sort();

/** What an ideal import of a fixture recovers (tests/fixtures/bulletins/README.md). */
export interface Truth {
  layout: string;
  masthead: { name: string; issue: number | null; cumulative: number | null; date: string; datePrinted: string; publisher: string };
  sections: { name: string | null; printedAs: string | null; articles: { title: string; source: string | null; editorNote: boolean }[] }[];
  colophon: {
    editors: string[];
    address: string | null;
    phone: string | null;
    email: string | null;
    website: string | null;
    distribution: string[];
    about: string | null;
  };
  tables: number;
}

export const truthOf = (layout: string): Truth => JSON.parse(readFileSync(path.join(BULLETINS_DIR, layout, "expected.json"), "utf8")) as Truth;

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Prints one fixture to `out`, its HTML changed by `edit` when given (the fixtures are self-contained). */
export async function printBulletin(browser: Browser, layout: string, columns: Columns, out: string, edit?: (html: string) => string): Promise<void> {
  const page = await browser.newPage();
  try {
    const file = path.join(BULLETINS_DIR, layout, "bulletin.html");
    if (edit) await page.setContent(edit(readFileSync(file, "utf8")), { waitUntil: "load" });
    else await page.goto(`file://${file}`, { waitUntil: "load" });
    if (columns === "2col") await page.addStyleTag({ content: "main { column-count: 2; column-gap: 8mm }" });
    await page.evaluate(() => document.fonts.ready);
    const font = "font-family: 'Noto Sans CJK SC', sans-serif; font-size: 8pt; color: #555; width: 100%;";
    await page.pdf({
      path: out,
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${font} text-align: center; margin: 0 20mm; padding-bottom: 1mm; border-bottom: 0.5pt solid #999;">${escapeHtml(truthOf(layout).masthead.name)}</div>`,
      footerTemplate: `<div style="${font} text-align: center;">— <span class="pageNumber"></span> —</div>`,
    });
  } finally {
    await page.close();
  }
}

let printer: Promise<Browser> | undefined;
let folder: string | undefined;
const printed = new Map<string, Promise<string>>();

/**
 * A fixture printed to PDF, once per test process, when a test first asks for it (one print at
 * a time: a test's own time limit covers its print). `closePrinter` in afterAll ends the browser.
 */
export function bulletinPdf(layout: string, columns: Columns): Promise<string> {
  const key = `${layout}-${columns}`;
  let pdf = printed.get(key);
  if (!pdf) {
    const previous = Promise.all(printed.values()).catch(() => undefined);
    pdf = previous.then(async () => {
      folder ??= temporaryDir("bulletin-pdfs");
      printer ??= launchBrowser();
      const out = path.join(folder, `${key}.pdf`);
      await printBulletin(await printer, layout, columns, out);
      return out;
    });
    printed.set(key, pdf);
  }
  return pdf;
}

export async function closePrinter(): Promise<void> {
  const browser = printer;
  printer = undefined;
  await (await browser)?.close();
}
