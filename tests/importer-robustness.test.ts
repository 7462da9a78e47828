/**
 * The importer on input that is not a tidy bulletin: files that are not what their name says,
 * text with no structure, text that looks like Markdown, lines built to make regexes backtrack.
 * Whatever it writes must load; whatever it cannot read must be refused with an ImportError.
 */
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ParsedIssue, parseIssue } from "../src/content/issue-parser.ts";
import { ImportError, type ImportResult, importBulletin } from "../src/importer/index.ts";
import { STRUCTURE_LINES } from "../scripts/fuzz.ts";
import { MASTHEAD, SLOW_LINES, slowBulletin } from "./support/slow-lines.ts";

/** A bulletin in the shape PDF text takes: masthead, table of contents, then the articles. */
function bulletin(toc: [section: string, titles: string[]][], body: string[]): Buffer {
  const contents = toc.flatMap(([section, titles]) => [section, titles.map((title, i) => `- ${i + 1} ${title}`).join("\n")]);
  return Buffer.from([...MASTHEAD, "本期要目", ...contents, ...body].join("\n\n"));
}

/**
 * Reads the import back as the checker does. Every local link is an error, as it is for a file
 * that does not exist: the importer cannot vouch for one.
 */
function readBack(result: ImportResult): { issue?: ParsedIssue; errors: string[] } {
  const { issue, diagnostics } = parseIssue(result.markdown, {
    file: "imported.md",
    registry: result.publication.sections,
    resolveLocal: (target) => ({ problem: `${target} is a local file` }),
  });
  return { issue, errors: diagnostics.filter((d) => d.severity === "error").map((d) => d.message) };
}

const titlesBySection = (issue: ParsedIssue | undefined) => issue?.sections.map((s) => [s.name, s.articles.map((a) => a.title)]);
const guesses = (result: ImportResult) => result.notes.filter((n) => n.kind === "guess").map((n) => n.message);

describe("input the importer cannot read", () => {
  it("refuses a .docx that is not a Word file with ImportError, naming the file", async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from("plain text, not a zip")]) {
      const refusal = importBulletin({ file: "x.docx", bytes });
      await expect(refusal).rejects.toBeInstanceOf(ImportError);
      await expect(refusal).rejects.toThrow(/^x\.docx is not a Word file \(\.docx\): \S/);
    }
  });

  it("refuses a bulletin with nothing but its masthead", async () => {
    await expect(importBulletin({ file: "empty.txt", bytes: Buffer.from(MASTHEAD.join("\n\n")) })).rejects.toThrow(new ImportError("empty.txt: no text was found besides the masthead"));
  });
});

describe("text with no structure", () => {
  it("is kept whole in one section, with a note saying why", async () => {
    const text = [...MASTHEAD, "第一段文字。", "第二段文字。"].join("\n\n");
    const result = await importBulletin({ file: "plain.txt", bytes: Buffer.from(text) });
    const { issue, errors } = readBack(result);
    expect(errors).toEqual([]);
    expect(issue!.frontMatter.sections).toEqual(["正文"]);
    expect(issue!.sections[0].introHtml).toBe("<p>第一段文字。</p>\n<p>第二段文字。</p>\n");
    expect(result.publication.sections).toEqual([{ name: "正文", slug: "text" }]);
    expect(guesses(result).join("\n")).toContain("the whole text is kept in the section 正文");
  });
});

describe("text that looks like Markdown", () => {
  const lines = [
    ...STRUCTURE_LINES,
    ...["-", "--", "=", "* * *", "_ _ _", "a | b", "--- | ---", "|---|", "~~~", "````", "> 引用", "+ 项", "1) 项", "    缩进", "\t制表"],
    ...["<div>", "</p>", "<?php", "<!DOCTYPE html>", "[注]: 见附件", "[e](../x)", "![图](d.png)", "&amp;", "\\", "**粗**", "<!-- x -->", "## 要闻 ##"],
  ];
  const line = fc.oneof(
    fc.constantFrom(...lines),
    fc.string({ maxLength: 40 }).filter((s) => !/[\t\n\r\f\v\u2028\u2029]/.test(s)),
  );
  /** A paragraph of two lines, one of them plain, so the importer takes it for text (not a list or a table). */
  const paragraph = fc.tuple(line, fc.boolean(), fc.nat()).map(([text, first, n]) => (first ? `${text}\n正文${n}` : `正文${n}\n${text}`));

  it("stays text: sections, titles and sources as listed, no block the importer did not make, no local link", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paragraph, { minLength: 1, maxLength: 6 }), async (paragraphs) => {
        const toc: [string, string[]][] = [
          ["要闻", ["第一篇文章", "第二篇文章"]],
          ["动态", ["第三篇文章"]],
        ];
        const body = ["第一篇文章", "来源：某报", ...paragraphs, "结尾。", "第二篇文章", "来源：某网", "正文二。", "第三篇文章", "来源：某台", ...paragraphs, "正文三。"];
        const result = await importBulletin({ file: "marked.txt", bytes: bulletin(toc, body) });
        const { issue, errors } = readBack(result);
        expect(errors).toEqual([]);
        expect(titlesBySection(issue)).toEqual(toc);
        const articles = issue!.sections.flatMap((s) => s.articles);
        expect(articles.map((a) => a.source)).toEqual(["某报", "某网", "某台"]);
        expect(articles[0].text).toMatch(/结尾。$/);
        expect(articles[1].text).toBe("正文二。");
        for (const a of articles) expect(a.html).not.toMatch(/<(h\d|ul|ol|li|blockquote|pre|table|hr|img)\b/);
      }),
      { numRuns: 200 },
    );
  });

  it("writes titles and section names so that they read back as printed", async () => {
    const toc: [string, string[]][] = [
      ["*要闻*", ["标题 ##", "C# 与 `代码`", "a\\*b_c_", "[链接](附件.pdf)"]],
      ["<b>动态</b>", ["&copy; 版权", "~~删除~~ <!-- 注释", "_粗_ <http://a.b>"]],
    ];
    const body = toc.flatMap(([, titles]) => titles.flatMap((title) => [title, "来源：某报", "正文。"]));
    const result = await importBulletin({ file: "titles.txt", bytes: bulletin(toc, body) });
    const { issue, errors } = readBack(result);
    expect(errors).toEqual([]);
    expect(titlesBySection(issue)).toEqual(toc);
    expect(issue!.frontMatter.sections).toEqual(["*要闻*", "<b>动态</b>"]);
  });

  it("keeps links to the web and writes links to local files as text", async () => {
    const body = ["第一篇文章", "来源：某报", "见[官网](https://a.b/c)和[附件](附件1.pdf)。"];
    const result = await importBulletin({ file: "links.txt", bytes: bulletin([["要闻", ["第一篇文章"]]], body) });
    const { issue, errors } = readBack(result);
    expect(errors).toEqual([]);
    expect(result.markdown).toContain("见[官网](https://a.b/c)和[附件\\](附件1.pdf)。");
    expect(issue!.sections[0].articles[0].text).toBe("见官网和[附件](附件1.pdf)。");
  });

  it("drops the control characters the content checker rejects", async () => {
    const body = ["第一篇文章", "来源：某报", "正文\u0085含有\u009b控制\u0007字符。"];
    const result = await importBulletin({ file: "control.txt", bytes: bulletin([["要闻", ["第一篇文章"]]], body) });
    expect(result.markdown).toContain("正文含有控制字符。");
    expect(result.markdown).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });
});

describe("sections that resolve to one registered section", () => {
  it("are merged where the first one is, with a note", async () => {
    const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph("某某简报 2026年第2期 2026年2月28日"),
            ...[heading("要闻", HeadingLevel.HEADING_1), heading("甲", HeadingLevel.HEADING_2), new Paragraph("正文甲。")],
            ...[heading("动态", HeadingLevel.HEADING_1), heading("乙", HeadingLevel.HEADING_2), new Paragraph("正文乙。")],
            ...[heading("要闻", HeadingLevel.HEADING_1), heading("丙", HeadingLevel.HEADING_2), new Paragraph("正文丙。")],
          ],
        },
      ],
    });
    const result = await importBulletin({ file: "twice.docx", bytes: await Packer.toBuffer(document) });
    const { issue, errors } = readBack(result);
    expect(errors).toEqual([]);
    expect(titlesBySection(issue)).toEqual([
      ["要闻", ["甲", "丙"]],
      ["动态", ["乙"]],
    ]);
    expect(result.publication.sections.map((s) => s.name)).toEqual(["要闻", "动态"]);
    expect(guesses(result)).toContain("the section 要闻 appears twice; what the second one holds was put after the first one's articles");
  });

  it("include a printed name that is also registered, after a near name took that registered section", async () => {
    const toc: [string, string[]][] = [
      ["要 闻", ["第一篇"]],
      ["要闻", ["第二篇"]],
    ];
    const body = ["第一篇", "来源：某报", "正文一。", "第二篇", "来源：某报", "正文二。"];
    const registered = { name: "示例行业简报", sections: [{ name: "要闻", slug: "news" }] };
    const result = await importBulletin({ file: "near.txt", bytes: bulletin(toc, body) }, { existingPublication: registered });
    const { issue, errors } = readBack(result);
    expect(errors).toEqual([]);
    expect(titlesBySection(issue)).toEqual([["要闻", ["第一篇", "第二篇"]]]);
    expect(result.addedSections).toEqual([]);
  });
});

describe("Word hyperlinks", () => {
  it("percent-encode the parentheses of their address", async () => {
    const link = new ExternalHyperlink({ link: "https://a.b/c(d", children: [new TextRun("官方网站")] });
    const document = new Document({
      sections: [{ children: [new Paragraph("某某简报 2026年第2期 2026年2月28日"), new Paragraph({ text: "甲", heading: HeadingLevel.HEADING_2 }), new Paragraph({ children: [link] })] }],
    });
    const result = await importBulletin({ file: "link.docx", bytes: await Packer.toBuffer(document) });
    expect(result.markdown).toContain("[官方网站](https://a.b/c%28d)");
    expect(readBack(result).issue!.sections[0].articles[0].html).toContain('<a href="https://a.b/c%28d">官方网站</a>');
  });
});

describe("lines built to make the importer slow", () => {
  // How long they take, at two sizes, is measured by `npm run bench:import -- --lines`.
  it.each(SLOW_LINES.map((line) => [line.name, line] as const))(
    "%s: imported whole, the paragraphs around it kept",
    async (_, line) => {
      const result = await importBulletin({ file: "slow.txt", bytes: slowBulletin(line.text(line.size)) });
      expect(result.markdown).toContain("引言。");
      expect(result.markdown).toContain("正文。");
      expect(readBack(result).errors).toEqual([]);
    },
    60_000,
  );
});
