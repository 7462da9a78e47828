/**
 * Parsed issue files kept between builds. A file whose size and times are unchanged, or failing
 * that whose text has the same SHA-1, in the same context, is not parsed again; its local links
 * are resolved again, so a linked file that appeared or disappeared still counts as a change.
 * Saved with v8 serialisation, which keeps the Maps of a parsed issue. Parsing is most of the
 * load phase: docs/performance.md.
 */
import { promises as fs, type Stats } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { deserialize, serialize } from "node:v8";
import { type IssueFileCache, type IssueFileResult, type LocalResolver, readContentFile, textDigest } from "../content/archive.ts";

interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

interface Entry {
  stamp: FileStamp;
  context: string;
  result: IssueFileResult;
}

interface SavedCache {
  /** The code that parsed the entries (see code-fingerprint.ts); other code means other results. */
  fingerprint: string;
  entries: [string, Entry][];
}

const stampOf = (stat: Stats): FileStamp => ({ size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs });

export class IssueCache implements IssueFileCache {
  private readonly entries: Map<string, Entry>;
  /** Each file's stamp as seen before it was read, for the entry stored after it is parsed. */
  private readonly stamps = new Map<string, FileStamp>();

  constructor(
    readonly fingerprint: string,
    entries: Iterable<[string, Entry]> = [],
  ) {
    this.entries = new Map(entries);
  }

  /** The cache saved at `file`, or an empty one when there is none or other code wrote it. */
  static async read(file: string, fingerprint: string): Promise<IssueCache> {
    const bytes = await fs.readFile(file).catch(() => undefined);
    const saved = bytes && (deserialize(bytes) as SavedCache);
    return new IssueCache(fingerprint, saved?.fingerprint === fingerprint ? saved.entries : []);
  }

  /** Saves the entries of the files looked up since the last save; the others are forgotten. */
  async save(file: string): Promise<void> {
    for (const name of this.entries.keys()) if (!this.stamps.has(name)) this.entries.delete(name);
    this.stamps.clear();
    const saved: SavedCache = { fingerprint: this.fingerprint, entries: [...this.entries] };
    await fs.writeFile(file, serialize(saved));
  }

  async lookup(file: string, context: string, resolveLocal: LocalResolver): Promise<IssueFileResult | undefined> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) return undefined;
    const stamp = stampOf(stat);
    this.stamps.set(file, stamp);
    const entry = this.entries.get(file);
    if (!entry || entry.context !== context) return undefined;
    if (!isDeepStrictEqual(stamp, entry.stamp)) {
      const { text } = await readContentFile(file, file);
      if (text === undefined || textDigest(text) !== entry.result.digest) return undefined;
      entry.stamp = stamp;
    }
    const linksUnchanged = entry.result.links.every(([target, resolution]) => isDeepStrictEqual(resolveLocal(target), resolution));
    return linksUnchanged ? entry.result : undefined;
  }

  /**
   * What the issue built from `file` was made of, as a string: its text's digest, its context and
   * what its links resolved to. Two loads with the same source gave the same issue (in the same
   * place). Undefined for a file this cache has not seen.
   */
  sourceOf(file: string): string | undefined {
    const entry = this.entries.get(file);
    return entry && JSON.stringify([entry.result.digest, entry.context, entry.result.links]);
  }

  store(file: string, context: string, result: IssueFileResult): void {
    const stamp = this.stamps.get(file);
    // Unreadable files are read (and reported) again next time.
    if (stamp && result.digest) this.entries.set(file, { stamp, context, result });
    else this.entries.delete(file);
  }
}
