import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { importCommand } from "../src/cli/commands/import.ts";
import { parseCommandArgs, UsageError } from "../src/cli/command.ts";
import { main } from "../src/cli/main.ts";
import { parseYaml } from "../src/content/frontmatter.ts";
import { publicationSchema } from "../src/content/schema.ts";

// The seeds are real bulletins kept outside the repository; they are read, never copied.
const SEED_000 = fileURLToPath(new URL("../../shared/seeds/000_95f545b7620578b9.txt", import.meta.url));
const SEED_004 = fileURLToPath(new URL("../../shared/seeds/004_3a4c43a6573a62f4.txt", import.meta.url));

let content: string;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  content = await fs.mkdtemp(path.join(os.tmpdir(), "bulletin-import-"));
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(content, { recursive: true, force: true });
});

const run = (...argv: string[]) => importCommand.run(parseCommandArgs(importCommand, argv));

describe("bulletin import", () => {
  it("writes the issue and a new publication.yaml, printing the path and the notes", async () => {
    expect(await run(SEED_000, "--content", content, "--publication", "zsia")).toBe(0);
    const issueFile = path.join(content, "zsia", "2026", "03.md");
    expect(stdout).toBe(`${issueFile}\n`);
    expect(await fs.readFile(issueFile, "utf8")).toMatch(/^---\nissue: 3\ncumulative: 180\ndate: 2026-03-31\n/);
    const publication = publicationSchema.safeParse(parseYaml(await fs.readFile(path.join(content, "zsia", "publication.yaml"), "utf8")));
    expect(publication.success).toBe(true);
    expect(stderr).toMatch(/^guess: the title .* was matched loosely/m);
    expect(stderr).toContain(`info: created ${path.join(content, "zsia", "publication.yaml")}`);
  });

  it("refuses to overwrite an issue file", async () => {
    await run(SEED_000, "--content", content, "--publication", "zsia");
    const issueFile = path.join(content, "zsia", "2026", "03.md");
    await fs.writeFile(issueFile, "edited by hand");
    stderr = "";
    expect(await run(SEED_000, "--content", content, "--publication", "zsia")).toBe(1);
    expect(stderr).toBe(`bulletin import: ${issueFile} already exists; it was not overwritten\n`);
    expect(await fs.readFile(issueFile, "utf8")).toBe("edited by hand");
  });

  it("imports into the publication whose name the masthead prints, registering missing sections", async () => {
    const yaml = [
      "name: 大数据发展动态",
      "publisher: 贵阳智能大数据战略研究院",
      "frequency: 周刊",
      "description: 内部交流周刊。",
      "sections:  # 栏目",
      "  - { name: 国策要论, slug: policy-analysis }",
      "  - { name: 地方新政, slug: local-policy }",
      "  - { name: 产业镜像, slug: industry }",
      "  - { name: 前沿观察, slug: frontier }",
      "",
    ].join("\n");
    await fs.mkdir(path.join(content, "bigdata"));
    await fs.writeFile(path.join(content, "bigdata", "publication.yaml"), yaml);

    expect(await run(SEED_004, "--content", content)).toBe(0);
    expect(stdout).toBe(`${path.join(content, "bigdata", "2023", "12.md")}\n`);
    expect(await fs.readFile(path.join(content, "bigdata", "publication.yaml"), "utf8")).toBe(yaml.replace("frontier }\n", "frontier }\n  - { name: 关于本刊, slug: about }\n"));
    expect(stderr).toContain("info: the section 关于本刊 is not registered in publication.yaml; it is added with the slug about");
  });

  it("writes only the issue file with --out", async () => {
    const out = path.join(content, "issue.md");
    expect(await run(SEED_004, "--content", content, "--out", out)).toBe(0);
    expect(stdout).toBe(`${out}\n`);
    expect(await fs.readdir(content)).toEqual(["issue.md"]);
    expect(stderr).toMatch(/^info: --out given, so publication.yaml was not changed/m);
  });

  it("reports a file it cannot read in one line", async () => {
    const missing = path.join(content, "missing.txt");
    expect(await run(missing, "--content", content)).toBe(1);
    expect(stderr).toBe(`bulletin import: ${missing}: no such file\n`);
  });

  it("rejects what it cannot import as a usage error", async () => {
    await expect(run("bulletin.pdf")).rejects.toThrow(UsageError);
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run(SEED_000, "--publication", "浙江")).rejects.toThrow(UsageError);
  });

  it("prints its usage with --help", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(await main(["import", "--help"])).toBe(0);
    expect(log).toHaveBeenCalledWith(importCommand.usage);
  });
});
