/**
 * `bulletin serve`: the static server keeps to the site folder, the rebuild queue never runs two
 * rebuilds at once, and the command (a child process) builds, serves, rebuilds on edits, keeps
 * serving the previous site when an edit breaks the content, and stops on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { acceptsGzip, GzipCache } from "../src/serve/compression.ts";
import { createRebuildQueue } from "../src/serve/rebuilder.ts";
import type { StaticServer } from "../src/serve/static-server.ts";
import { buildTemporarySite, FIXTURE_ARCHIVE, serveSite, temporaryDir } from "./support/site.ts";

const BULLETIN = path.resolve(import.meta.dirname, "../scripts/bulletin.js");
const SECRET = "TOP SECRET, outside the site";
/** Long enough for a slow machine; the tests poll, they do not measure. */
const PATIENCE = { timeout: 90_000, interval: 250 };

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: fetch() would resolve "..", and would decompress what the server sent. */
function rawRequest(base: string, requestPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .request({ hostname, port, path: requestPath, ...options }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject)
      .end();
  });
}

async function rawGet(base: string, requestPath: string): Promise<{ status: number; body: string; location?: string }> {
  const { status, headers, body } = await rawRequest(base, requestPath);
  return { status, body: body.toString("utf8"), location: headers.location };
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

/** Text that compresses like a page does: repeated markup, varied numbers. */
const pageText = (lines: number) => Array.from({ length: lines }, (_, i) => `<p class="article">工业互联网平台培育 第${i}期</p>`).join("\n");

describe("compression in the static server", () => {
  const TEXT_FILES: Record<string, string> = {
    "index.html": `<!doctype html>\n${pageText(100)}`,
    "assets/app.js": `export const lines = [${pageText(60)
      .split("\n")
      .map((line) => JSON.stringify(line))
      .join(",")}];`,
    "assets/app.mjs": `export default ${JSON.stringify(pageText(60))};`,
    "assets/site.css": Array.from({ length: 100 }, (_, i) => `.article-${i} { margin: ${i}px 0; }`).join("\n"),
    "pagefind/shards.json": JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ shard: `all-${i}`, years: [2026 - (i % 5)] }))),
    "feed.xml": `<?xml version="1.0"?><feed>${pageText(60)}</feed>`,
    "logo.svg": `<svg xmlns="http://www.w3.org/2000/svg">${Array.from({ length: 60 }, (_, i) => `<rect x="${i}" y="0" width="1" height="1"/>`).join("")}</svg>`,
    "notes.txt": pageText(60),
    "site.webmanifest": JSON.stringify({ name: "简报", icons: Array.from({ length: 30 }, (_, i) => ({ src: `/icon-${i}.png`, sizes: `${i}x${i}` })) }),
    "404.html": `<!doctype html>\n<h1>Not found</h1>\n${pageText(60)}`,
  };
  /** Compressed already, or not text: sent as they are whatever the client accepts. */
  const OTHER_FILES: Record<string, Buffer> = {
    "pagefind/fragment/zh_1.pf_fragment": gzipSync(pageText(100)),
    "pagefind/index/zh_1.pf_index": gzipSync(pageText(100)),
    "pagefind/phrase-index/parts/0.json.gz": gzipSync(JSON.stringify({ 工业: [1, 2, 3] }).repeat(100)),
    "photo.png": randomBytes(4096),
    "report.pdf": Buffer.from(`%PDF-1.4\n${pageText(60)}`),
    "font.woff2": randomBytes(4096),
    "small.js": Buffer.from("export const small = true;\n"),
  };
  const GZIP = { "Accept-Encoding": "gzip, deflate, br" };
  let dir: string;
  let server: StaticServer;
  const get = (file: string, headers: Record<string, string> = {}, method = "GET") => rawRequest(server.url, `/${file}`, { method, headers });

  beforeAll(async () => {
    dir = temporaryDir("compression");
    const files = { ...TEXT_FILES, ...OTHER_FILES };
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    server = await serveSite(dir);
  });
  afterAll(() => server?.close());

  it.each(Object.keys(TEXT_FILES).filter((file) => file !== "404.html"))("gzips %s for a client that accepts gzip", async (file) => {
    const response = await get(file, GZIP);
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers.vary).toBe("Accept-Encoding");
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(gunzipSync(response.body).toString("utf8")).toBe(TEXT_FILES[file]);
    expect(response.body.length).toBeLessThan(Buffer.byteLength(TEXT_FILES[file]) / 2);
  });

  it.each([undefined, "", "identity", "gzip;q=0", "gzip; q=0.000, *", "*;q=0", "br, deflate", "gzip;q=2"])("sends the file as it is for Accept-Encoding: %j", async (acceptEncoding) => {
    const file = "index.html";
    const response = await get(file, acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding });
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBeUndefined();
    // The plain body varies by Accept-Encoding as much as the gzip one does.
    expect(response.headers.vary).toBe("Accept-Encoding");
    expect(Number(response.headers["content-length"])).toBe(Buffer.byteLength(TEXT_FILES[file]));
    expect(response.body.toString("utf8")).toBe(TEXT_FILES[file]);
  });

  it.each(["gzip", "GZIP", "x-gzip", "br;q=1, gzip;q=0.5", "identity;q=1, gzip;q=0.001", "*"])("gzips for Accept-Encoding: %s", async (acceptEncoding) => {
    expect((await get("index.html", { "Accept-Encoding": acceptEncoding })).headers["content-encoding"]).toBe("gzip");
  });

  it.each(Object.keys(OTHER_FILES))("leaves %s as it is", async (file) => {
    const response = await get(file, GZIP);
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(Number(response.headers["content-length"])).toBe(OTHER_FILES[file].length);
    expect(response.body.equals(OTHER_FILES[file])).toBe(true);
    // A tiny script is still a compressible type, whose response could vary with a bigger body.
    expect(response.headers.vary).toBe(file === "small.js" ? "Accept-Encoding" : undefined);
  });

  it("gzips the 404 page, which has no validators", async () => {
    const response = await get("missing/", GZIP);
    expect(response.status).toBe(404);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(response.body).toString("utf8")).toBe(TEXT_FILES["404.html"]);
    expect(response.headers.etag).toBeUndefined();
  });

  it.each([
    ["gzip", GZIP],
    ["plain", {}],
  ])("answers HEAD with the %s response's headers and no body", async (_, headers) => {
    const { date: _getDate, ...getHeaders } = (await get("assets/app.js", headers)).headers;
    const head = await get("assets/app.js", headers, "HEAD");
    const { date: _headDate, ...headHeaders } = head.headers;
    expect(head.status).toBe(200);
    expect(headHeaders).toEqual(getHeaders);
    expect(head.body.length).toBe(0);
  });

  it("gives the gzip body its own ETag and answers 304 only for the body the client would get", async () => {
    const gzipped = await get("pagefind/shards.json", GZIP);
    const plain = await get("pagefind/shards.json");
    const gzipTag = gzipped.headers.etag!;
    expect(gzipTag).toMatch(/^"[^"]+-gzip"$/);
    expect(plain.headers.etag).toBe(gzipTag.replace("-gzip", ""));
    expect(gzipped.headers["last-modified"]).toBe(plain.headers["last-modified"]);

    const notModified = await get("pagefind/shards.json", { ...GZIP, "If-None-Match": gzipTag });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers).toMatchObject({ etag: gzipTag, vary: "Accept-Encoding", "cache-control": "no-cache" });
    expect((await get("pagefind/shards.json", { ...GZIP, "If-None-Match": `"other", W/${gzipTag}` })).status).toBe(304);
    // The client's copy is the gzip body, but now it does not accept gzip: it needs the plain one.
    const nowPlain = await get("pagefind/shards.json", { "If-None-Match": gzipTag });
    expect(nowPlain.status).toBe(200);
    expect(nowPlain.body.toString("utf8")).toBe(TEXT_FILES["pagefind/shards.json"]);
    expect((await get("pagefind/shards.json", { ...GZIP, "If-None-Match": plain.headers.etag! })).status).toBe(200);

    expect((await get("pagefind/shards.json", { ...GZIP, "If-Modified-Since": gzipped.headers["last-modified"]! })).status).toBe(304);
    expect((await get("pagefind/shards.json", { ...GZIP, "If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT" })).status).toBe(200);
  });

  it("never serves the compressed body of a file a rebuild replaced", async () => {
    const file = "assets/site.css";
    const before = await get(file, GZIP);
    // As a rebuild does: a new file of the same size swapped in under the same name.
    const rebuilt = TEXT_FILES[file].replaceAll("margin", "paddin");
    writeFileSync(path.join(dir, "site.css.new"), rebuilt);
    renameSync(path.join(dir, "site.css.new"), path.join(dir, file));
    const after = await get(file, GZIP);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(gunzipSync(after.body).toString("utf8")).toBe(rebuilt);
  });
});

describe("the gzip cache", () => {
  const bytes = (text: string) => () => Promise.resolve(Buffer.from(text));

  it("compresses a file once per version", async () => {
    const cache = new GzipCache(1024 * 1024);
    const read = vi.fn(bytes(pageText(50)));
    const first = await cache.gzip("a.html", "v1", read);
    expect(await cache.gzip("a.html", "v1", read)).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);
    const changed = vi.fn(bytes("changed ".repeat(200)));
    expect(gunzipSync(await cache.gzip("a.html", "v2", changed)).toString("utf8")).toBe("changed ".repeat(200));
    expect(changed).toHaveBeenCalledTimes(1);
    // The old version's body was replaced, not kept beside the new one.
    expect(cache.heldBytes).toBe((await cache.gzip("a.html", "v2", changed)).length);
  });

  it("keeps to its bound, dropping the least recently used first", async () => {
    const size = gzipSync(pageText(50)).length;
    const cache = new GzipCache(size * 2);
    const reads = { a: vi.fn(bytes(pageText(50))), b: vi.fn(bytes(pageText(50))), c: vi.fn(bytes(pageText(50))) };
    await cache.gzip("a", "v", reads.a);
    await cache.gzip("b", "v", reads.b);
    await cache.gzip("a", "v", reads.a);
    await cache.gzip("c", "v", reads.c);
    expect(cache.heldBytes).toBeLessThanOrEqual(size * 2);
    await cache.gzip("a", "v", reads.a);
    await cache.gzip("b", "v", reads.b);
    expect(reads.a).toHaveBeenCalledTimes(1);
    expect(reads.b).toHaveBeenCalledTimes(2);
  });
});

describe("Accept-Encoding", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["gzip", true],
    ["deflate, gzip;q=1.0, *;q=0.5", true],
    ["gzip;q=0", false],
    ["gzip;q=0.0, *", false],
    ["*", true],
    ["*;q=0", false],
    ["br;q=0.9, *;q=0.1", true],
    ["identity", false],
    ["gzip;q=1.5", false],
    ["gzip;q=abc", false],
    [" GZip ; Q=0.2 ", true],
  ])("%j allows gzip: %s", (header, allowed) => {
    expect(acceptsGzip(header)).toBe(allowed);
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
    expect(runs).toEqual([
      ["a.md", "b.md"],
      ["c.md", "d.md"],
    ]);
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
    // Let the last rebuild finish: a signal during the first build stops it (exit 143, see src/cli/interrupts.ts).
    const idle = () => serve.stdout.lastIndexOf("Rebuilt in") > serve.stdout.lastIndexOf("Changed:");
    await vi.waitFor(() => expect(idle()).toBe(true), PATIENCE);
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
    expect(serve.stdout).toContain("Stopping");
  });
});
