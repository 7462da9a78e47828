import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../src/content/closest.ts";
import { formatDiagnostic } from "../src/content/diagnostics.ts";
import { decodeContent } from "../src/content/encoding.ts";
import { parseIssue } from "../src/content/issue-parser.ts";
import { chineseDate, chineseIssueLabel, englishIssueLabel } from "../src/content/numbering.ts";
import iconv from "iconv-lite";

const registry = [
  { name: "本月聚焦", slug: "focus" },
  { name: "产业动态", slug: "industry" },
  { name: "会员天地", slug: "members" },
];

const issue = (frontMatter: string, body: string) => `---\n${frontMatter}\n---\n${body}`;
const GOOD_FRONT = "issue: 3\ncumulative: 180\ndate: 2026-03-31\nsections: [本月聚焦, 产业动态]";
const GOOD_BODY = `
## 本月聚焦

### 智能体安全使用指南

来源：国家互联网应急中心

> 编者按：智能体走进办公室，安全要先行。

第一段正文，
续写一行。

### 第二篇

正文。

## 产业动态

栏目说明。

### 软件业运行情况

来源: 运行监测协调局

| 指标 | 数值 |
| --- | --- |
| 收入 | 21534 亿元 |
`;

function parse(text: string) {
  return parseIssue(text, { file: "zsia/2026/03.md", registry });
}

describe("parseIssue", () => {
  it("reads sections, articles, sources and editor's notes in order", () => {
    const { issue: parsed, diagnostics } = parse(issue(GOOD_FRONT, GOOD_BODY));
    expect(diagnostics).toEqual([]);
    expect(parsed?.frontMatter).toMatchObject({ issue: 3, cumulative: 180, date: "2026-03-31" });
    expect(parsed?.sections.map((s) => [s.name, s.slug, s.articles.map((a) => a.title)])).toEqual([
      ["本月聚焦", "focus", ["智能体安全使用指南", "第二篇"]],
      ["产业动态", "industry", ["软件业运行情况"]],
    ]);
    const [first, second] = parsed!.sections[0].articles;
    expect(first.source).toBe("国家互联网应急中心");
    expect(first.editorNoteText).toBe("智能体走进办公室，安全要先行。");
    expect(first.html).not.toContain("编者按");
    expect(first.html).not.toContain("来源");
    // A line break between Chinese characters is not a space.
    expect(first.html).toContain("第一段正文，续写一行。");
    expect(second.source).toBeUndefined();
    expect(parsed!.sections[1].introHtml).toContain("栏目说明");
    const table = parsed!.sections[1].articles[0];
    expect(table.source).toBe("运行监测协调局");
    expect(table.html).toContain("<table>");
    expect(table.text).toContain("收入 21534 亿元");
  });

  it("accepts a BOM and CRLF line ends once normalised by the loader, and reports lines in the file", () => {
    const { diagnostics } = parse(issue(GOOD_FRONT.replace("本月聚焦, ", ""), GOOD_BODY));
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "zsia/2026/03.md:8: error [## heading]: the section 本月聚焦 is in the body but not declared in sections (add it to the front-matter field sections)",
    ]);
  });

  it("suggests the closest registered section for a misspelt name", () => {
    const { diagnostics } = parse(issue(GOOD_FRONT.replace("产业动态]", "产业动太]"), GOOD_BODY.replace("## 产业动态", "## 产业动太")));
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ line: 5, field: "sections[1]", message: "the section 产业动太 is not registered in publication.yaml", hint: "did you mean 产业动态?" }),
    );
  });

  it("names the field, the line and what was expected for bad front-matter", () => {
    const bad = issue("issue: 0\ncumulative: 总第180期\ndate: 2026-02-30\nsections: [本月聚焦, 产业动态]\nsumary: 拼错", GOOD_BODY);
    const messages = parse(bad).diagnostics.map(formatDiagnostic);
    expect(messages).toEqual(
      expect.arrayContaining([
        "zsia/2026/03.md:2: error [issue]: expected the issue number 第N期 of 1 or more",
        "zsia/2026/03.md:3: error [cumulative]: expected the cumulative number 总第M期 as a whole number (1, 2, 3 …)",
        "zsia/2026/03.md:4: error [date]: this day does not exist in the calendar",
        "zsia/2026/03.md:6: warning [sumary]: unknown field sumary is ignored (did you mean summary?)",
      ]),
    );
  });

  it("reports missing and unclosed front-matter and YAML errors with their line", () => {
    expect(parse("## 本月聚焦\n").diagnostics[0]).toMatchObject({ line: 1, message: "the file does not start with front-matter" });
    expect(parse("---\nissue: 1\n").diagnostics[0]).toMatchObject({ message: "the front-matter is not closed" });
    const yaml = parse("---\nissue: 1\nsections: [a, b\ndate: 2026-01-01\n---\n").diagnostics[0];
    expect(yaml.field).toBe("front-matter");
    expect(yaml.message).toMatch(/^YAML does not parse/);
    const tabs = parse("---\nissue: 1\nsections:\n\t- 本月聚焦\n---\n").diagnostics[0];
    expect(tabs).toMatchObject({ line: 4, hint: "indent YAML with spaces, not tabs" });
  });

  it("reports articles outside sections, untitled articles and declared sections missing from the body", () => {
    const { diagnostics } = parse(issue(GOOD_FRONT, "### 游离的文章\n\n## 本月聚焦\n\n###\n\n正文\n"));
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual(
      expect.arrayContaining([
        [7, 'the article "游离的文章" is not inside a section'],
        [11, "an article has no title"],
        [5, 'the section 产业动态 is declared but has no "## 产业动态" heading in the body'],
      ]),
    );
  });

  it("warns about empty sections and repeated article titles", () => {
    const body = "## 本月聚焦\n\n### 同名\n\n甲\n\n### 同名\n\n乙\n\n## 产业动态\n";
    const warnings = parse(issue(GOOD_FRONT, body)).diagnostics.filter((d) => d.severity === "warning");
    expect(warnings.map((d) => d.message)).toEqual(["the section 产业动态 has no articles", 'the article title "同名" repeats the title on line 9']);
  });

  it("escapes raw HTML in content instead of passing it through", () => {
    const { issue: parsed } = parse(issue(GOOD_FRONT, GOOD_BODY.replace("正文。", "<script>alert(1)</script>")));
    expect(parsed!.sections[0].articles[1].html).toContain("&lt;script&gt;");
  });
});

describe("numbering", () => {
  it("writes dates and issue numbers the way a masthead does", () => {
    expect(chineseDate("2026-03-31")).toBe("2026年3月31日");
    expect(chineseIssueLabel({ year: 2026, number: 3, cumulative: 180 })).toBe("2026年第3期 · 总第180期");
    expect(chineseIssueLabel({ year: 2026, number: 3 })).toBe("2026年第3期");
    expect(englishIssueLabel({ year: 2026, number: 3, cumulative: 180 })).toBe("No. 3, 2026 · No. 180 overall");
  });
});

describe("suggestions", () => {
  it("counts a Chinese character as one edit and refuses far-fetched matches", () => {
    expect(editDistance("产业动态", "产业动向")).toBe(1);
    expect(closest("会员天池", ["本月聚焦", "会员天地"])).toBe("会员天地");
    expect(closest("完全无关的名字", ["本月聚焦", "会员天地"])).toBeUndefined();
  });
});

describe("encodings", () => {
  it("names GBK and UTF-16 files instead of showing garbled text", () => {
    const gbk = decodeContent(iconv.encode("---\nissue: 1\n---\n## 本月聚焦\n浙江省软件行业协会简报，本期内容包括产业动态与会员天地。", "gbk"));
    expect(gbk).toMatchObject({ ok: false, problem: "the file is not UTF-8; it looks like GBK" });
    const utf16 = decodeContent(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("---\nissue: 1\n---\n", "utf16le")]));
    expect(utf16).toMatchObject({ ok: false, problem: "the file is not UTF-8; it looks like UTF-16LE" });
    expect(decodeContent(Buffer.from("\uFEFF---\n", "utf8"))).toMatchObject({ ok: true });
  });
});

describe("comments", () => {
  it("keeps editors' comments out of the page and warns about each import note left in the file", () => {
    const body = GOOD_BODY.replace("正文。", "正文。\n\n<!-- 待核实 -->\n\n<!-- import: title matched loosely\n(第二百零二批) -->");
    const { issue: parsed, diagnostics } = parse(issue(GOOD_FRONT, body));
    const article = parsed!.sections[0].articles[1];
    expect(article.html).toBe("<p>正文。</p>\n");
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      "zsia/2026/03.md:25: warning [import note]: the importer guessed here: title matched loosely\n(第二百零二批) (check the text around it, then delete the comment)",
    ]);
  });
});
