import { describe, expect, it } from "vitest";
import { bodyStart, type ExcerptPart, markTerms, phraseExcerpt } from "../src/search/excerpt.ts";
import { normalize, normalizeWithMap } from "../src/search/normalize.ts";
import { findTermRanges, rangesByChunk } from "../src/search/phrase-match.ts";
import { highlightParam, MAX_TERM_LENGTH, parseQuery, termsFromHighlightParam, unquoted } from "../src/search/query.ts";

const marked = (parts: ExcerptPart[]) => parts.filter((part) => part.marked).map((part) => part.text);
const plain = (parts: ExcerptPart[]) => parts.map((part) => part.text).join("");

describe("normalisation", () => {
  it("ignores spaces, width and case, as a reader does", () => {
    expect(normalize("2026 年")).toBe("2026年");
    expect(normalize("ＯｐｅｎＣｌａｗ")).toBe("openclaw");
    expect(normalize("TOP100")).toBe("top100");
    expect(normalize("５Ｇ－Ａ　基站")).toBe("5g-a基站");
  });

  it("drops the zero-width spaces Pagefind puts between words", () => {
    expect(normalize("大数\u200B据")).toBe("大数据");
  });

  it("keeps punctuation, which tells 1—2月 from 12月", () => {
    expect(normalize("1—2月")).not.toBe(normalize("12月"));
  });

  it("maps every normalised character back to the text it came from", () => {
    const source = "Ａ b\u200Bc";
    const { text, sourceStart, sourceEnd } = normalizeWithMap(source);
    expect(text).toBe("abc");
    expect([...text].map((_, i) => source.slice(sourceStart[i], sourceEnd[i]))).toEqual(["Ａ", "b", "c"]);
  });
});

describe("query parsing", () => {
  it("splits words on spaces and keeps quoted phrases whole", () => {
    expect(parseQuery("5G-A 基站").terms).toEqual(["5g-a", "基站"]);
    expect(parseQuery('"数据 要素" 市场').terms).toEqual(["数据要素", "市场"]);
    expect(parseQuery("“数据二十条”").terms).toEqual(["数据二十条"]);
    expect(parseQuery("「三权分置」 改革").terms).toEqual(["三权分置", "改革"]);
  });

  it("drops punctuation at the edges of a term, empty terms and repeats", () => {
    expect(parseQuery("数据，  ，数据 。").terms).toEqual(["数据"]);
    expect(parseQuery("   ").terms).toEqual([]);
  });

  it("keeps the input as typed for Pagefind, and quotes it back without the reader's quote marks", () => {
    expect(parseQuery("  OpenClaw  ").input).toBe("OpenClaw");
    expect(unquoted('"数据 要素" 「市场」')).toBe("数据 要素 市场");
  });

  it("caps a term's length so a query fetches a bounded number of shards", () => {
    expect(Array.from(parseQuery("数".repeat(200)).terms[0])).toHaveLength(MAX_TERM_LENGTH);
  });

  it("hands terms to the article page and back unchanged", () => {
    const terms = parseQuery('OpenClaw "数据 要素"').terms;
    expect(termsFromHighlightParam(highlightParam(terms))).toEqual(terms);
    expect(termsFromHighlightParam(null)).toEqual([]);
  });
});

describe("phrase matching", () => {
  it("finds a phrase across spaces, width and case, as ranges of the original", () => {
    const text = "截至 2026 年底，ＯｐｅｎＣｌａｗ 上线";
    const ranges = findTermRanges(text, ["2026年", "openclaw"]);
    expect(ranges.map((range) => text.slice(range.start, range.end))).toEqual(["2026 年", "ＯｐｅｎＣｌａｗ"]);
  });

  it("merges overlapping occurrences of several terms", () => {
    const text = "数据要素市场";
    expect(findTermRanges(text, ["数据要素", "要素市场"])).toEqual([{ start: 0, end: 6 }]);
  });

  it("does not take characters that stand apart for the phrase", () => {
    expect(findTermRanges("数字经济服务商", ["数商"])).toEqual([]);
  });

  it("splits ranges of joined text nodes back into each node", () => {
    // 数据<strong>要素</strong>市场: the phrase crosses the element.
    const nodes = ["数据", "要素", "市场"];
    const ranges = findTermRanges(nodes.join(""), ["据要"]);
    expect(
      rangesByChunk(
        nodes.map((node) => node.length),
        ranges,
      ),
    ).toEqual([
      { chunk: 0, start: 1, end: 2 },
      { chunk: 1, start: 0, end: 1 },
    ]);
  });
});

describe("excerpts", () => {
  const content = "算力券管理办法. 为降低企业成本，杭州市出台细则，以发放算力券的方式给予补助。其余内容从略。";

  it("shows the text around the first occurrence after the title, with every occurrence marked", () => {
    const parts = phraseExcerpt(content, ["算力券"], bodyStart(content, "算力券管理办法"), 24);
    expect(marked(parts)).toEqual(["算力券"]);
    expect(plain(parts)).toMatch(/^…/);
    expect(plain(parts)).toMatch(/…$/);
    expect(plain(parts)).not.toContain("管理办法");
  });

  it("shows the start of the text when the phrase is only in the title", () => {
    const parts = phraseExcerpt(content, ["管理办法"], bodyStart(content, "算力券管理办法"), 10);
    expect(marked(parts)).toEqual([]);
    expect(plain(parts)).toBe("为降低企业成本，杭州…");
  });

  it("knows where Pagefind's text of an article leaves the title", () => {
    expect(bodyStart(content, "算力券管理办法")).toBe("算力券管理办法. ".length);
    expect(bodyStart(content, "别的标题")).toBe(0);
  });

  it("marks terms in a title", () => {
    expect(markTerms("2026 年工作要点", ["2026年"])).toEqual([
      { text: "2026 年", marked: true },
      { text: "工作要点", marked: false },
    ]);
  });
});
