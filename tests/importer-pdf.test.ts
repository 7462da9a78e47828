/**
 * The PDF importer on the fixture bulletins (tests/fixtures/bulletins), printed by headless
 * Chromium in one and two columns with a running header and page numbers: each imports to
 * the sections, articles, sources, editor's notes, masthead and colophon of its truth.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ParsedIssue, parseIssue } from "../src/content/issue-parser.ts";
import { type ImportResult, importBulletin } from "../src/importer/index.ts";
import { readPdfLayout } from "../src/importer/pdf/layout.ts";
import { bulletinPdf, closePrinter, type Columns, LAYOUTS, truthOf } from "./support/bulletin-pdfs.ts";
import { compareWithTruth } from "./support/truth.ts";

afterAll(closePrinter);

const imports = new Map<string, Promise<{ result: ImportResult; issue: ParsedIssue; errors: string[] }>>();
function imported(layout: string, columns: Columns) {
  const key = `${layout}-${columns}`;
  if (!imports.has(key)) {
    imports.set(
      key,
      (async () => {
        const file = await bulletinPdf(layout, columns);
        const result = await importBulletin({ file, bytes: readFileSync(file) }, { linkPdf: true });
        const { issue, diagnostics } = parseIssue(result.markdown, { file, registry: result.publication.sections });
        return { result, issue: issue!, errors: diagnostics.filter((d) => d.severity === "error").map((d) => d.message) };
      })(),
    );
  }
  return imports.get(key)!;
}

describe.each(LAYOUTS)("the %s layout", (layout) => {
  const truth = truthOf(layout);

  it.each(["1col", "2col"] as const)("imports from its %s print to the truth", async (columns) => {
    const { result, issue, errors } = await imported(layout, columns);
    expect(errors).toEqual([]);
    const comparison = compareWithTruth(result, issue, truth);
    // Bordered tables inside a narrow column are read as text for now (docs/pdf-import.md).
    const differences = columns === "2col" ? comparison.differences.filter((d) => !d.startsWith("tables:")) : comparison.differences;
    expect(differences).toEqual([]);
    for (const tally of [comparison.sections, comparison.articles, comparison.sources, comparison.notes]) expect(tally.found).toBe(tally.expected);
    expect(result.pdf).toBe(`assets/${result.year}-${String(result.issue).padStart(2, "0")}.pdf`);
    expect(issue.frontMatter.pdf).toBe(result.pdf);
  });

  it("keeps the running header, the page numbers and the colophon out of the articles", async () => {
    const { issue } = await imported(layout, "1col");
    for (const article of issue.sections.flatMap((s) => s.articles)) {
      expect(article.text).not.toMatch(/— \d+ —/);
      if (truth.colophon.phone) expect(article.text).not.toContain(truth.colophon.phone);
      if (truth.colophon.email) expect(article.text).not.toContain(truth.colophon.email);
      for (const line of truth.colophon.distribution) expect(article.text).not.toContain(line.slice(0, 12));
    }
  });
});

describe("reading a PDF's layout", () => {
  it("rebuilds lines in reading order without spaces between Chinese characters, keeping full-width punctuation", async () => {
    const layout = await readPdfLayout(new Uint8Array(readFileSync(await bulletinPdf("gov-work-dynamics", "2col"))));
    const text = layout.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : [])).join("\n");
    // A letter-spaced name, and text justified wide in a narrow column.
    expect(text).toMatch(/^经信工作动态\n第十二期（总238期）\n/);
    expect(text).toContain("近日，市经信局、市财政局联合印发《江州市工业企业技术改造提质增效专项行动方案（2025—2027年）》");
    expect(text).toContain("编辑：周晓岚 校对：吴 倩 签发：陈建华 （共印80份）");
    // No radical stands in for an ideograph (⽰ for 示, ⻋ for 车).
    expect(text).not.toMatch(/[\u2e80-\u2fdf]/);
    // Two columns are read one after the other: a paragraph carries on from the foot of one to the head of the next.
    const paragraphs = layout.blocks.flatMap((b) => (b.kind === "paragraph" && b.style.scale === 1 ? [b.text] : []));
    expect(paragraphs.filter((p) => /[，、]$/.test(p))).toEqual([]);
  });

  it("finds bordered tables and the typography of headings", async () => {
    const layout = await readPdfLayout(new Uint8Array(readFileSync(await bulletinPdf("weekly-express", "1col"))));
    const rows = layout.blocks.flatMap((b) => (b.kind === "table" ? b.rows.map((row) => row.filter(Boolean)) : []));
    expect(rows).toContainEqual(["产品", "单位", "本周均价", "上周均价", "环比（%）"]);
    expect(rows).toContainEqual(["欧洲", "4.12", "-11.3", "36.5"]);
    const name = layout.blocks.find((b) => b.kind === "paragraph" && b.text === "光伏产业周报");
    expect(name?.style.scale).toBeGreaterThan(2);
    expect(name?.style.bold).toBe(true);
  });

  it("reads a PDF whose permissions forbid copying, which needs no password to open", async () => {
    const layout = await readPdfLayout(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, "fixtures/pdf/restricted.pdf"))));
    expect(layout.blocks.map((b) => b.kind === "paragraph" && b.text)).toEqual(["加密测试简报 2024年第1期"]);
  });
});
