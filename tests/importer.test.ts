import { readFileSync } from "node:fs";
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/content/diagnostics.ts";
import { type ParsedIssue, parseIssue } from "../src/content/issue-parser.ts";
import { personNames } from "../src/importer/colophon.ts";
import { addSectionsToYaml, type ImportOptions, type ImportResult, importBulletin } from "../src/importer/index.ts";
import { parseNumber } from "../src/importer/masthead.ts";
import { guessFrequency } from "../src/importer/publication.ts";
import { publicationSlug, sectionSlug } from "../src/importer/slug.ts";
import { similarity, tidyTitle, titleKey } from "../src/importer/titles.ts";

// The seeds are real bulletins kept outside the repository; they are read, never copied.
const SEED_000 = "000_95f545b7620578b9.txt";
const SEED_004 = "004_3a4c43a6573a62f4.txt";
const seed = (name: string) => readFileSync(new URL(`../../shared/seeds/${name}`, import.meta.url));

interface Imported {
  result: ImportResult;
  issue: ParsedIssue;
  diagnostics: Diagnostic[];
}

/** Imports a bulletin and reads the Markdown back with the project's issue parser. */
async function importAndParse(file: string, bytes: Buffer, options?: ImportOptions): Promise<Imported> {
  const result = await importBulletin({ file, bytes }, options);
  const { issue, diagnostics } = parseIssue(result.markdown, { file, registry: result.publication.sections });
  return { result, issue: issue!, diagnostics };
}

const titlesBySection = (issue: ParsedIssue) => issue.sections.map((s) => [s.name, s.articles.map((a) => a.title)]);
const article = (issue: ParsedIssue, title: string) => {
  const found = issue.sections.flatMap((s) => s.articles).find((a) => a.title.includes(title));
  if (!found) throw new Error(`no article titled …${title}…`);
  return found;
};
const contentArticles = (issue: ParsedIssue) => issue.sections.filter((s) => s.slug !== "about").flatMap((s) => s.articles);
const guesses = (result: ImportResult) => result.notes.filter((n) => n.kind === "guess").map((n) => n.message);

describe("importing 浙江省软件和信息服务业简报 (seed 000)", async () => {
  const { result, issue, diagnostics } = await importAndParse(SEED_000, seed(SEED_000));

  it("writes an issue the content checker accepts, with a warning for each guess left in it", () => {
    expect(diagnostics.filter((d) => d.field !== "import note")).toEqual([]);
    expect(diagnostics.length).toBe((result.markdown.match(/<!-- import:/g) ?? []).length);
  });

  it("reads the masthead, with the name printed over two lines", () => {
    expect(result.year).toBe(2026);
    expect(issue.frontMatter).toMatchObject({ issue: 3, cumulative: 180, date: "2026-03-31" });
    expect(issue.frontMatter.title).toBeUndefined();
    expect(result.publication).toMatchObject({ name: "浙江省软件和信息服务业简报", publisher: "浙江省软件行业协会", frequency: "月刊" });
  });

  it("files every article under the section the table of contents lists it in", () => {
    expect(titlesBySection(issue)).toEqual([
      ["本月聚焦", ["OpenClaw 安全使用实践指南", "工业和信息化部办公厅关于开展 2026 年度专精特新“小巨人”企业认定和复核工作的通知"]],
      ["经信发布", ["《2026 年浙江省推进产业数据价值化与数字基础设施发展工作要点》印发", "“数赋智能商领发展”浙江数商发展推进会在宁波召开"]],
      ["产业动态", ["2026 年 1—2 月份软件业运行情况", "中国 AI 大模型，全球爆火！", "浙江首个机器人赛事来了！5月开赛，杭州等你来"]],
      ["会员天地", ["联汇科技荣获 2025 年度吴文俊人工智能科技进步奖", "浙大网新入选“2025 年度大数据服务企业 TOP100”榜单", "全球首个企业级 AI 原生工作平台“悟空”"]],
      ["协会工作导航", ["关于开展2026年度软件领域科技成果鉴定工作的通知", "协会 2026 年第一季度新老会员交流及银企联动活动圆满举行"]],
      ["新会员名单及双软数据", ["浙江省软件行业协会第二百零三批申请入会单位（2026年3月）", "3月“双软评估”统计"]],
      ["关于本刊", ["编辑与联系"]],
    ]);
    expect(issue.frontMatter.sections).toEqual(issue.sections.map((s) => s.name));
  });

  it("takes the 来源 line under a title as the article's source", () => {
    expect(article(issue, "OpenClaw").source).toBe("国家互联网应急中心");
    expect(article(issue, "软件业运行情况").source).toBe("运行监测协调局");
    expect(article(issue, "OpenClaw").text).not.toContain("来源");
  });

  it("reports titles matched loosely, in the notes and beside the article", () => {
    const loose = guesses(result).filter((g) => g.includes("matched loosely"));
    expect(loose).toHaveLength(2);
    expect(loose.join()).toContain("第二百零二批");
    expect(loose.join()).toContain("理事单位联汇科技");
    expect(result.markdown).toMatch(/### 浙江省软件行业协会第二百零三批申请入会单位（2026年3月）\n\n<!-- import: the title .*第二百零二批.* -->/);
  });

  it("joins a sentence a page break cut, and nothing else", () => {
    expect(article(issue, "小巨人").text).toContain("梯度培育平台，如不一致");
    expect(article(issue, "OpenClaw").text).toContain("\n一、普通用户\n");
  });

  it("turns the tab-separated member list into a Markdown table", () => {
    expect(result.markdown).toContain("| 序号 | 会员编号 | 公司名称 | 序号 | 会员编号 | 公司名称 |\n| --- | --- | --- | --- | --- | --- |");
    expect(result.markdown).toMatch(/\| 11、 \| 4377 \| [^|]+ \| \| \| \|/);
    expect(article(issue, "第二百零三批").html).toContain("<table>");
  });

  it("keeps numbered points as paragraphs and web addresses as links", () => {
    expect(result.markdown).toContain("\n1\\. 提升企业数据管理能力");
    expect(article(issue, "工作要点").html).not.toContain("<ol");
    expect(article(issue, "小巨人").html).toContain('<a href="https://www.miit.gov.cn/zwgk/');
    expect(result.markdown).toContain("<http://zjtx.miit.gov.cn>");
  });

  it("keeps the back page out of the last article", () => {
    for (const a of contentArticles(issue)) expect(a.text).not.toMatch(/编辑部地址|E-mail|敬请关注/);
    expect(article(issue, "编辑与联系").text).toMatch(/^报：中国软件行业协会/);
    expect(article(issue, "编辑与联系").text).toContain("编辑部地址：");
  });

  it("registers sections with unique ASCII slugs, the about section last", () => {
    const slugs = result.publication.sections.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(result.publication.sections.at(-1)).toEqual({ name: "关于本刊", slug: "about" });
    expect(result.publication.sections.find((s) => s.name === "产业动态")?.slug).toBe("industry-news");
    expect(result.publication.slug).toBe(publicationSlug("浙江省软件和信息服务业简报"));
  });

  it("gives the same bytes when imported twice", async () => {
    const again = await importBulletin({ file: SEED_000, bytes: seed(SEED_000) });
    expect(again.markdown).toBe(result.markdown);
    expect(again.notes).toEqual(result.notes);
  });
});

describe("importing 大数据发展动态 (seed 004)", async () => {
  const { result, issue, diagnostics } = await importAndParse(SEED_004, seed(SEED_004));

  it("writes an issue the content checker accepts, with a warning for each guess left in it", () => {
    expect(diagnostics.filter((d) => d.field !== "import note")).toEqual([]);
    expect(diagnostics.length).toBe((result.markdown.match(/<!-- import:/g) ?? []).length);
  });

  it("reads the masthead, the cover headline and the editors", () => {
    expect(result.year).toBe(2023);
    expect(issue.frontMatter).toMatchObject({ issue: 12, cumulative: 123, date: "2023-03-24" });
    expect(issue.frontMatter.title).toBe("关于推动北京互联网3.0产业创新发展的工作方案（2023—2025年）");
    expect(issue.frontMatter.editors).toEqual(expect.arrayContaining(["宋希贤", "程茹", "熊灵犀", "罗江翠"]));
    expect(result.publication).toMatchObject({ name: "大数据发展动态", publisher: "贵阳智能大数据战略研究院", frequency: "周刊" });
    expect(result.publication.description).toContain("以战略的视角解读数字中国");
  });

  it("files the articles under the table of contents' sections, though the body prints none", () => {
    expect(titlesBySection(issue)).toEqual([
      ["国策要论", ["构建数据产权、突出收益分配、强化安全治理 助力数字经济和实体经济深度融合——基于对“数据二十条”的解读"]],
      ["地方新政", ["关于推动北京互联网3.0产业创新发展的工作方案（2023—2025年）", "以数字化转型推动制造业高端化智能化绿色化发展实施方案（2023—2025年）"]],
      ["产业镜像", ["网络安全产业回归高速增长"]],
      ["前沿观察", ["2023 中国区块链产业人才需求与教育发展报告"]],
      ["关于本刊", ["编辑与联系", "关于我们"]],
    ]);
  });

  it("moves the (来源：…) line at an article's end under its title", () => {
    expect(contentArticles(issue).map((a) => a.source)).toEqual(["国家发展改革委", "北京市经济和信息化局", "安徽省人民政府", "经济日报", "中国移动通信联合会"]);
    for (const a of contentArticles(issue)) expect(a.text).not.toMatch(/[（(]来源/);
  });

  it("gives an 编者按 printed above a title to the article it introduces", () => {
    expect(article(issue, "北京互联网").editorNoteText).toMatch(/^3月17日，北京正式发布/);
    expect(article(issue, "以数字化转型").editorNoteText).toMatch(/^安徽省人民政府办公厅近日印发/);
    expect(article(issue, "数据二十条").text).not.toContain("北京正式发布");
    expect(article(issue, "数据二十条").editorNoteText).toBeUndefined();
  });

  it("joins sentences cut by page breaks", () => {
    const text = article(issue, "数据二十条").text;
    expect(text).toContain("高效流通使用");
    expect(text).toContain("党的二十大的这一重大部署");
  });

  it("keeps the editorial box and the about-us pages out of the articles", () => {
    for (const a of contentArticles(issue)) {
      expect(a.text).not.toMatch(/贵州省大数据发展促进会是|编\s*委\s*会|咨询电话|声明：/);
    }
    expect(article(issue, "编辑与联系").text).toContain("编委会：宋希贤、陈雅娴、程茹");
    expect(article(issue, "关于我们").text).toContain("贵州省大数据发展促进会是");
  });

  it("reports what it kept after a source line, and the loose title match", () => {
    expect(guesses(result).join("\n")).toMatch(/after the line 来源：中国移动通信联合会/);
    expect(guesses(result).join("\n")).toMatch(/matched loosely .*安徽省以数字化转型/);
    expect(article(issue, "区块链产业人才").text).toContain("区块链产业发展情况");
  });
});

describe("importing into a registered publication", () => {
  const registered = {
    name: "浙江省软件和信息服务业简报",
    sections: [
      { name: "本月聚焦", slug: "focus" },
      { name: "经信发布", slug: "policy" },
      { name: "产业动态", slug: "industry" },
      { name: "会员天地", slug: "members" },
      { name: "协会工作导航", slug: "association" },
      { name: "新会员名单与双软数据", slug: "membership" },
    ],
  };

  it("uses the registered names and slugs, and registers only what is missing", async () => {
    const { result, issue, diagnostics } = await importAndParse(SEED_000, seed(SEED_000), { publicationSlug: "zsia", existingPublication: registered });
    expect(diagnostics.filter((d) => d.field !== "import note")).toEqual([]);
    expect(result.publication.slug).toBe("zsia");
    expect(issue.sections.map((s) => s.slug)).toEqual(["focus", "policy", "industry", "members", "association", "membership", "about"]);
    expect(issue.frontMatter.sections).toContain("新会员名单与双软数据");
    expect(result.addedSections).toEqual([{ name: "关于本刊", slug: "about" }]);
    expect(guesses(result).join()).toContain("taken to be the registered section 新会员名单与双软数据");
    expect(result.markdown).toMatch(/## 新会员名单与双软数据\n\n<!-- import: the section 新会员名单及双软数据 /);
  });
});

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
      ["关于本刊", ["编辑与联系"]],
    ]);
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
      ["关于本刊", ["编辑与联系"]],
    ]);
  });

  it("finds sources, the editor's note, deeper headings, emphasis and tables", () => {
    expect(contentArticles(issue).map((a) => a.source)).toEqual(["新华社", "市统计局"]);
    expect(article(issue, "软件业务收入").editorNoteText).toBe("本文整理自统计公报。");
    expect(result.markdown).toContain("**加快培育**数据要素市场。\n\n#### 一、总体要求\n\n1\\. 坚持问题导向。");
    expect(result.markdown).toContain("| 收入\\|亿元 | 120 |");
    expect(article(issue, "编辑与联系").text).toContain("编辑部地址：某市某路1号");
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

  it("makes section slugs from known words, unique within the publication", () => {
    expect(sectionSlug("产业动态", 1, new Set())).toBe("industry-news");
    expect(sectionSlug("产业动态", 1, new Set(["industry-news"]))).toBe("industry-news-2");
    expect(sectionSlug("卷首语", 4, new Set())).toBe("section-4");
  });

  it("adds sections to publication.yaml, keeping the editor's comments", () => {
    const yaml = "name: 示例简报  # 刊名\npublisher: 示例协会\nsections:\n  - { name: 要闻, slug: news }\n\n# 备注\n";
    const edited = addSectionsToYaml(yaml, [{ name: "关于本刊", slug: "about" }]);
    expect(edited).toBe("name: 示例简报  # 刊名\npublisher: 示例协会\nsections:\n  - { name: 要闻, slug: news }\n  - { name: 关于本刊, slug: about }\n\n# 备注\n");
  });
});
