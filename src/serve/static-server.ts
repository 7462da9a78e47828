/**
 * A small static file server for a built site: what `bulletin serve` and the browser tests use.
 * Serves only files inside the site folder (no path traversal, no symlinks out), with the
 * site's 404 page, correct types for Pagefind's files, and the path prefix the site was built for;
 * text gzip-compressed for clients that accept it, and ETags for revalidation. No Range requests:
 * they get the whole file.
 */
import { type BigIntStats, promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { acceptsGzip, GzipCache, isCompressibleType, MAX_COMPRESSED_SIZE, MIN_COMPRESSED_SIZE } from "./compression.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

export interface StaticServerOptions {
  root: string;
  host?: string;
  port?: number;
  /** The path prefix the site was built with, e.g. `/archive/`. */
  pathPrefix?: string;
  /** Extra response headers, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** The file a request path maps to, or undefined when it would leave the root. */
export function resolveRequestPath(root: string, pathPrefix: string, requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const prefix = pathPrefix.replace(/\/$/, "");
  if (prefix && !(decoded === prefix || decoded.startsWith(`${prefix}/`))) return undefined;
  const inside = decoded.slice(prefix.length);
  const file = path.resolve(root, `.${path.posix.normalize(`/${inside}`)}`);
  const relative = path.relative(root, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  return file;
}

async function findFile(root: string, file: string): Promise<string | undefined> {
  for (const candidate of [file, path.join(file, "index.html")]) {
    const stat = await fs.stat(candidate).catch(() => undefined);
    if (!stat?.isFile()) continue;
    // A symlink inside the site must not lead outside it.
    const real = await fs.realpath(candidate);
    const realRoot = await fs.realpath(root);
    if (path.relative(realRoot, real).startsWith("..")) return undefined;
    return candidate;
  }
  return undefined;
}

/** Compressed bodies a server keeps in memory: enough for a site's scripts, styles and busiest pages. */
const GZIP_CACHE_BYTES = 64 * 1024 * 1024;

/** What every file response of one server shares. */
interface FileResponses {
  headers: Record<string, string>;
  gzipCache: GzipCache;
}

/**
 * One version of a file. A rebuild replaces a file by a new one (a new inode) or writes it again
 * (a new modification time), so a rebuilt file never passes for the one before.
 */
function fileVersion(stat: BigIntStats): string {
  return [stat.ino, stat.size, stat.mtimeNs].map((value) => value.toString(36)).join("-");
}

/** Whether the copy the client has, named by its ETag or its date, is the one it would get. */
function isNotModified(request: http.IncomingMessage, etag: string, modified: Date): boolean {
  const ifNoneMatch = request.headers["if-none-match"];
  // With both, the ETag decides (RFC 9110 §13.2.2): it tells the gzip and the plain body apart.
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === etag);
  }
  const since = Date.parse(request.headers["if-modified-since"] ?? "");
  // HTTP dates have whole seconds; NaN (no date, or a bad one) compares false.
  return since >= Math.floor(modified.getTime() / 1000) * 1000;
}

/**
 * Sends a file, gzip-compressed when it is text and the client accepts gzip (compression.ts).
 * Fails before anything is sent when it cannot be opened. Everything is read through one open
 * handle, so the ETag and the length describe the bytes sent even while a rebuild swaps files.
 */
async function sendFile(request: http.IncomingMessage, response: http.ServerResponse, status: number, file: string, site: FileResponses): Promise<void> {
  const handle = await fs.open(file);
  let streaming = false;
  try {
    const stat = await handle.stat({ bigint: true });
    const size = Number(stat.size);
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    const compressible = isCompressibleType(type);
    const gzip = compressible && size >= MIN_COMPRESSED_SIZE && size <= MAX_COMPRESSED_SIZE && acceptsGzip(request.headers["accept-encoding"]);
    const version = fileVersion(stat);
    // The gzip body is another representation, with bytes of its own: it needs its own ETag.
    const etag = `"${version}${gzip ? "-gzip" : ""}"`;
    // What a 304 repeats of the full response.
    const validation = {
      ...site.headers,
      // On every response of a compressible type, compressed or not: a cache must not hand the
      // gzip body to a client that did not ask for it, or the plain one to every client.
      ...(compressible && { Vary: "Accept-Encoding" }),
      // Only a file found has validators; the 404 page stands for one that is missing.
      ...(status === 200 && { ETag: etag, "Last-Modified": stat.mtime.toUTCString() }),
    };
    if (status === 200 && isNotModified(request, etag, stat.mtime)) return void response.writeHead(304, validation).end();

    const body = gzip ? await site.gzipCache.gzip(file, version, () => handle.readFile()) : undefined;
    response.writeHead(status, {
      ...validation,
      "Content-Type": type,
      ...(body && { "Content-Encoding": "gzip" }),
      "Content-Length": body?.length ?? size,
    });
    if (request.method === "HEAD") return void response.end();
    if (body) return void response.end(body);
    // The stream closes the handle when it ends or fails; a failure mid-way cuts the response.
    const stream = handle.createReadStream();
    streaming = true;
    await pipeline(stream, response);
  } finally {
    if (!streaming) await handle.close();
  }
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const prefix = options.pathPrefix ?? "/";
  // no-cache: browsers ask again every time (a 304 when nothing changed), so a rebuilt page is
  // seen at once rather than after a freshness the browser guessed from Last-Modified.
  const headers = { "Cache-Control": "no-cache", ...options.headers, "X-Content-Type-Options": "nosniff" };
  const files: FileResponses = { headers, gzipCache: new GzipCache(GZIP_CACHE_BYTES) };
  const sendText = (response: http.ServerResponse, status: number, text: string) => response.writeHead(status, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end(text);

  async function respond(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== "GET" && request.method !== "HEAD") return void sendText(response, 405, "Method Not Allowed");
    const requestPath = URL.parse(request.url ?? "/", "http://localhost")?.pathname;
    if (requestPath === undefined) return void sendText(response, 400, "Bad Request");
    const target = resolveRequestPath(root, prefix, requestPath);
    const file = target && (await findFile(root, target));
    if (file) {
      if (!requestPath.endsWith("/") && file.endsWith(`${path.sep}index.html`) && !target.endsWith("index.html")) {
        // One leading slash: "//host/" in a Location header would send the browser to another site.
        response.writeHead(301, { Location: `/${requestPath.replace(/^\/+/, "")}/` }).end();
        return;
      }
      return sendFile(request, response, 200, file, files);
    }
    const notFound = await findFile(root, path.join(root, "404.html"));
    if (notFound) return sendFile(request, response, 404, notFound, files);
    sendText(response, 404, "Not Found");
  }

  const server = http.createServer((request, response) => {
    // While `bulletin serve` swaps a rebuilt site in, a file found a moment ago can be gone.
    // That must cost one request, not the server.
    respond(request, response).catch(() => {
      if (response.headersSent) response.destroy();
      else sendText(response, 503, "Service Unavailable: try again in a moment");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${prefix}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
