/**
 * Atomic builds, seen from outside as an editor or a CI job sees them: a build that fails, or is
 * stopped half-way, leaves the previous site byte for byte as it was and nothing beside it —
 * full builds and incremental ones, whose staging folder shares its files with the live site.
 * The builds run as `bulletin build` child processes, so exit codes, messages and signals are real.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/pipeline/build.ts";
import { PROJECT_ROOT } from "../src/pipeline/paths.ts";
import { writeSyntheticArchive } from "./support/synthetic-archive.ts";
import { siteDigest as digest } from "./support/html.ts";
import { FIXTURE_ARCHIVE, temporaryDir } from "./support/site.ts";

const BULLETIN = path.join(PROJECT_ROOT, "scripts/bulletin.js");

/** A copy of a folder made of hard links: it shares every file with the folder. */
function linkCopy(dir: string, copy: string): void {
  mkdirSync(copy, { recursive: true });
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (entry.isDirectory()) mkdirSync(path.join(copy, relative), { recursive: true });
    else linkSync(path.join(dir, relative), path.join(copy, relative));
  }
}

/** What a build may leave beside the output while it runs: `site.staging-<pid>`, `site.rendering-<pid>`, `site.previous-<pid>`. */
const leftovers = (output: string) => readdirSync(path.dirname(output)).filter((name) => name.startsWith(`${path.basename(output)}.`));

/**
 * Processes whose command line mentions `text` (Linux /proc): a helper such as Pagefind that
 * outlives its build would go on writing into a folder the build removed.
 */
function processesMentioning(text: string): string[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
        return command.includes(text) ? [`${pid}: ${command}`] : [];
      } catch {
        return []; // ended meanwhile
      }
    });
}

interface Run {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
}

const running = new Set<ChildProcess>();

function startBuild(content: string, output: string, env: NodeJS.ProcessEnv = {}, options: string[] = []): Run {
  // detached: its own process group, so a test can interrupt it the way Ctrl-C does a terminal's.
  const child = spawn(process.execPath, [BULLETIN, "build", "--content", content, "--output", output, ...options], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdout.on("data", (chunk) => (stdout += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) =>
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stderr, stdout });
    }),
  );
  return { child, exited };
}

/**
 * The processes still mentioning `text` once those killed on the way out have had time to go:
 * a process killed a moment ago can still be listed while it dies.
 */
async function survivorsMentioning(text: string): Promise<string[]> {
  for (let waited = 0; processesMentioning(text).length && waited < 2000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  return processesMentioning(text);
}

/** Waits until `ready()` holds, failing if the build ends first (then it was too quick to stop). */
async function whileRunning(run: Run, ready: () => boolean): Promise<void> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  while (!ready()) {
    if (ended) throw new Error("the build ended before it could be stopped");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let output: string;
let before: Record<string, string>;
let largeContent: string;

beforeAll(async () => {
  output = path.join(temporaryDir("atomic"), "site");
  await buildSite({ contentDir: FIXTURE_ARCHIVE, outputDir: output });
  before = digest(output);
  // Large enough that rendering and indexing each take seconds, so a signal lands inside them.
  largeContent = path.join(temporaryDir("atomic-content"), "content");
  await writeSyntheticArchive(largeContent, { issues: 80, publications: 2 });
});

afterAll(() => {
  for (const child of running) process.kill(-child.pid!, "SIGKILL");
  for (const dir of [output, largeContent]) if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe("a build that fails", () => {
  it("on a content error says where, exits 1 and leaves the previous site as it was", async () => {
    const content = path.join(temporaryDir("atomic-bad"), "content");
    cpSync(FIXTURE_ARCHIVE, content, { recursive: true });
    const issue = path.join(content, "weekly/2026/02.md");
    writeFileSync(issue, readFileSync(issue, "utf8").replace("date: 2026-01-16", "date: 2026-02-30"));
    const { code, stderr } = await startBuild(content, output).exited;
    expect(code).toBe(1);
    expect(stderr).toContain("weekly/2026/02.md:4: error [date]: this day does not exist in the calendar");
    expect(stderr).toContain("the previous site is unchanged");
    expect(digest(output)).toEqual(before);
    expect(leftovers(output)).toEqual([]);
  });

  it.each([
    ["cannot start", "/nonexistent/pagefind"],
    // Through Pagefind's Node API a dead backend never answers, and Node ends the process for want
    // of anything to wait for (the staging module then says so); through its CLI it is an exit code.
    ["dies without answering", "fake"],
  ])("when the search indexer %s, leaves the previous site as it was and says so", async (_, binary) => {
    let backend = binary;
    if (binary === "fake") {
      backend = path.join(temporaryDir("fake-pagefind"), "pagefind");
      writeFileSync(backend, "#!/bin/sh\nsleep 1\nexit 3\n");
      chmodSync(backend, 0o755);
    }
    const { code, stderr } = await startBuild(FIXTURE_ARCHIVE, output, { PAGEFIND_EXTENDED_BINARY_PATH: backend }).exited;
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/Pagefind|the build stopped before it finished/);
    expect(digest(output)).toEqual(before);
    expect(leftovers(output)).toEqual([]);
  });
});

describe("a build that is stopped", () => {
  it.each([
    // Ctrl-C in a terminal: SIGINT to the whole process group, Pagefind and esbuild included.
    ["SIGINT", "the process group", "while rendering", 130],
    // `kill <pid>` or a CI job being cancelled: SIGTERM to the build process alone.
    ["SIGTERM", "the build process", "while indexing for search", 143],
  ] as const)("by %s to %s %s leaves no partial output and no staging folder", async (signal, target, phase, exitCode) => {
    const run = startBuild(largeContent, output);
    // The build stages into `site.staging-<its pid>`; its browser scripts are written last in
    // the render phase, and indexing starts right after.
    const staging = `${output}.staging-${run.child.pid}`;
    await whileRunning(run, () => existsSync(phase === "while rendering" ? staging : path.join(staging, "assets/search.js")));
    process.kill(target === "the process group" ? -run.child.pid! : run.child.pid!, signal);
    const { code } = await run.exited;
    expect(code).toBe(exitCode);
    expect(await survivorsMentioning(staging)).toEqual([]);
    expect(digest(output)).toEqual(before);
    expect(leftovers(output)).toEqual([]);
  });
});

describe("a build aborted through its signal, in the process that runs it", () => {
  it.each([
    ["while rendering", (staging: string) => existsSync(staging)],
    ["while indexing for search", (staging: string) => processesMentioning(staging).some((command) => command.includes("pagefind"))],
  ])("%s throws the abort's reason, with no Pagefind left running, nothing beside the output and the output as it was", async (_, ready) => {
    const controller = new AbortController();
    const staging = `${output}.staging-${process.pid}`;
    const building = buildSite({ contentDir: largeContent, outputDir: output, signal: controller.signal });
    const failure = building.catch((error: unknown) => error);
    let ended = false;
    void failure.then(() => (ended = true));
    while (!ready(staging)) {
      if (ended) throw new Error("the build ended before it could be stopped");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const reason = new Error("stopped by the test");
    controller.abort(reason);
    expect(await failure).toBe(reason);
    expect(processesMentioning(staging)).toEqual([]);
    expect(digest(output)).toEqual(before);
    expect(leftovers(output)).toEqual([]);
  });
});

describe("an incremental build", () => {
  let content: string;
  let site: string;
  let built: Record<string, string>;
  const incremental = (env: NodeJS.ProcessEnv = {}) => startBuild(content, site, env, ["--incremental"]);

  beforeAll(async () => {
    content = path.join(temporaryDir("atomic-incremental-content"), "content");
    cpSync(largeContent, content, { recursive: true });
    site = path.join(temporaryDir("atomic-incremental"), "site");
    await buildSite({ contentDir: content, outputDir: site });
    built = digest(site);
    // A publication's name is on every page of it, its article pages too: half the site is
    // rendered and indexed again (no shard's pages are as the cache keeps them), which takes long
    // enough to be stopped.
    const publication = path.join(content, readdirSync(content).sort()[0], "publication.yaml");
    writeFileSync(publication, readFileSync(publication, "utf8").replace(/^name: (.*)$/m, "name: $1（修订）"));
  });

  afterAll(() => {
    if (site) rmSync(path.dirname(site), { recursive: true, force: true });
    if (content) rmSync(path.dirname(content), { recursive: true, force: true });
  });

  it("that fails on a content error leaves the site as it was", async () => {
    const issue = path.join(content, readdirSync(content).sort()[0], "2025/02.md");
    const text = readFileSync(issue, "utf8");
    writeFileSync(issue, text.replace(/^date: .*$/m, "date: 2025-02-30"));
    try {
      const { code, stderr } = await incremental().exited;
      expect(code).toBe(1);
      expect(stderr).toContain("error [date]: this day does not exist in the calendar");
      expect(digest(site)).toEqual(built);
      expect(leftovers(site)).toEqual([]);
    } finally {
      writeFileSync(issue, text);
    }
  });

  it.each([
    ["SIGINT", "the process group", "while rendering", 130],
    ["SIGTERM", "the build process", "while indexing for search", 143],
  ] as const)("stopped by %s to %s %s leaves the site as it was and nothing beside it", async (signal, target, phase, exitCode) => {
    const run = incremental();
    const staging = `${site}.staging-${run.child.pid}`;
    // The staging folder is there from the start; Pagefind reads the pages from it once they are all in.
    const indexing = () => processesMentioning(staging).some((command) => command.includes("pagefind"));
    await whileRunning(run, phase === "while rendering" ? () => existsSync(`${site}.rendering-${run.child.pid}`) : indexing);
    process.kill(target === "the process group" ? -run.child.pid! : run.child.pid!, signal);
    const { code } = await run.exited;
    expect(code).toBe(exitCode);
    expect(await survivorsMentioning(staging)).toEqual([]);
    expect(digest(site)).toEqual(built);
    expect(leftovers(site)).toEqual([]);
  });

  it("that fails while indexing leaves the site as it was", async () => {
    const { code, stderr } = await incremental({ PAGEFIND_EXTENDED_BINARY_PATH: "/nonexistent/pagefind" }).exited;
    expect(code).not.toBe(0);
    expect(stderr).toContain("Pagefind");
    expect(digest(site)).toEqual(built);
    expect(leftovers(site)).toEqual([]);
  });

  it("that finishes changes only the new site: files it shares with the previous one are never written", async () => {
    // The previous site's files, by their inodes: a file written in place would change here too.
    const previous = path.join(temporaryDir("atomic-previous"), "site");
    linkCopy(site, previous);
    const { code, stdout } = await incremental().exited;
    expect(code).toBe(0);
    // Still incremental after the builds that failed or were stopped.
    expect(stdout).toMatch(/^Updated /);
    expect(digest(previous)).toEqual(built);
    expect(digest(site)).not.toEqual(built);
    expect(leftovers(site)).toEqual([]);
  });

  it("after failed and stopped ones writes what a full build writes", async () => {
    const { code } = await incremental().exited;
    expect(code).toBe(0);
    const full = path.join(temporaryDir("atomic-full"), "site");
    await buildSite({ contentDir: content, outputDir: full });
    expect(digest(site)).toEqual(digest(full));
  });
});
