/**
 * Gzip for the static server's text responses. The first search fetches Pagefind's scripts and
 * the shard list, a few hundred KB of text that gzip cuts to a third or less. Which responses are
 * compressed is decided here; the server does the HTTP around it (static-server.ts).
 */
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

/** Below this, the gzip header and the time spent cost about what compression saves. */
export const MIN_COMPRESSED_SIZE = 1024;
/** Bodies are compressed in memory; a bigger file is sent as it is rather than held whole. */
export const MAX_COMPRESSED_SIZE = 16 * 1024 * 1024;

/**
 * Whether a response of this Content-Type is text that gzip shrinks: html, css, scripts, json
 * (feeds, the shard list, manifests), xml (feeds, sitemap), svg, plain text. Everything else is
 * either compressed already (images, pdf, fonts, and Pagefind's files and the phrase index
 * parts, which are gzip bytes under application/octet-stream) or not worth the work.
 */
export function isCompressibleType(contentType: string): boolean {
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  return /^(?:text\/[\w.+-]+|image\/svg\+xml|application\/(?:javascript|(?:[\w.-]+\+)?(?:json|xml)))$/.test(mediaType);
}

/** The weight of one Accept-Encoding element's parameters: 1 without q, 0 for a malformed q. */
function qValue(parameters: string[]): number {
  const q = parameters.find((parameter) => parameter.startsWith("q="));
  if (q === undefined) return 1;
  // RFC 9110 §12.4.2: "0" to "1" with at most three decimals. Anything else is not a yes.
  return /^q=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(q) ? Number(q.slice(2)) : 0;
}

/**
 * Whether an Accept-Encoding header allows gzip (RFC 9110 §12.5.3): `gzip` (or its old name
 * `x-gzip`) with a weight above 0, or, when gzip is not named, `*` with a weight above 0. A
 * missing or empty header gets the file as it is, which every client can read.
 */
export function acceptsGzip(header: string | undefined): boolean {
  let gzipWeight: number | undefined;
  let anyWeight = 0;
  for (const element of (header ?? "").split(",")) {
    const [coding, ...parameters] = element.split(";").map((part) => part.trim().toLowerCase());
    if (coding === "gzip" || coding === "x-gzip") gzipWeight = Math.max(gzipWeight ?? 0, qValue(parameters));
    else if (coding === "*") anyWeight = qValue(parameters);
  }
  return (gzipWeight ?? anyWeight) > 0;
}

/**
 * Compressed bodies by file, bounded in total size, least recently used dropped first, so a
 * file asked for again is not compressed again. Each entry holds the version of the file it was
 * made from (static-server.ts: inode, size, modification time); a request for another version
 * (`bulletin serve` rebuilt the site) compresses afresh and replaces it, so a stale body is
 * never served.
 */
export class GzipCache {
  private readonly entries = new Map<string, { version: string; body: Buffer }>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The gzip of `file` at `version`; `read` gives its bytes when it has to be compressed. */
  async gzip(file: string, version: string, read: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.entries.get(file);
    if (cached?.version === version) {
      // Moved to the end: the Map's order is the order of use.
      this.entries.delete(file);
      this.entries.set(file, cached);
      return cached.body;
    }
    const body = await gzipAsync(await read());
    this.store(file, version, body);
    return body;
  }

  private store(file: string, version: string, body: Buffer): void {
    this.forget(file);
    if (body.length > this.maxBytes) return;
    this.entries.set(file, { version, body });
    this.bytes += body.length;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
  }

  private forget(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.bytes -= entry.body.length;
    this.entries.delete(file);
  }

  /** The bytes of compressed bodies held. */
  get heldBytes(): number {
    return this.bytes;
  }
}
