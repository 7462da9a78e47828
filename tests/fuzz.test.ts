/**
 * Property-based tests (fast-check) of the issue parser, the loader's file reading, the loader on
 * generated folders and the importer. What counts as a crash is defined once, in scripts/fuzz.ts,
 * which runs the same checks over many more inputs (`npm run fuzz`).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readContentFile } from "../src/content/archive.ts";
import { normaliseText } from "../src/content/frontmatter.ts";
import { parseIssue } from "../src/content/issue-parser.ts";
import { resolveRequestPath } from "../src/serve/static-server.ts";
import { checkFolder, checkImport, checkParse, type Failure, inputFor, ODD_CHARACTERS, readSeeds, REGISTRY, STRUCTURE_LINES } from "../scripts/fuzz.ts";
import { temporaryDir } from "./support/site.ts";

const RUNS = { numRuns: 300 };
/** A failure as one readable line, so that a failing property says what went wrong. */
const problem = (failure: Failure | undefined) => failure && `${failure.kind} in ${failure.target}: ${failure.what}`;
const scratch = temporaryDir("fuzz");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// --- Generated issues: what an editor writes, with the parts the parser cares about. ---------------

/**
 * Text that Markdown keeps as written: Chinese, ASCII letters and digits, Chinese punctuation and
 * the characters HTML escapes (< > " '). Markdown syntax (* _ ` [ ] \ & #) would change the text.
 */
const plainText = fc
  .array(fc.constantFrom(..."浙江省软件行业协会简报数据产业动态会员天地abcXYZ0123，。、：；“”《》（）—<>\"' "), { minLength: 1, maxLength: 24 })
  .map((chars) => chars.join("").trim())
  .filter((text) => text.length > 0 && !/^[-+>0-9]|^\d+[.)]/.test(text));

interface ArticleSpec {
  title: string;
  source?: string;
  paragraphs: string[];
}
interface IssueSpec {
  issue: number;
  cumulative?: number;
  date: string;
  sections: { name: string; articles: ArticleSpec[] }[];
}

const article: fc.Arbitrary<ArticleSpec> = fc.record({ title: plainText, source: plainText, paragraphs: fc.array(plainText, { maxLength: 3 }) }, { requiredKeys: ["title", "paragraphs"] });

const issueSpec: fc.Arbitrary<IssueSpec> = fc.record(
  {
    issue: fc.integer({ min: 1, max: 99 }),
    cumulative: fc.integer({ min: 1, max: 9999 }),
    date: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    sections: fc
      .subarray(REGISTRY, { minLength: 1 })
      .chain((chosen) => fc.tuple(...chosen.map((s) => fc.array(article, { minLength: 1, maxLength: 3 }).map((articles) => ({ name: s.name, articles }))))),
  },
  { requiredKeys: ["issue", "date", "sections"] },
);

/** The issue as Markdown, and the line of each article's `###` heading. */
function markdownOf(spec: IssueSpec): { text: string; articleLines: number[] } {
  const lines = [
    "---",
    `issue: ${spec.issue}`,
    ...(spec.cumulative ? [`cumulative: ${spec.cumulative}`] : []),
    `date: ${spec.date}`,
    `sections: [${spec.sections.map((s) => s.name).join(", ")}]`,
    "---",
  ];
  const articleLines: number[] = [];
  for (const section of spec.sections) {
    lines.push("", `## ${section.name}`);
    for (const a of section.articles) {
      lines.push("", `### ${a.title}`);
      articleLines.push(lines.length);
      if (a.source) lines.push("", `来源：${a.source}`);
      for (const paragraph of a.paragraphs) lines.push("", paragraph);
    }
  }
  return { text: `${lines.join("\n")}\n`, articleLines };
}

const parse = (text: string) => parseIssue(text, { file: "fuzz/2026/issue.md", registry: REGISTRY });
const errorsOf = (text: string) => parse(text).diagnostics.filter((d) => d.severity === "error");

/** Lines of a generated issue with edits an editor or a copy from PDF could make. */
const mutatedIssue = fc
  .tuple(issueSpec, fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...STRUCTURE_LINES), fc.constantFrom(...ODD_CHARACTERS), fc.string())), { maxLength: 6 }))
  .map(([spec, edits]) => {
    const lines = markdownOf(spec).text.split("\n");
    for (const [at, text] of edits) lines.splice(at % (lines.length + 1), 0, text);
    return lines.join("\n");
  });

describe("the issue parser", () => {
  it("never throws, and every diagnostic names the file and a line inside it, on any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 2000 }), mutatedIssue), (text) => {
        expect(problem(checkParse(text))).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("reads a well-formed issue without errors and loses nothing: sections, titles, sources, lines", () => {
    fc.assert(
      fc.property(issueSpec, (spec) => {
        const { text, articleLines } = markdownOf(spec);
        const { issue, diagnostics } = parse(text);
        expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const { issue: number, date, cumulative } = issue!.frontMatter;
        expect({ number, date, cumulative }).toEqual({ number: spec.issue, date: spec.date, cumulative: spec.cumulative });
        expect(issue!.sections.map((s) => s.name)).toEqual(spec.sections.map((s) => s.name));
        const articles = issue!.sections.flatMap((s) => s.articles);
        const expected = spec.sections.flatMap((s) => s.articles);
        expect(articles.map((a) => [a.title, a.source])).toEqual(expected.map((a) => [a.title, a.source]));
        expect(articles.map((a) => a.line)).toEqual(articleLines);
        for (const [k, a] of articles.entries()) for (const paragraph of expected[k].paragraphs) expect(a.text).toContain(paragraph);
      }),
      RUNS,
    );
  });

  it("reads a file the same with a BOM and CRLF or CR line ends, line numbers included", () => {
    fc.assert(
      fc.property(mutatedIssue, fc.constantFrom("\r\n", "\r"), fc.boolean(), (text, end, bom) => {
        const saved = `${bom ? "\uFEFF" : ""}${text.replace(/\r\n?/g, "\n").replace(/\n/g, end)}`;
        expect(parse(normaliseText(saved))).toEqual(parse(normaliseText(text)));
      }),
      RUNS,
    );
  });

  it("reports an impossible date on the line of the date", () => {
    fc.assert(
      fc.property(issueSpec, fc.constantFrom("02-30", "02-31", "04-31", "13-01", "00-10"), (spec, monthDay) => {
        const { text } = markdownOf({ ...spec, date: `${spec.date.slice(0, 4)}-${monthDay}` });
        const dateLine = text.split("\n").findIndex((line) => line.startsWith("date:")) + 1;
        expect(errorsOf(text)).toEqual([expect.objectContaining({ line: dateLine, field: "date" })]);
      }),
      RUNS,
    );
  });
});

describe("the loader's file reading", () => {
  const file = path.join(scratch, "read.md");
  const read = (bytes: Uint8Array) => {
    writeFileSync(file, bytes);
    return readContentFile(file, "fuzz/2026/read.md");
  };

  it("reads any UTF-8 text without control characters as written", async () => {
    const text = fc.string({ unit: "grapheme", maxLength: 300 }).filter((t) => t.trim() !== "" && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\r\ufeff]/.test(t));
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect((await read(Buffer.from(t, "utf8"))).text).toBe(t);
      }),
      RUNS,
    );
  });

  it("names the line of a control character or of a byte that is not UTF-8", async () => {
    const fault = fc.oneof(
      fc.constantFrom(...ODD_CHARACTERS.filter((c) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(c))).map((c) => Buffer.from(c, "utf8")),
      fc.constantFrom(0x80, 0xbf, 0xc0, 0xe4, 0xf5, 0xff).map((b) => Buffer.from([b])),
    );
    await fc.assert(
      fc.asyncProperty(issueSpec, fault, fc.nat(), async (spec, bad, at) => {
        const lines = markdownOf(spec).text.split("\n");
        const line = (at % (lines.length - 1)) + 1;
        const before = Buffer.from(`${lines.slice(0, line - 1).join("\n")}${line > 1 ? "\n" : ""}${lines[line - 1]}`);
        const bytes = Buffer.concat([before, bad, Buffer.from(`\n${lines.slice(line).join("\n")}`)]);
        const { text, diagnostics } = await read(bytes);
        expect(text).toBeUndefined();
        expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", line })]);
      }),
      RUNS,
    );
  });
});

describe("the loader on generated folders", () => {
  it("never throws and loses nothing: each issue file is loaded or named by an error", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            issueSpec.map((s) => markdownOf(s).text),
            mutatedIssue,
          ),
          { minLength: 1, maxLength: 4 },
        ),
        async (texts) => {
          const content = path.join(scratch, `folder-${n++}`);
          const year = path.join(content, "fuzz", "2026");
          mkdirSync(year, { recursive: true });
          writeFileSync(
            path.join(content, "fuzz", "publication.yaml"),
            `name: 模糊测试简报\npublisher: 测试协会\nfrequency: 月刊\ndescription: 测试。\nsections:\n${REGISTRY.map((s) => `  - { name: ${s.name}, slug: ${s.slug} }`).join("\n")}\n`,
          );
          texts.forEach((text, k) => writeFileSync(path.join(year, `${k + 1}.md`), text));
          expect(problem(await checkFolder(content))).toBeUndefined();
          rmSync(content, { recursive: true, force: true });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("the importer", () => {
  // The project's own files: the test must not depend on what lies beside the project.
  const seeds = readSeeds();

  it("refuses what it cannot read with ImportError, and what it imports loads without errors", async () => {
    // The same mutated bulletins as scripts/fuzz.ts: a failing run number replays there with --only.
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (run) => {
        const { bulletin } = inputFor(7, run, seeds);
        expect(problem((await checkImport(bulletin.file, bulletin.bytes)).failure)).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a .docx that is not a Word file with ImportError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expect(problem((await checkImport("bulletin.docx", Buffer.from(bytes))).failure)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });
});

describe("the static server's request paths", () => {
  // tests/serve.test.ts tries known traversals over HTTP; this tries their pieces in any order.
  const piece = fc.constantFrom("/", "..", ".", "%2e", "%2E%2e", "%2f", "%2F", "%5c", "\\", "%00", "%", "archive", "a", "%252e%252e", "//", "?", "#");
  const requestPath = fc.array(piece, { maxLength: 12 }).map((pieces) => `/${pieces.join("")}`);

  it("never resolve to a file outside the site folder, with or without a path prefix", () => {
    const root = path.join(scratch, "site");
    fc.assert(
      fc.property(requestPath, fc.constantFrom("/", "/archive/"), (request, prefix) => {
        const file = resolveRequestPath(root, prefix, request);
        if (file === undefined) return;
        const inside = path.relative(root, file);
        expect(inside === "" || !(inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
