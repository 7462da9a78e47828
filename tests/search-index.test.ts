import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArchive } from "../src/content/archive.ts";
import { normalize } from "../src/search/normalize.ts";
import { buildPhraseIndex, type IndexedPage } from "../src/search/phrase-index-build.ts";
import { appendPosting, decodePostings, MANIFEST_FILE, PHRASE_INDEX_DIR, type PhraseIndexManifest, PhraseIndexPart, partFile, partOf } from "../src/search/bundle-format.ts";
import { coveringBigrams, gramsOf, matchTerms } from "../src/search/phrase-index.ts";
import { readSitePages, searchShardDirs } from "./fixtures/search/corpora.ts";
import { buildTemporarySite, FIXTURE_ARCHIVE } from "./support/site.ts";

function readIndexFile(shardDir: string, file: string): unknown {
  return JSON.parse(gunzipSync(readFileSync(path.join(shardDir, PHRASE_INDEX_DIR, file))).toString("utf8"));
}

function page(id: string, title: string, content: string, published = "2026-01-01", filters: Record<string, string[]> = {}): IndexedPage {
  return { id, url: `/${id}/`, title, content, published, filters };
}

/** Looks terms up in a built index the way the browser does, part by part: exact and looser matches. */
function matchUp(pages: IndexedPage[], terms: string[]) {
  const { manifest, parts } = buildPhraseIndex(pages);
  const decoded = parts.map((part) => new PhraseIndexPart(part));
  const postingsOf = (gram: string) => decoded[partOf(gram, manifest.partCount)].postings(gram);
  const { exact, apart } = matchTerms(terms, manifest.pages, postingsOf);
  const withId = <M extends { page: number }>(matches: M[]) => matches.map((match) => ({ ...match, id: manifest.pages[match.page].id }));
  return { exact: withId(exact), apart: withId(apart) };
}

const lookUp = (pages: IndexedPage[], terms: string[]) => matchUp(pages, terms).exact;

describe("the phrase index", () => {
  it("covers a term with every other bigram, plus the last", () => {
    expect(coveringBigrams("数据").map((g) => g.offset)).toEqual([0]);
    expect(coveringBigrams("数据要素").map((g) => [g.gram, g.offset])).toEqual([
      ["数据", 0],
      ["要素", 2],
    ]);
    expect(coveringBigrams("数据二十条").map((g) => [g.gram, g.offset])).toEqual([
      ["数据", 0],
      ["二十", 2],
      ["十条", 3],
    ]);
    expect(gramsOf(["数", "数据要素"])).toEqual(["数", "数据", "要素"]);
  });

  it("finds a phrase, not its characters apart", () => {
    const pages = [page("apart", "服务商名录", "数字经济服务商名录"), page("phrase", "浙江数商发展推进会", "推进会在宁波召开"), page("inside", "其他", "一批大数据企业")];
    expect(lookUp(pages, ["数商"]).map((match) => match.id)).toEqual(["phrase"]);
    expect(lookUp(pages, ["数据"]).map((match) => match.id)).toEqual(["inside"]);
    expect(
      lookUp(pages, ["商"])
        .map((match) => match.id)
        .sort(),
    ).toEqual(["apart", "phrase"]);
  });

  it("finds looser matches with the same parts: every bigram of every term, apart, in pages without them all together", () => {
    const pages = [
      page("together", "数据要素市场", "正文"),
      page("apart", "要素与数据", "正文"),
      page("half", "数据平台", "正文"),
      page("one-together", "标题", "数据要素，以及安全和产业"),
      page("none", "标题", "正文"),
    ];
    const { exact, apart } = matchUp(pages, ["数据要素", "安全产业"]);
    expect(exact.map((match) => match.id)).toEqual([]);
    expect(apart.map((match) => [match.id, match.phraseTerms])).toEqual([["one-together", 1]]);
    const single = matchUp(pages, ["数据要素"]);
    expect(single.exact.map((match) => match.id).sort()).toEqual(["one-together", "together"]);
    expect(single.apart.map((match) => [match.id, match.phraseTerms])).toEqual([["apart", 0]]);
  });

  it("finds a phrase whatever spaces, width and case the text has", () => {
    const pages = [page("a", "标题", "截至 2026 年底，ＯｐｅｎＣｌａｗ 已上线")];
    expect(lookUp(pages, ["2026年", "openclaw"]).map((match) => match.id)).toEqual(["a"]);
  });

  it("tells title matches from body matches, without joining title and body", () => {
    const pages = [page("t", "算力券", "正文"), page("b", "标题", "算力券"), page("join", "标题算", "力券")];
    const matches = lookUp(pages, ["算力券"]);
    expect(Object.fromEntries(matches.map((match) => [match.id, match.titleTerms]))).toEqual({ t: 1, b: 0 });
  });

  it("lists pages newest first, with their filter values", () => {
    const { manifest } = buildPhraseIndex([
      page("old", "甲", "x", "2025-11-14", { publication: ["乙刊"], year: ["2025"] }),
      page("new", "乙", "y", "2026-03-13", { publication: ["甲刊"], year: ["2026"], source: ["国家数据局"] }),
    ]);
    expect(manifest.pages.map((p) => p.id)).toEqual(["new", "old"]);
    expect(manifest.filters).toEqual([
      { name: "publication", values: ["甲刊", "乙刊"] },
      { name: "section", values: [] },
      { name: "year", values: ["2026", "2025"] },
      { name: "source", values: ["国家数据局"] },
    ]);
    expect(manifest.pages[0].filters).toEqual([[0], [], [0], [0]]);
    expect(manifest.pages[1].filters).toEqual([[1], [], [1], []]);
  });

  it("finds exactly the pages that contain every term, for any text and terms", () => {
    // A four-character alphabet makes phrases recur and their characters stand apart often.
    const text = fc.string({ unit: fc.constantFrom("数", "据", "商", " ", "Ａ", "a"), maxLength: 40 });
    const term = fc.string({ unit: fc.constantFrom("数", "据", "商", "a"), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 6 }), fc.array(term, { minLength: 1, maxLength: 3 }), (texts, terms) => {
        const pages = texts.map(([title, content], i) => page(`p${i}`, title, content));
        const contains = (p: IndexedPage, t: string) => normalize(p.title).includes(t) || normalize(p.content).includes(t);
        const expected = pages
          .filter((p) => terms.every((t) => contains(p, t)))
          .map((p) => p.id)
          .sort();
        const found = lookUp(pages, terms);
        expect(found.map((match) => match.id).sort()).toEqual(expected);
        for (const match of found) {
          const p = pages.find((candidate) => candidate.id === match.id)!;
          expect(match.titleTerms).toBe(terms.filter((t) => normalize(p.title).includes(t)).length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the phrase index of a built site", () => {
  let shardDir: string;
  let manifest: PhraseIndexManifest;
  let pages: IndexedPage[];

  beforeAll(async () => {
    const { dir: site } = await buildTemporarySite(FIXTURE_ARCHIVE);
    [shardDir] = await searchShardDirs(site);
    manifest = readIndexFile(shardDir, MANIFEST_FILE) as PhraseIndexManifest;
    pages = await readSitePages(site);
  });

  it("has one record per article, and no listing or issue page", async () => {
    const { archive } = await loadArchive(FIXTURE_ARCHIVE);
    const articleUrls = archive.issues.flatMap((issue) => issue.articles.map((article) => article.url)).sort();
    expect(pages.map((p) => p.url).sort()).toEqual(articleUrls);
    expect(manifest.pages.map((p) => p.id).sort()).toEqual(pages.map((p) => p.id).sort());
  });

  it("indexes the article's title and text, not the kicker and date line above it", () => {
    for (const p of pages) {
      expect(p.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.content.replace(/\u200B/g, "").startsWith(p.title)).toBe(true);
      expect(p.content).not.toContain("来源：");
    }
  });

  it("finds every article from the parts on disk by any phrase of its text", () => {
    const parts = new Map<number, PhraseIndexPart>();
    const postingsOf = (gram: string) => parts.get(partOf(gram, manifest.partCount))?.postings(gram) ?? [];
    for (const p of pages) {
      const text = normalize(p.content);
      const phrases = [0, 0.3, 0.6].map((at) => text.slice(Math.floor(text.length * at), Math.floor(text.length * at) + 5));
      for (const gram of gramsOf(phrases)) {
        const part = partOf(gram, manifest.partCount);
        if (!parts.has(part)) parts.set(part, new PhraseIndexPart(gunzipSync(readFileSync(path.join(shardDir, PHRASE_INDEX_DIR, partFile(part))))));
      }
      const found = matchTerms(phrases, manifest.pages, postingsOf).exact.map((match) => manifest.pages[match.page].id);
      expect(found).toContain(p.id);
    }
  });
});

describe("postings", () => {
  it("round-trip through their flat, delta-encoded form", () => {
    const postings: number[] = [];
    appendPosting(postings, 3, [4, 9, 30]);
    appendPosting(postings, 2, [0]);
    expect(postings).toEqual([3, 3, 4, 5, 21, 2, 1, 0]);
    expect(decodePostings(postings)).toEqual(
      new Map([
        [3, [4, 9, 30]],
        [5, [0]],
      ]),
    );
  });
});
