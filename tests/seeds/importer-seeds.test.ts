/**
 * The importer on the two real bulletins in ../shared/seeds (text extracted from their PDFs):
 * `npm run test:seeds`, not part of `npm test`, since a clone of the project alone has no seeds.
 */
import { describe, expect, it } from "vitest";
import { importBulletin } from "../../src/importer/index.ts";
import { publicationSlug } from "../../src/importer/slug.ts";
import { SEED_000, SEED_004, seed } from "./seeds.ts";
import { article, articlesOf, guesses, importAndParse, titlesBySection } from "../support/imported.ts";

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

  it("keeps the back page out of the articles: distribution in the front-matter, contact details for publication.yaml", () => {
    for (const a of articlesOf(issue)) expect(a.text).not.toMatch(/编辑部地址|E-mail|敬请关注/);
    expect(issue.frontMatter.distribution).toEqual([expect.stringMatching(/^报：中国软件行业协会、/), expect.stringMatching(/^送：各市信息主管部门/)]);
    expect(result.publication.contact).toEqual({
      address: "杭州市文三路90号东部软件园科技大厦A408",
      postcode: "310012",
      phone: "0571-89719267、89719268",
      email: "zsiacyj@163.com",
      website: "www.zsia.org",
    });
  });

  it("registers sections with unique ASCII slugs, and takes the publication's slug from its web address", () => {
    const slugs = result.publication.sections.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(result.publication.sections.find((s) => s.name === "产业动态")?.slug).toBe("industry-news");
    expect(result.publication.slug).toBe("zsia");
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
    ]);
  });

  it("moves the (来源：…) line at an article's end under its title", () => {
    expect(articlesOf(issue).map((a) => a.source)).toEqual(["国家发展改革委", "北京市经济和信息化局", "安徽省人民政府", "经济日报", "中国移动通信联合会"]);
    for (const a of articlesOf(issue)) expect(a.text).not.toMatch(/[（(]来源/);
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
    for (const a of articlesOf(issue)) {
      expect(a.text).not.toMatch(/贵州省大数据发展促进会是|编\s*委\s*会|咨询电话|声明：/);
    }
    expect(issue.frontMatter.colophon).toContain("编委会：宋希贤、陈雅娴、程茹、杨婷、陈贝、熊灵犀、杨洲、钟新敏、吴钰鑫、莫星星、陈琛娆、罗江翠");
    expect(issue.frontMatter.colophon).toContain("联合主编：贵州省大数据发展促进会");
    expect(result.publication.contact).toEqual({ phone: "0851-86798090 (传真)", email: "GIDI2018@163.com", address: "贵阳市观山湖区长岭南路160号高科一号" });
    expect(result.publication.about).toMatch(/^贵州省大数据发展促进会是 2019 年/);
    expect(result.publication.about).toContain("贵阳智能大数据战略研究院是由贵阳创新驱动发展战略研究院发起成立");
    expect(result.publication.slug).toBe(publicationSlug("大数据发展动态"));
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
    expect(issue.sections.map((s) => s.slug)).toEqual(["focus", "policy", "industry", "members", "association", "membership"]);
    expect(issue.frontMatter.sections).toContain("新会员名单与双软数据");
    expect(result.addedSections).toEqual([]);
    expect(guesses(result).join()).toContain("taken to be the registered section 新会员名单与双软数据");
    expect(result.markdown).toMatch(/## 新会员名单与双软数据\n\n<!-- import: the section 新会员名单及双软数据 /);
  });
});
