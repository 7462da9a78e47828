import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { personNames } from "../src/importer/colophon.ts";
import { addSectionsToYaml } from "../src/importer/index.ts";
import { parseNumber } from "../src/importer/masthead.ts";
import { guessFrequency } from "../src/importer/publication.ts";
import { publicationSlug, sectionSlug } from "../src/importer/slug.ts";
import { similarity, tidyTitle, titleKey } from "../src/importer/titles.ts";
import { article, articlesOf, guesses, importAndParse, titlesBySection } from "./support/imported.ts";

/** A small bulletin, written for these tests, in the shape PDF text takes. */
const SMALL_BULLETIN = [
  "示例行业简报",
  "2026年第1期 总第10期",
  "示例行业协会 2026年1月31日",
  "本期要目",
  "要闻",
  "- 01 第一篇文章\n- 02 专家访谈：数据要素的未来",
  "动态",
  "- 03 第三篇文章",
  "第一篇文章",
  "来源：示例日报",
  "这一段文字足够长，长到占满了印刷页面上完整的一行还多出一些，然后在这里被分页",
  "2",
  "示例行业简报",
  "截断了。",
  "协会召开年度理事会",
  "来源：示例网",
  "正文二。",
  "动态",
  "第三篇文章",
  "正文三。",
  "编辑部地址：示例市示例路1号",
].join("\n\n");

describe("importing text with gaps", async () => {
  const { result, issue, diagnostics } = await importAndParse("small.txt", Buffer.from(SMALL_BULLETIN));

  it("writes an issue the content checker accepts, with a warning for each guess left in it", () => {
    expect(diagnostics.filter((d) => d.field !== "import note")).toEqual([]);
    expect(diagnostics.length).toBe((result.markdown.match(/<!-- import:/g) ?? []).length);
  });

  it("reports a listed title missing from the body and an unlisted one, in notes and comments", () => {
    expect(titlesBySection(issue)).toEqual([
      ["要闻", ["第一篇文章", "协会召开年度理事会"]],
      ["动态", ["第三篇文章"]],
    ]);
    expect(result.publication.contact).toEqual({ address: "示例市示例路1号" });
    expect(guesses(result).join("\n")).toMatch(/lists "专家访谈：数据要素的未来" \(page 2\), but no such title/);
    expect(result.markdown).toMatch(/## 要闻\n\n<!-- import: the table of contents lists "专家访谈：数据要素的未来"/);
    expect(result.markdown).toMatch(/### 协会召开年度理事会\n\n来源：示例网\n\n<!-- import: "协会召开年度理事会" is not in the table of contents; filed under 要闻 -->/);
  });

  it("drops page numbers and running headers before mending the sentence", () => {
    expect(article(issue, "第一篇").text).toBe("这一段文字足够长，长到占满了印刷页面上完整的一行还多出一些，然后在这里被分页截断了。");
  });
});

describe("importing a Word file", async () => {
  const paragraph = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading });
  const cell = (text: string) => new TableCell({ children: [paragraph(text)] });
  const document = new Document({
    sections: [
      {
        children: [
          paragraph("某某简报 2026年第2期 总第12期 2026年2月28日"),
          paragraph("主办：某某协会"),
          paragraph("责任编辑：王明 李华"),
          paragraph("政策速递", HeadingLevel.HEADING_1),
          paragraph("关于推进数据要素市场化配置的意见", HeadingLevel.HEADING_2),
          paragraph("来源：新华社"),
          new Paragraph({ children: [new TextRun("意见提出，"), new TextRun({ text: "加快培育", bold: true }), new TextRun("数据要素市场。")] }),
          paragraph("一、总体要求", HeadingLevel.HEADING_3),
          paragraph("1. 坚持问题导向。"),
          paragraph("产业观察", HeadingLevel.HEADING_1),
          paragraph("本市软件业务收入稳步增长", HeadingLevel.HEADING_2),
          paragraph("编者按：本文整理自统计公报。"),
          paragraph("前两个月，软件业务收入同比增长。"),
          new Table({ rows: [new TableRow({ children: [cell("指标"), cell("数值")] }), new TableRow({ children: [cell("收入|亿元"), cell("120")] })] }),
          paragraph("（来源：市统计局）"),
          paragraph("编辑部地址：某市某路1号"),
        ],
      },
    ],
  });
  const { result, issue, diagnostics } = await importAndParse("bulletin.docx", await Packer.toBuffer(document));

  it("writes an issue the content checker accepts, with a warning for each guess left in it", () => {
    expect(diagnostics.filter((d) => d.field !== "import note")).toEqual([]);
    expect(diagnostics.length).toBe((result.markdown.match(/<!-- import:/g) ?? []).length);
  });

  it("reads the masthead from the paragraphs before the first heading", () => {
    expect(issue.frontMatter).toMatchObject({ issue: 2, cumulative: 12, date: "2026-02-28", editors: ["王明", "李华"] });
    expect(result.publication).toMatchObject({ name: "某某简报", publisher: "某某协会" });
  });

  it("takes Heading 1 for sections and Heading 2 for articles", () => {
    expect(titlesBySection(issue)).toEqual([
      ["政策速递", ["关于推进数据要素市场化配置的意见"]],
      ["产业观察", ["本市软件业务收入稳步增长"]],
    ]);
  });

  it("finds sources, the editor's note, deeper headings, emphasis and tables", () => {
    expect(articlesOf(issue).map((a) => a.source)).toEqual(["新华社", "市统计局"]);
    expect(article(issue, "软件业务收入").editorNoteText).toBe("本文整理自统计公报。");
    expect(result.markdown).toContain("**加快培育**数据要素市场。\n\n#### 一、总体要求\n\n1\\. 坚持问题导向。");
    expect(result.markdown).toContain("| 收入\\|亿元 | 120 |");
    expect(result.publication.contact).toEqual({ address: "某市某路1号" });
  });
});

describe("importer building blocks", () => {
  it("compares titles by their letters and digits", () => {
    expect(titleKey("*OpenClaw*安全使用实践指南")).toBe(titleKey("OpenClaw 安全使用实践指南"));
    expect(similarity("第二百零二批申请入会单位", "第二百零三批申请入会单位")).toBeGreaterThan(0.6);
    expect(similarity("产业动态", "产业观察")).toBeLessThan(0.6);
  });

  it("drops stray spaces in a title where the table of contents has none", () => {
    expect(tidyTitle("产业创新发展 的工作方案", "产业创新发展的工作方案")).toBe("产业创新发展的工作方案");
    expect(tidyTitle("强化安全治理 助力数字经济", "强化安全治理，助力数字经济")).toBe("强化安全治理 助力数字经济");
  });

  it("reads issue numbers written in Chinese numerals", () => {
    expect([parseNumber("12"), parseNumber("十二"), parseNumber("一百零五"), parseNumber("一百二十三")]).toEqual([12, 12, 105, 123]);
  });

  it("pairs the halves of letter-spaced two-character names", () => {
    expect(personNames("宋希贤 陈雅娴 程 茹 杨 婷")).toEqual(["宋希贤", "陈雅娴", "程茹", "杨婷"]);
    expect(personNames("贵阳智能大数据战略研究院")).toBeUndefined();
  });

  it("guesses the frequency from the issue number and the date", () => {
    expect(guessFrequency(3, "2026-03-31")).toBe("月刊");
    expect(guessFrequency(12, "2023-03-24")).toBe("周刊");
    expect(guessFrequency(1, "2026-12-20")).toBe("不定期");
  });

  it("makes section slugs from known words, else from pinyin, unique within the publication", () => {
    expect(sectionSlug("产业动态", new Set())).toBe("industry-news");
    expect(sectionSlug("产业动态", new Set(["industry-news"]))).toBe("industry-news-2");
    expect(sectionSlug("卷首语", new Set())).toBe("juanshouyu");
    expect(sectionSlug("风采展示", new Set())).toBe("fengcaizhanshi");
  });

  it("makes a publication's slug from its web address, else from the initials of its name's pinyin", () => {
    expect(publicationSlug("浙江省软件和信息服务业简报", "www.zsia.org")).toBe("zsia");
    expect(publicationSlug("湖南省工业互联网产业简报", "http://www.hniipa.org.cn/")).toBe("hniipa");
    expect(publicationSlug("重庆银行业动态")).toBe("cqyhydt");
    expect(publicationSlug("AI产业周报")).toBe("aicyzb");
  });

  it("adds sections to publication.yaml, keeping the editor's comments", () => {
    const yaml = "name: 示例简报  # 刊名\npublisher: 示例协会\nsections:\n  - { name: 要闻, slug: news }\n\n# 备注\n";
    const edited = addSectionsToYaml(yaml, [{ name: "关于本刊", slug: "about" }]);
    expect(edited).toBe("name: 示例简报  # 刊名\npublisher: 示例协会\nsections:\n  - { name: 要闻, slug: news }\n  - { name: 关于本刊, slug: about }\n\n# 备注\n");
  });
});
