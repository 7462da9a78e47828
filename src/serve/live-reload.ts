/**
 * The server's side of the live preview (live-reload-protocol.ts): the script tag added to every
 * HTML page `bulletin serve` sends, the script and stylesheet it loads, and the event stream
 * that tells open pages what each rebuild changed or why it failed. Nothing of it is ever
 * written into the site folder. Design: docs/architecture.md, "Live preview".
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import type http from "node:http";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { searchUrl } from "../content/urls.ts";
import { previewMessages } from "../i18n/messages.ts";
import { LOCALES, type Locale, translator } from "../i18n/translate.ts";
import { BUNDLE_DIR } from "../search/bundle-format.ts";
import { CLIENT_SCRIPT, CLIENT_STYLESHEET, EVENT_STREAM, type Failure, RESERVED_DIR, UPDATE_EVENT, type Update } from "./live-reload-protocol.ts";
import type { ServerAddition } from "./static-server.ts";

const CLIENT_ENTRY = fileURLToPath(new URL("client/live-reload.ts", import.meta.url));
const CLIENT_STYLES = fileURLToPath(new URL("client/live-reload.css", import.meta.url));

/** Rebuilds remembered: a page served before them all is reloaded whatever changed. */
const HISTORY = 200;
/** A comment sent to every open stream now and then, so that one whose page has gone is noticed and closed. */
const HEARTBEAT_MS = 30_000;
/** How soon a browser tries again when the stream breaks (the server restarting, say). */
const RETRY_MS = 1000;

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The URL paths (live-reload-protocol.ts: `Update.changed`) of changed site files: a page by its
 * folder; the search page too when the search bundle changed, since its results come from it.
 */
export function changedUrlPaths(files: string[], pathPrefix: string): string[] {
  const base = pathPrefix.replace(/\/$/, "");
  const paths = new Set<string>();
  for (const file of files) {
    paths.add(`${base}/${file.replace(/(^|\/)index\.html$/, "$1")}`);
    if (file.startsWith(`${BUNDLE_DIR}/`)) paths.add(base + searchUrl());
  }
  return [...paths];
}

export class LiveReload implements ServerAddition {
  /** Tells this run of `bulletin serve` from an earlier one, whose versions mean nothing here. */
  private readonly run = randomBytes(4).toString("hex");
  /** The version of the site being served: how many builds have been swapped in. */
  private version = 0;
  /** The URL paths each build changed, by version, the latest HISTORY of them. */
  private readonly history = new Map<number, string[]>();
  private failure: Failure | undefined;
  private failures = 0;
  private readonly streams = new Set<http.ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;
  private client: Promise<string> | undefined;

  constructor(private readonly pathPrefix: string) {
    this.heartbeat = setInterval(() => this.streams.forEach((stream) => stream.write(": still here\n\n")), HEARTBEAT_MS).unref();
  }

  private get id(): string {
    return `${this.run}.${this.version}`;
  }

  /** A build was swapped in, changing these site files (BuildSummary.changed). */
  rebuilt(files: string[]): void {
    this.version += 1;
    this.history.set(this.version, changedUrlPaths(files, this.pathPrefix));
    this.history.delete(this.version - HISTORY);
    this.failure = undefined;
    this.broadcast(this.history.get(this.version)!);
  }

  /**
   * A rebuild failed: the site stays as it is, and every open page shows why, in `lines`, with
   * words in the site's interface language.
   */
  failed(lines: string[], locale: Locale = LOCALES[0]): void {
    this.failures += 1;
    const t = translator(previewMessages, locale);
    this.failure = { id: `${this.run}.${this.failures}`, locale, heading: t("failedHeading"), explanation: t("failedExplanation"), dismiss: t("dismiss"), lines };
    this.broadcast([]);
  }

  /** Ends the open streams; the browsers try again, and find whatever serves next. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  /** What changed after the version a page names; "everything" for a version of another run, or one forgotten. */
  private changedSince(since: string | undefined): Update["changed"] {
    const [run, version] = (since ?? "").split(".");
    const from = Number(version);
    if (run !== this.run || !Number.isInteger(from) || from > this.version) return "everything";
    const changed = new Set<string>();
    for (let v = from + 1; v <= this.version; v += 1) {
      const paths = this.history.get(v);
      if (!paths) return "everything";
      paths.forEach((p) => changed.add(p));
    }
    return [...changed];
  }

  private send(stream: http.ServerResponse, update: Update): void {
    stream.write(`id: ${this.id}\nevent: ${UPDATE_EVENT}\ndata: ${JSON.stringify(update)}\n\n`);
  }

  private broadcast(changed: string[]): void {
    for (const stream of this.streams) this.send(stream, { changed, failure: this.failure });
  }

  htmlAddition(status: number): { markup: string; version: string } {
    const prefix = this.pathPrefix;
    const notFound = status === 404 ? ` data-not-found="${escapeAttribute(`${prefix}404.html`)}"` : "";
    const src = escapeAttribute(`${prefix}${RESERVED_DIR}/${CLIENT_SCRIPT}`);
    return { markup: `<script src="${src}" data-version="${this.id}"${notFound} defer></script>`, version: `${this.id}-${status}` };
  }

  async respond(request: http.IncomingMessage, response: http.ServerResponse, sitePath: string, headers: Record<string, string>): Promise<boolean> {
    const dir = `/${RESERVED_DIR}/`;
    if (!sitePath.startsWith(dir)) return false;
    const name = sitePath.slice(dir.length);
    const send = (type: string, body: string) => response.writeHead(200, { ...headers, "Content-Type": type }).end(request.method === "HEAD" ? undefined : body);
    if (name === CLIENT_SCRIPT) send("text/javascript; charset=utf-8", await this.clientScript());
    else if (name === CLIENT_STYLESHEET) send("text/css; charset=utf-8", await fs.readFile(CLIENT_STYLES, "utf8"));
    else if (name === EVENT_STREAM) this.open(request, response, headers);
    else response.writeHead(404, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end("Not Found");
    return true;
  }

  /** The browser's script, bundled once from TypeScript when first asked for. */
  private clientScript(): Promise<string> {
    this.client ??= build({ entryPoints: [CLIENT_ENTRY], bundle: true, format: "iife", target: "es2020", write: false, logLevel: "silent" }).then((result) => result.outputFiles[0].text);
    return this.client;
  }

  private open(request: http.IncomingMessage, response: http.ServerResponse, headers: Record<string, string>): void {
    const since = request.headers["last-event-id"] ?? URL.parse(request.url ?? "", "http://localhost")?.searchParams.get("since") ?? undefined;
    response.writeHead(200, { ...headers, "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
    if (request.method === "HEAD") return void response.end();
    response.write(`retry: ${RETRY_MS}\n\n`);
    this.send(response, { changed: this.changedSince(typeof since === "string" ? since : undefined), failure: this.failure });
    this.streams.add(response);
    response.on("close", () => this.streams.delete(response));
  }
}
