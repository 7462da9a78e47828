/**
 * The server's side of the live preview (src/serve/live-reload.ts), over real HTTP on a small
 * hand-made site: which URL paths a rebuild changed, what a page is told it missed since the
 * version it was served at, the failure it is shown, and the script tag the pages are sent with.
 * In a browser, against `bulletin serve`: live-preview.test.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedUrlPaths, LiveReload } from "../src/serve/live-reload.ts";
import type { Update } from "../src/serve/live-reload-protocol.ts";
import { startStaticServer, type StaticServer } from "../src/serve/static-server.ts";
import { temporaryDir } from "./support/site.ts";

describe("the URL paths a rebuild changed", () => {
  it("names a page by its folder and other files by name, percent-decoded", () => {
    const files = ["index.html", "zsia/2026/3/index.html", "404.html", "assets/site.css", "zsia/2026/assets/图 1.png", "feed.xml"];
    expect(changedUrlPaths(files, "/")).toEqual(["/", "/zsia/2026/3/", "/404.html", "/assets/site.css", "/zsia/2026/assets/图 1.png", "/feed.xml"]);
  });

  it("keeps to the path prefix", () => {
    expect(changedUrlPaths(["index.html", "zsia/2026/3/index.html"], "/archive/")).toEqual(["/archive/", "/archive/zsia/2026/3/"]);
  });

  it("counts the search page changed when the search bundle is", () => {
    expect(changedUrlPaths(["pagefind/fragment/zh-cn_1.pf_fragment", "pagefind/index/zh-cn_2.pf_index"], "/archive/")).toEqual([
      "/archive/pagefind/fragment/zh-cn_1.pf_fragment",
      "/archive/search/",
      "/archive/pagefind/index/zh-cn_2.pf_index",
    ]);
  });
});

/** One server-sent event stream, read an event at a time. */
class EventStream {
  private readonly controller = new AbortController();
  private readonly reader: Promise<ReadableStreamDefaultReader<string>>;
  private buffer = "";

  constructor(url: URL, headers: Record<string, string> = {}) {
    this.reader = fetch(url, { headers, signal: this.controller.signal }).then((response) => {
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      return response.body!.pipeThrough(new TextDecoderStream()).getReader();
    });
  }

  /** The next update, with its id; undefined when the server ended the stream. */
  async next(): Promise<{ id: string; update: Update } | undefined> {
    const reader = await this.reader;
    for (;;) {
      const match = /id: (\S+)\nevent: update\ndata: (.*)\n\n/.exec(this.buffer);
      if (match) {
        this.buffer = this.buffer.slice(match.index + match[0].length);
        return { id: match[1], update: JSON.parse(match[2]) as Update };
      }
      const { done, value } = await reader.read();
      if (done) return undefined;
      this.buffer += value;
    }
  }

  close(): void {
    this.controller.abort();
  }
}

describe("the live preview's server", () => {
  const PREFIX = "/archive/";
  let live: LiveReload;
  let server: StaticServer;
  const streams: EventStream[] = [];

  /** The version the pages are served at now. */
  const currentVersion = () => /data-version="([^"]+)"/.exec(live.htmlAddition(200).markup)![1];
  const stream = (since: string | undefined, headers: Record<string, string> = {}) => {
    const url = new URL(".bulletin-serve/events", server.url);
    if (since !== undefined) url.searchParams.set("since", since);
    const opened = new EventStream(url, headers);
    streams.push(opened);
    return opened;
  };
  const firstUpdate = async (since: string | undefined, headers: Record<string, string> = {}) => (await stream(since, headers).next())!;

  beforeAll(async () => {
    const root = temporaryDir("live");
    mkdirSync(path.join(root, "zsia/2026/3"), { recursive: true });
    writeFileSync(path.join(root, "index.html"), "<!DOCTYPE html><html><head><title>home</title></head><body>home</body></html>");
    writeFileSync(path.join(root, "zsia/2026/3/index.html"), "<!DOCTYPE html><html><head><title>issue</title></head><body>issue</body></html>");
    writeFileSync(path.join(root, "404.html"), "<!DOCTYPE html><html><head><title>missing</title></head><body>missing</body></html>");
    writeFileSync(path.join(root, "notes.txt"), "</head> as text");
    live = new LiveReload(PREFIX);
    server = await startStaticServer({ root, pathPrefix: PREFIX, addition: live });
  });
  afterAll(async () => {
    streams.forEach((opened) => opened.close());
    live?.close();
    await server?.close();
  });

  it("adds its script to the head of every HTML page it sends, and to nothing else", async () => {
    const page = await (await fetch(new URL("zsia/2026/3/", server.url))).text();
    expect(page).toBe(
      `<!DOCTYPE html><html><head><title>issue</title><script src="/archive/.bulletin-serve/live-reload.js" data-version="${currentVersion()}" defer></script></head><body>issue</body></html>`,
    );
    const missing = await fetch(new URL("zsia/2099/", server.url));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(' data-not-found="/archive/404.html" defer></script></head>');
    expect(await (await fetch(new URL("notes.txt", server.url))).text()).toBe("</head> as text");
  });

  it("gives a page another ETag once the site has changed, and a 304 until then", async () => {
    const url = new URL("zsia/2026/3/", server.url);
    const etag = (await fetch(url)).headers.get("etag")!;
    expect((await fetch(url, { headers: { "If-None-Match": etag } })).status).toBe(304);
    live.rebuilt([]);
    const again = await fetch(url, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(`data-version="${currentVersion()}"`);
  });

  it("tells a page served at the current version that nothing changed", async () => {
    const version = currentVersion();
    expect(await firstUpdate(version)).toEqual({ id: version, update: { changed: [] } });
  });

  it("tells a page what every rebuild since its version changed, and a reconnecting stream since its last event", async () => {
    const served = currentVersion();
    live.rebuilt(["zsia/2026/3/index.html"]);
    const between = currentVersion();
    live.rebuilt(["assets/site.css", "zsia/2026/3/index.html"]);
    expect(await firstUpdate(served)).toEqual({ id: currentVersion(), update: { changed: ["/archive/zsia/2026/3/", "/archive/assets/site.css"] } });
    expect((await firstUpdate(between)).update.changed).toEqual(["/archive/assets/site.css", "/archive/zsia/2026/3/"]);
    // The browser's own reconnection names the last event it had, which wins over the page's version.
    expect((await firstUpdate(served, { "Last-Event-ID": between })).update.changed).toEqual(["/archive/assets/site.css", "/archive/zsia/2026/3/"]);
  });

  it("tells a page of another run, of no version or of one forgotten that everything changed", async () => {
    const served = currentVersion();
    const [run, version] = served.split(".");
    expect((await firstUpdate(`00${run}.${version}`)).update.changed).toBe("everything");
    expect((await firstUpdate(undefined)).update.changed).toBe("everything");
    expect((await firstUpdate(`${run}.${Number(version) + 1}`)).update.changed).toBe("everything");
    // The last 200 rebuilds are remembered.
    for (let rebuild = 0; rebuild < 200; rebuild += 1) live.rebuilt([]);
    expect((await firstUpdate(served)).update.changed).toEqual([]);
    live.rebuilt([]);
    expect((await firstUpdate(served)).update.changed).toBe("everything");
  });

  it("tells every open page why a rebuild failed, in the site's language, until one succeeds", async () => {
    const open = stream(currentVersion());
    expect((await open.next())?.update).toEqual({ changed: [] });
    const lines = ["zsia/2026/03.md:4: error [date]: this day does not exist in the calendar"];
    live.failed(lines, "en");
    const failed = (await open.next())!.update;
    expect(failed).toEqual({
      changed: [],
      failure: { id: expect.any(String), locale: "en", heading: "The rebuild failed", explanation: expect.stringContaining("Fix"), dismiss: "Dismiss", lines },
    });
    // A page opened meanwhile is told at once, in Chinese unless the site says otherwise.
    live.failed(lines, undefined);
    const chinese = (await open.next())!.update.failure!;
    expect(chinese).toMatchObject({ locale: "zh-CN", heading: "重新构建失败", dismiss: "关闭", lines });
    expect(chinese.id).not.toBe(failed.failure!.id);
    expect((await firstUpdate(currentVersion())).update.failure).toEqual(chinese);

    live.rebuilt(["index.html"]);
    expect((await open.next())!.update).toEqual({ changed: ["/archive/"] });
  });

  it("ends its streams when it is closed", async () => {
    const open = stream(currentVersion());
    await open.next();
    live.close();
    expect(await open.next()).toBeUndefined();
  });
});
