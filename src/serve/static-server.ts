/**
 * A small static file server for a built site: what `bulletin serve` and the browser tests use.
 * Serves only files inside the site folder (no path traversal, no symlinks out), with the
 * site's 404 page, correct types for Pagefind's files, and the path prefix the site was built for.
 */
import { createReadStream, promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
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

/** Streams a file; fails before anything is sent when it cannot be opened. */
function sendFile(request: http.IncomingMessage, response: http.ServerResponse, status: number, file: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on("error", (error) => (response.headersSent ? response.destroy() : reject(error)));
    stream.once("open", () => {
      response.writeHead(status, { ...headers, "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream" });
      if (request.method === "HEAD") {
        stream.destroy();
        response.end();
      } else {
        stream.pipe(response);
      }
      resolve();
    });
  });
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = path.resolve(options.root);
  const prefix = options.pathPrefix ?? "/";
  const headers = { ...options.headers, "X-Content-Type-Options": "nosniff" };
  const sendText = (response: http.ServerResponse, status: number, text: string) =>
    response.writeHead(status, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end(text);

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
      return sendFile(request, response, 200, file, headers);
    }
    const notFound = await findFile(root, path.join(root, "404.html"));
    if (notFound) return sendFile(request, response, 404, notFound, headers);
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
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
