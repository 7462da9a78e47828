/**
 * `bulletin serve`: the static server keeps to the site folder, the rebuild queue never runs two
 * rebuilds at once, and the command (a child process) builds, serves, rebuilds on edits, keeps
 * serving the previous site when an edit breaks the content, and stops on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRebuildQueue } from "../src/serve/rebuilder.ts";
import type { StaticServer } from "../src/serve/static-server.ts";
import { buildTemporarySite, FIXTURE_ARCHIVE, serveSite, temporaryDir } from "./support/site.ts";

const BULLETIN = path.resolve(import.meta.dirname, "../scripts/bulletin.js");
const SECRET = "TOP SECRET, outside the site";
/** Long enough for a slow machine; the tests poll, they do not measure. */
const PATIENCE = { timeout: 90_000, interval: 250 };

/** A raw GET: fetch() would resolve "..", and the point is to send it to the server as is. */
function rawGet(base: string, requestPath: string): Promise<{ status: number; body: string; location?: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: requestPath }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, location: response.headers.location }));
      })
      .on("error", reject);
  });
}

describe("the static server", () => {
  let server: StaticServer;

  beforeAll(async () => {
    const { dir } = await buildTemporarySite(FIXTURE_ARCHIVE);
    const outside = path.dirname(dir);
    writeFileSync(path.join(outside, "secret.txt"), SECRET);
    mkdirSync(path.join(outside, "private"));
    writeFileSync(path.join(outside, "private", "secret.txt"), SECRET);
    symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "leak.txt"));
    symlinkSync(path.join(outside, "private"), path.join(dir, "leak"));
    server = await serveSite(dir);
  });
  afterAll(() => server?.close());

  it("listens on 127.0.0.1 unless told otherwise", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("serves the site's pages", async () => {
    const home = await rawGet(server.url, "/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("测试产业周报");
    expect((await rawGet(server.url, "/weekly/2026/2/")).body).toContain("工业互联网平台培育");
  });

  it.each([
    "/../secret.txt",
    "/../../../../../../etc/passwd",
    "/%2e%2e/secret.txt",
    "/%2e%2e%2fsecret.txt",
    "/..%2fsecret.txt",
    "/weekly/..%2f..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/%2e%2e%5csecret.txt",
    "/secret.txt%00.html",
    "/%00",
    "/%",
    "/leak.txt",
    "/leak/secret.txt",
    "//etc/passwd",
  ])("answers %s with 404 or 400, never a file outside the site", async (requestPath) => {
    const response = await rawGet(server.url, requestPath);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain("root:");
  });

  it("redirects a folder to its slash form on this site only", async () => {
    expect(await rawGet(server.url, "/weekly")).toMatchObject({ status: 301, location: "/weekly/" });
    expect(await rawGet(server.url, "/.//weekly")).toMatchObject({ status: 301, location: "/weekly/" });
  });
});

describe("the rebuild queue", () => {
  it("gathers a burst of changes into one rebuild and never runs two at once", async () => {
    const runs: string[][] = [];
    let active = 0;
    let mostAtOnce = 0;
    let finishFirst!: () => void;
    const firstBlocks = new Promise<void>((resolve) => (finishFirst = resolve));
    const queue = createRebuildQueue(async (files) => {
      runs.push(files);
      active += 1;
      mostAtOnce = Math.max(mostAtOnce, active);
      if (runs.length === 1) await firstBlocks;
      active -= 1;
    }, 10);

    queue.changed("a.md");
    queue.changed("b.md");
    queue.changed("a.md");
    await vi.waitFor(() => expect(runs).toHaveLength(1));
    queue.changed("c.md");
    queue.changed("d.md");
    // The queue waits for the first rebuild, however long it takes, before starting the next.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toHaveLength(1);
    finishFirst();
    await vi.waitFor(() => expect(runs).toHaveLength(2));
    await queue.close();
    expect(runs).toEqual([["a.md", "b.md"], ["c.md", "d.md"]]);
    expect(mostAtOnce).toBe(1);
  });
});

/** `bulletin serve` as a child process, with everything it has printed so far. */
class ServeProcess {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [BULLETIN, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.stdout += chunk));
    this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** The URL the command prints once the first build is served. */
  async url(): Promise<string> {
    let url = "";
    await vi.waitFor(() => {
      url = /Serving .* at (http:\/\/\S+)/.exec(this.stdout)?.[1] ?? "";
      expect(url, `stdout: ${this.stdout}\nstderr: ${this.stderr}`).not.toBe("");
    }, PATIENCE);
    return url;
  }
}

describe("bulletin serve", () => {
  let content: string;
  let serve: ServeProcess;
  let url: string;
  const issueFile = () => path.join(content, "weekly/2026/02.md");
  const page = async () => (await fetch(new URL("weekly/2026/2/", url))).text();
  const edit = (from: string, to: string) => writeFileSync(issueFile(), readFileSync(issueFile(), "utf8").replace(from, to));

  beforeAll(async () => {
    const dir = temporaryDir("serve");
    content = path.join(dir, "content");
    cpSync(FIXTURE_ARCHIVE, content, { recursive: true });
    serve = new ServeProcess(["--content", content, "--output", path.join(dir, "site"), "--port", "0"]);
    url = await serve.url();
  });
  afterAll(() => {
    if (serve.child.exitCode === null) serve.child.kill("SIGKILL");
  });

  it("builds, then serves the site on 127.0.0.1 and prints its URL", async () => {
    expect(serve.stdout).toMatch(/^Building .* …\nBuilt /);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await page()).toContain("工业互联网平台培育");
  });

  it("says clearly when the port is taken", async () => {
    const second = new ServeProcess(["--content", content, "--output", path.join(temporaryDir("serve"), "site"), "--port", new URL(url).port]);
    expect(await second.exited).toBe(1);
    expect(second.stderr.trim()).toBe(`bulletin: port ${new URL(url).port} on 127.0.0.1 is already in use (another bulletin serve?); stop it or choose another port with --port`);
  });

  it("rebuilds when an issue file changes", async () => {
    edit("### 工业互联网平台培育", "### 工业互联网平台培育计划发布");
    await vi.waitFor(async () => expect(await page()).toContain("工业互联网平台培育计划发布"), PATIENCE);
  });

  it("keeps serving the previous site when an edit breaks the content, and recovers when it is fixed", async () => {
    edit("sections: [产业动态]", "sections: [产业动向]");
    await vi.waitFor(() => expect(serve.stderr).toContain("Still serving the previous site"), PATIENCE);
    expect(serve.stderr).toContain("weekly/2026/02.md:5: error [sections[0]]: the section 产业动向 is not registered in publication.yaml (did you mean 产业动态?)");
    expect(await page()).toContain("工业互联网平台培育计划发布");

    edit("sections: [产业动向]", "sections: [产业动态]");
    edit("### 工业互联网平台培育计划发布", "### 平台培育计划再次修订");
    await vi.waitFor(async () => expect(await page()).toContain("平台培育计划再次修订"), PATIENCE);
  });

  it("stops on SIGTERM", async () => {
    // Let the last rebuild finish: a signal during a build interrupts it (exit 143, see staging.ts).
    const idle = () => serve.stdout.lastIndexOf("Rebuilt in") > serve.stdout.lastIndexOf("Changed:");
    await vi.waitFor(() => expect(idle()).toBe(true), PATIENCE);
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
    expect(serve.stdout).toContain("Stopping");
  });
});
