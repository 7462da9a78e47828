/**
 * The `bulletin` command as editors run it (a child process): usage errors, `check` on an archive
 * of broken files, `new` followed by `check` on copies of the fixture and demo archives.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../src/content/archive.ts";
import { parseIssue } from "../src/content/issue-parser.ts";
import { bulletinToday, nextIssue } from "../src/content/new-issue.ts";
import { DEMO_CONTENT, FIXTURE_ARCHIVE, temporaryDir } from "./support/site.ts";

const BULLETIN = path.resolve(import.meta.dirname, "../scripts/bulletin.js");
const BROKEN_ARCHIVE = path.resolve(import.meta.dirname, "fixtures/broken");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function bulletin(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BULLETIN, ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

function copyOf(archive: string): string {
  const dir = path.join(temporaryDir("content"), "content");
  cpSync(archive, dir, { recursive: true });
  return dir;
}

describe.concurrent("bulletin usage", () => {
  it("lists the commands", async () => {
    const run = await bulletin("--help");
    expect(run.code).toBe(0);
    for (const name of ["build", "serve", "check", "new", "import"]) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });

  it.each(["serve", "check", "new"])("%s --help explains the command", async (name) => {
    const run = await bulletin(name, "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: bulletin ${name}`);
  });

  it.each([
    [["serve", "--bogus"], "--bogus"],
    [["check", "--bogus"], "--bogus"],
    [["new", "weekly", "--bogus"], "--bogus"],
    [["serve", "--port", "http"], "--port expects a port number"],
    [["serve", "--port", "70000"], "--port expects a port number"],
    [["serve", "--content", "content", "--output", "content/_site"], "must not contain one another"],
    [["check", "extra"], "check takes no arguments"],
    [["new"], "new needs exactly one publication"],
    [["new", "weekly", "--date", "2026-02-30", "--content", FIXTURE_ARCHIVE], "--date expects a day written YYYY-MM-DD"],
    [["new", "weekly", "--date", "31/03/2026", "--content", FIXTURE_ARCHIVE], "--date expects a day written YYYY-MM-DD"],
    [["new", "zsia", "--content", FIXTURE_ARCHIVE], "unknown publication zsia; the publications in"],
  ])("bulletin %j is bad use: one line, exit 2", async (args, message) => {
    const run = await bulletin(...args);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^bulletin: /);
    expect(run.stderr).toContain(message);
  });

  it("names the known publications when the publication is unknown", async () => {
    const run = await bulletin("new", "zsai", "--content", DEMO_CONTENT);
    expect(run.stderr.trim()).toBe(`bulletin: unknown publication zsai; the publications in ${DEMO_CONTENT} are: bigdata, zsia`);
  });
});

describe("bulletin check", () => {
  /** One problem per file of tests/fixtures/broken, as `file:line: severity [field]: message`, and its hint ("" for none). */
  const expected: { line: string; hint: string }[] = [
    { line: "weekly/2026/cumulative-gap.md:3: warning [cumulative]: cumulative numbers jump from 14 to 20; 总第15–19期 is missing", hint: "add the missing issues" },
    { line: "weekly/2026/date-year.md:3: warning [date]: the date 2025-12-31 is in 2025 but the file is in the folder 2026", hint: "move the file to the 2025 folder" },
    { line: 'weekly/2026/declared-missing.md:4: error [sections[1]]: the section 产业动态 is declared but has no "## 产业动态" heading in the body', hint: "add the heading" },
    { line: "weekly/2026/duplicate-cumulative.md:3: error [cumulative]: cumulative 10 is also used by weekly/2026/01.md", hint: "each issue needs its own number" },
    { line: "weekly/2026/duplicate-issue.md:2: error [issue]: issue 1 of 2026 is also used by weekly/2026/01.md", hint: "each issue needs its own number" },
    { line: 'weekly/2026/duplicate-titles.md:14: warning [### heading]: the article title "协会年会召开" repeats the title on line 10', hint: "its own title" },
    { line: "weekly/2026/empty-section.md:14: warning [## heading]: the section 产业动态 has no articles", hint: "add ### article headings" },
    { line: "weekly/2026/gbk.md:4: error: the file is not UTF-8; it looks like GBK", hint: "save it as UTF-8" },
    { line: "weekly/2026/impossible-date.md:3: error [date]: this day does not exist in the calendar", hint: "" },
    { line: "weekly/2026/missing-file.md:11: error [link]: link assets/missing.pdf: the file does not exist", hint: "expected a file at weekly/2026/assets/missing.pdf" },
    { line: "weekly/2026/outside-folder.md:11: error [image]: image ../../outside.svg: points outside the publication folder", hint: "keep linked files inside the publication's folder" },
    { line: "weekly/2026/schema.md:2: error [issue]: expected the issue number 第N期 as a whole number (1, 2, 3 …)", hint: "" },
    { line: "weekly/2026/undeclared-section.md:13: error [## heading]: the section 会员天地 is in the body but not declared in sections", hint: "add it to the front-matter field sections" },
    { line: "weekly/2026/unknown-key.md:6: warning [titel]: unknown field titel is ignored", hint: "did you mean title?" },
    { line: "weekly/2026/unregistered-section.md:4: error [sections[0]]: the section 产业动向 is not registered in publication.yaml", hint: "did you mean 产业动态?" },
    { line: "weekly/2026/untitled-article.md:9: error [### heading]: an article has no title", hint: "write the title after ###" },
    { line: "weekly/2026/utf16.md: error: the file is not UTF-8; it looks like UTF-16LE", hint: "save it as UTF-8" },
    { line: "weekly/2026/yaml-syntax.md:4: error [front-matter]: YAML does not parse: unexpected end of the stream within a flow collection", hint: "check quotes, colons and indentation" },
  ];

  it("reports every problem of an archive at once, one line each, then the totals, and exits 1", async () => {
    const run = await bulletin("check", "--content", BROKEN_ARCHIVE);
    expect(run.code).toBe(1);
    const report = lines(run.stdout);
    expect(report.at(-1)).toBe(`${BROKEN_ARCHIVE}: 13 errors, 5 warnings.`);
    const problems = report.slice(0, -1);
    expect(problems).toHaveLength(expected.length);
    expected.forEach(({ line, hint }, index) => {
      expect(problems[index].startsWith(line), `${problems[index]}\nshould start with\n${line}`).toBe(true);
      const rest = problems[index].slice(line.length);
      if (hint) expect(rest).toMatch(/^ \(.+\)$/);
      expect(rest).toContain(hint);
    });
  });

  it("exits 0 on a clean archive", async () => {
    const run = await bulletin("check", "--content", FIXTURE_ARCHIVE);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([`${FIXTURE_ARCHIVE}: no problems found.`]);
  });

  it("says so in one line when the content folder does not exist", async () => {
    const run = await bulletin("check", "--content", "/nonexistent/content");
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(["bulletin: the content folder /nonexistent/content does not exist or cannot be read"]);
  });
});

describe("the next issue", () => {
  it("follows the year's last issue and the highest cumulative number, restarting 第N期 in a new year", async () => {
    const { archive } = await loadArchive(FIXTURE_ARCHIVE);
    const [weekly] = archive.publications;
    expect(nextIssue(weekly, "2026-01-23")).toMatchObject({ year: 2026, number: 3, cumulative: 102, relativePath: "weekly/2026/03.md" });
    expect(nextIssue(weekly, "2027-01-08")).toMatchObject({ year: 2027, number: 1, cumulative: 102, relativePath: "weekly/2027/01.md" });
    const uncounted = { ...weekly, issues: weekly.issues.map((issue) => ({ ...issue, cumulative: undefined })) };
    const next = nextIssue(uncounted, "2026-01-23");
    expect(next.cumulative).toBeUndefined();
    expect(next.text).not.toContain("cumulative");
  });

  it("is a file the loader reads: every registered section, empty, and a hint that never reaches the page", async () => {
    const { archive } = await loadArchive(FIXTURE_ARCHIVE);
    const [weekly] = archive.publications;
    const { text } = nextIssue(weekly, "2026-01-23");
    const parsed = parseIssue(text, { file: "weekly/2026/03.md", registry: weekly.sections });
    expect(parsed.issue?.frontMatter).toEqual({ issue: 3, cumulative: 102, date: "2026-01-23", sections: ["要闻", "产业动态", "会员天地"], editors: [], distribution: [], colophon: [] });
    expect(parsed.issue?.sections.map((s) => [s.name, s.introHtml])).toEqual([
      ["要闻", ""],
      ["产业动态", ""],
      ["会员天地", ""],
    ]);
    expect(parsed.issue?.forewordHtml).toBe("");
    expect(text).toContain("### 文章标题");
    expect(parsed.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual(["要闻", "产业动态", "会员天地"].map((name) => `warning the section ${name} has no articles`));
  });

  it("is dated today in Beijing by default", () => {
    expect(bulletinToday(new Date("2026-03-31T15:59:00Z"))).toBe("2026-03-31");
    expect(bulletinToday(new Date("2026-03-31T16:00:00Z"))).toBe("2026-04-01");
  });
});

describe("bulletin new", () => {
  it("writes the next issue of the fixture archive, which check accepts with empty-section warnings", async () => {
    const content = copyOf(FIXTURE_ARCHIVE);
    const created = await bulletin("new", "weekly", "--date", "2026-01-23", "--content", content);
    const file = path.join(content, "weekly/2026/03.md");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created ${file}: 测试产业周报 2026年第3期 · 总第102期, 2026-01-23.`);
    expect(readFileSync(file, "utf8")).toMatch(/^---\nissue: 3\ncumulative: 102\ndate: 2026-01-23\nsections: \[要闻, 产业动态, 会员天地\]\n---\n/);

    const nextYear = await bulletin("new", "weekly", "--date", "2027-01-08", "--content", content);
    expect(nextYear.code).toBe(0);
    expect(readFileSync(path.join(content, "weekly/2027/01.md"), "utf8")).toContain("issue: 1\ncumulative: 103\ndate: 2027-01-08\n");

    const check = await bulletin("check", "--content", content);
    expect(check.code).toBe(0);
    expect(lines(check.stdout)).toEqual([
      "weekly/2026/03.md:10: warning [## heading]: the section 要闻 has no articles (add ### article headings under it, or remove it)",
      "weekly/2026/03.md:12: warning [## heading]: the section 产业动态 has no articles (add ### article headings under it, or remove it)",
      "weekly/2026/03.md:14: warning [## heading]: the section 会员天地 has no articles (add ### article headings under it, or remove it)",
      "weekly/2027/01.md:10: warning [## heading]: the section 要闻 has no articles (add ### article headings under it, or remove it)",
      "weekly/2027/01.md:12: warning [## heading]: the section 产业动态 has no articles (add ### article headings under it, or remove it)",
      "weekly/2027/01.md:14: warning [## heading]: the section 会员天地 has no articles (add ### article headings under it, or remove it)",
      `${content}: 0 errors, 6 warnings.`,
    ]);
  });

  it("finds nothing wrong in the demo archive, and after writing its next issues only their empty sections", async () => {
    const content = copyOf(DEMO_CONTENT);
    const before = await bulletin("check", "--content", content);
    expect(before.code).toBe(0);
    expect(lines(before.stdout)).toEqual([`${content}: no problems found.`]);

    expect((await bulletin("new", "zsia", "--date", "2026-04-30", "--content", content)).code).toBe(0);
    expect((await bulletin("new", "bigdata", "--date", "2026-03-20", "--content", content)).code).toBe(0);
    expect(readFileSync(path.join(content, "zsia/2026/04.md"), "utf8")).toContain("issue: 4\ncumulative: 181\ndate: 2026-04-30\n");
    expect(readFileSync(path.join(content, "bigdata/2026/11.md"), "utf8")).toMatch(/^---\nissue: 11\ndate: 2026-03-20\n/);

    const after = await bulletin("check", "--content", content);
    expect(after.code).toBe(0);
    const added = lines(after.stdout).slice(0, -1);
    expect(added).toHaveLength(6 + 4);
    for (const line of added) expect(line).toMatch(/^(zsia\/2026\/04|bigdata\/2026\/11)\.md:\d+: warning \[## heading\]: the section \S+ has no articles/);
  });

  it("leaves the publication's cumulative numbers out when it has none", async () => {
    const content = copyOf(FIXTURE_ARCHIVE);
    for (const file of ["2025/52.md", "2026/01.md", "2026/02.md"]) {
      const issueFile = path.join(content, "weekly", file);
      writeFileSync(issueFile, readFileSync(issueFile, "utf8").replace(/^cumulative: \d+\n/m, ""));
    }
    expect((await bulletin("new", "weekly", "--date", "2026-01-23", "--content", content)).code).toBe(0);
    expect(readFileSync(path.join(content, "weekly/2026/03.md"), "utf8")).toMatch(/^---\nissue: 3\ndate: 2026-01-23\n/);
  });

  it("never overwrites a file", async () => {
    const content = copyOf(FIXTURE_ARCHIVE);
    // File names are free: issue 2 kept in 03.md takes the name the next issue would get.
    renameSync(path.join(content, "weekly/2026/02.md"), path.join(content, "weekly/2026/03.md"));
    const original = readFileSync(path.join(content, "weekly/2026/03.md"), "utf8");
    const run = await bulletin("new", "weekly", "--date", "2026-01-23", "--content", content);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`bulletin: ${path.join(content, "weekly/2026/03.md")} already exists; it was left as it is`]);
    expect(readFileSync(path.join(content, "weekly/2026/03.md"), "utf8")).toBe(original);
  });

  it("refuses while the publication has errors, whose issues would be missing from the numbering", async () => {
    const content = copyOf(BROKEN_ARCHIVE);
    const files = () => readdirSync(path.join(content, "weekly/2026")).sort();
    const before = files();
    const run = await bulletin("new", "weekly", "--date", "2026-05-08", "--content", content);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(13 + 1);
    expect(lines(run.stderr).at(-1)).toBe("bulletin: weekly has errors (above); fix them first, so that the new issue's numbers are right");
    expect(files()).toEqual(before);
    expect(existsSync(path.join(content, "weekly/2026/08.md"))).toBe(false);
  });
});
