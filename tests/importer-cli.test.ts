/**
 * `bulletin import` on files and folders: one line per file, progress on a terminal, the
 * right publication and year whatever the order, the original PDF copied and linked, nothing
 * overwritten without --force, and bad input (a scan, an encrypted, truncated or HTML "PDF", a
 * PDF that is no bulletin, a .docx that is another zip, a symlink loop, two files for one
 * issue) refused in one line naming the file, with nothing written for it.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { importCommand } from "../src/cli/commands/import.ts";
import { parseCommandArgs, UsageError } from "../src/cli/command.ts";
import { main } from "../src/cli/main.ts";
import { parseYaml } from "../src/content/frontmatter.ts";
import { publicationSchema } from "../src/content/schema.ts";
import { launchBrowser } from "./support/browser.ts";
import { bulletinPdf, closePrinter } from "./support/bulletin-pdfs.ts";
import { temporaryDir } from "./support/site.ts";

/** A small bulletin in the shape PDF text takes, numbered `issue`, written for these tests. */
const bulletinText = (issue: number, day = 10 + issue) =>
  [
    "示例行业简报",
    `2026年第${issue}期 总第${100 + issue}期`,
    `示例行业协会 2026年${issue}月${day}日`,
    `第${issue}期要闻`,
    "来源：示例日报",
    "正文一段。",
    "报：示例市经信局",
    "电话：0571-12345678",
  ].join("\n\n");

let extra: string;
let content: string;
let stdout: string;
let stderr: string;

afterAll(closePrinter);

beforeAll(async () => {
  // PDFs the fixtures do not give: a scan (an image, no text) and a page of prose that is no bulletin.
  extra = temporaryDir("bad-pdfs");
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent('<div style="width:160mm;height:220mm;background:linear-gradient(#c33,#339)"></div>');
    await page.pdf({ path: path.join(extra, "scan.pdf"), format: "A4" });
    await page.setContent('<html lang="zh-CN"><body style="font-family:\'Noto Serif CJK SC\'"><p>春天来了，河边的柳树发了新芽。孩子们在草地上放风筝，老人坐在长椅上晒太阳。</p></body></html>');
    await page.pdf({ path: path.join(extra, "prose.pdf"), format: "A4" });
  } finally {
    await browser.close();
  }
});

beforeEach(() => {
  content = temporaryDir("content");
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const run = (...argv: string[]) => importCommand.run(parseCommandArgs(importCommand, argv));
const lines = (text: string) => text.split("\n").filter(Boolean);

/** Files under a folder, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

async function folderOf(files: Record<string, string | Buffer>): Promise<string> {
  const dir = temporaryDir("inputs");
  for (const [name, data] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), data);
  }
  return dir;
}

/** A zip archive holding `files`, stored uncompressed (a .docx is a zip; this one holds no Word document). */
function zipOf(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, fileName, data);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

describe("bulletin import of one file", () => {
  it("writes the issue, publication.yaml and a copy of the original PDF, linked from the issue", async () => {
    const file = await bulletinPdf("assoc-monthly", "1col");
    expect(await run(file, "--content", content)).toBe(0);
    const issueFile = path.join(content, "hniipa", "2024", "06.md");
    expect(stdout).toMatch(new RegExp(`^created ${issueFile}  ← ${file} \\(湖南省工业互联网产业简报 2024年第6期`));
    expect(await tree(content)).toEqual(["hniipa/2024/06.md", "hniipa/2024/assets/2024-06.pdf", "hniipa/publication.yaml"]);
    expect(await fs.readFile(path.join(content, "hniipa/2024/assets/2024-06.pdf"))).toEqual(await fs.readFile(file));
    expect(await fs.readFile(issueFile, "utf8")).toMatch(/^---\nissue: 6\ncumulative: 158\ndate: 2024-06-20\n[\s\S]*\npdf: assets\/2024-06\.pdf\n/);
    const publication = publicationSchema.safeParse(parseYaml(await fs.readFile(path.join(content, "hniipa", "publication.yaml"), "utf8")));
    expect(publication.success).toBe(true);
    expect(publication.data?.contact).toMatchObject({ email: "hniipa@126.com", website: "www.hniipa.org.cn" });
    expect(stderr).toContain(`info: created ${path.join(content, "hniipa", "publication.yaml")}`);
    expect(stderr).toMatch(/^info: the publication's slug hniipa was derived from its web address www\.hniipa\.org\.cn/m);
  });

  it("writes only the issue file with --out", async () => {
    const input = await folderOf({ "1.txt": bulletinText(1) });
    const out = path.join(content, "issue.md");
    expect(await run(path.join(input, "1.txt"), "--content", content, "--out", out)).toBe(0);
    expect(await tree(content)).toEqual(["issue.md"]);
    expect(stderr).toMatch(/^info: --out given, so publication.yaml was not changed/m);
  });

  it("rejects what it cannot take as a usage error", async () => {
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run("a.txt", "--publication", "浙江")).rejects.toThrow(UsageError);
    const input = await folderOf({ "1.txt": bulletinText(1), "2.txt": bulletinText(2) });
    await expect(run(input, "--out", path.join(content, "x.md"))).rejects.toThrow(UsageError);
  });

  it("prints its usage with --help", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(await main(["import", "--help"])).toBe(0);
    expect(log).toHaveBeenCalledWith(importCommand.usage);
  });
});

describe("bulletin import of many files", () => {
  it("files issues under their publication and year whatever the order, one line each, and a total", async () => {
    // Issue 2 is read before issue 1, and a second publication comes in between.
    const input = await folderOf({ "a/2.txt": bulletinText(2), "b/gov.pdf": await fs.readFile(await bulletinPdf("gov-work-dynamics", "2col")), "c/1.txt": bulletinText(1) });
    expect(await run(input, "--content", content)).toBe(0);
    expect(lines(stdout).map((line) => line.split(" ")[0])).toEqual(["created", "created", "created"]);
    expect(await tree(content)).toEqual(["jxgzdt/2025/12.md", "jxgzdt/2025/assets/2025-12.pdf", "jxgzdt/publication.yaml", "slhyjb/2026/01.md", "slhyjb/2026/02.md", "slhyjb/publication.yaml"]);
    expect(lines(stderr).at(-1)).toBe("3 imported, 0 skipped, 0 failed");
  });

  it("creates nothing new and overwrites nothing when run again; --force replaces", async () => {
    const input = await folderOf({ "1.txt": bulletinText(1), "2.txt": bulletinText(2) });
    expect(await run(input, "--content", content)).toBe(0);
    const issueFile = path.join(content, "slhyjb", "2026", "01.md");
    await fs.writeFile(issueFile, "edited by hand");
    stdout = "";
    expect(await run(input, "--content", content)).toBe(0);
    expect(lines(stdout)).toEqual([
      `skipped ${path.join(input, "1.txt")}: ${issueFile} exists (--force replaces it)`,
      `skipped ${path.join(input, "2.txt")}: ${path.join(content, "slhyjb", "2026", "02.md")} exists (--force replaces it)`,
    ]);
    expect(await fs.readFile(issueFile, "utf8")).toBe("edited by hand");
    stdout = "";
    expect(await run(input, "--content", content, "--force")).toBe(0);
    expect(lines(stdout)[0]).toMatch(/^replaced /);
    expect(await fs.readFile(issueFile, "utf8")).toMatch(/^---\nissue: 1\n/);
    // Written through temporary files: none is left behind.
    expect((await tree(content)).filter((file) => file.endsWith(".tmp"))).toEqual([]);
  });

  it("shows progress on a terminal", async () => {
    const input = await folderOf({ "1.txt": bulletinText(1), "2.txt": bulletinText(2) });
    const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    try {
      expect(await run(input, "--content", content)).toBe(0);
    } finally {
      if (tty) Object.defineProperty(process.stderr, "isTTY", tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    expect(stderr).toContain("[1/2] 1.txt");
    expect(stderr).toContain("[2/2] 2.txt");
  });
});

describe("bad input", () => {
  /** Imports `name` from a folder of its own with one good bulletin beside it: the bad file fails alone. */
  async function importBeside(name: string, data: string | Buffer): Promise<{ code: number; line: string }> {
    const input = await folderOf({ [name]: data, "good.txt": bulletinText(1) });
    const code = await run(input, "--content", content);
    const line = lines(stdout).find((l) => l.includes(name)) ?? "";
    expect(lines(stdout).filter((l) => l.includes(name))).toHaveLength(1);
    expect(lines(stdout).find((l) => l.includes("good.txt"))).toMatch(/^created /);
    expect(await tree(content)).toEqual(["slhyjb/2026/01.md", "slhyjb/publication.yaml"]);
    expect(stderr).not.toMatch(/\n\s+at /);
    return { code, line };
  }

  it("a scan without a text layer", async () => {
    const { code, line } = await importBeside("scan.pdf", await fs.readFile(path.join(extra, "scan.pdf")));
    expect(code).toBe(1);
    expect(line).toMatch(/^failed .*scan\.pdf: no text layer: this PDF is a scan; OCR it first/);
  });

  it("an encrypted PDF", async () => {
    const { code, line } = await importBeside("locked.pdf", await fs.readFile(path.resolve(import.meta.dirname, "fixtures/pdf/password.pdf")));
    expect(code).toBe(1);
    expect(line).toMatch(/^failed .*locked\.pdf: the PDF is encrypted with a password/);
  });

  it("a truncated PDF", async () => {
    const whole = await fs.readFile(await bulletinPdf("band-masthead", "1col"));
    const { code, line } = await importBeside("cut.pdf", whole.subarray(0, Math.floor(whole.length / 2)));
    expect(code).toBe(1);
    expect(line).toMatch(/^failed .*cut\.pdf: the PDF is truncated/);
  });

  it("a PDF that is not a bulletin", async () => {
    const { code, line } = await importBeside("prose.pdf", await fs.readFile(path.join(extra, "prose.pdf")));
    expect(code).toBe(1);
    expect(line).toMatch(/^failed .*prose\.pdf: no issue number \(第N期\) found in the masthead/);
  });

  it("a .docx that is a zip of something else", async () => {
    const { code, line } = await importBeside("notes.docx", zipOf({ "notes.txt": "这不是 Word 文件。" }));
    expect(code).toBe(1);
    expect(line).toMatch(/^failed .*notes\.docx: .*is not a Word file \(\.docx\)/);
  });

  it("a file named .pdf that is an HTML page", async () => {
    const { code, line } = await importBeside("page.pdf", '<!DOCTYPE html>\n<html lang="zh-CN"><body>简报</body></html>');
    expect(code).toBe(1);
    expect(line).toMatch(/^failed .*page\.pdf: not a PDF: it is an HTML page/);
  });

  it("a folder with a symbolic link loop", async () => {
    const input = await folderOf({ "sub/1.txt": bulletinText(1) });
    await fs.symlink("..", path.join(input, "sub", "loop"));
    expect(await run(input, "--content", content)).toBe(0);
    expect(lines(stdout)).toEqual([
      `skipped ${path.join(input, "sub", "loop")}: a link to a folder already searched (a loop of symbolic links?), not searched again`,
      expect.stringMatching(/^created .*01\.md {2}← .*1\.txt/),
    ]);
  });

  it("two files for the same issue", async () => {
    const input = await folderOf({ "a.txt": bulletinText(1), "b.txt": bulletinText(1) });
    expect(await run(input, "--content", content)).toBe(1);
    expect(lines(stdout)[1]).toBe(`failed ${path.join(input, "b.txt")}: the same issue (slhyjb 2026 第1期) as ${path.join(input, "a.txt")}, imported already`);
    expect(await tree(content)).toEqual(["slhyjb/2026/01.md", "slhyjb/publication.yaml"]);
  });
});
