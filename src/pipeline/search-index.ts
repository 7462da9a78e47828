/**
 * The search bundle, shard by shard (see search-shards.ts): Pagefind's CLI indexes a shard's
 * article pages into `<site>/pagefind/shards/<id>/` — as many shards at a time as the machine
 * has cores, each its own process, its memory bounded by the shard's size — and the phrase index
 * of those pages (src/search/phrase-index.ts) is written beside them. Shards are indexed while
 * the rest of the site is still rendering. At the end, the newest shard's index and phrase index
 * are copied to `<site>/pagefind/` with Pagefind's scripts: the primary bundle. The site folder is
 * a build's staging folder (staging.ts): an incremental build's holds the previous bundle, whose
 * shards listed as unchanged are kept, and anything written again is cleared first.
 * https://pagefind.app/docs/config-options/
 */
import { promises as fs, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { BUNDLE_DIR, PHRASE_INDEX_DIR, SHARD_MANIFEST, SHARDS_DIR } from "../search/bundle-format.ts";
import { articleGlob, type SearchShard, shardManifest } from "./search-shards.ts";
import type { ShardMessage, ShardReport, ShardTask } from "./shard-worker.ts";
import { linkTree, sleep, type Staging } from "./staging.ts";

export interface SearchIndexSummary {
  /** Articles in the index. */
  pages: number;
  shards: number;
  /** Shards indexed by this build (the others were unchanged). */
  indexed: number;
  /** Milliseconds spent writing phrase indexes. */
  phraseIndexMs: number;
}

/** Pagefind's own files in a bundle: what a shard keeps (its scripts only the primary bundle needs). */
const PAGEFIND_INDEX = /^(pagefind-entry\.json|.*\.pf_meta|index|fragment|filter)$/;
const isShardEntry = (name: string) => PAGEFIND_INDEX.test(name) || name === PHRASE_INDEX_DIR;

/** Pagefind's extended binary (it segments Chinese), or the one PAGEFIND_EXTENDED_BINARY_PATH names, as its Node API resolves it. */
function pagefindBinary(): string {
  const override = process.env.PAGEFIND_EXTENDED_BINARY_PATH;
  if (override) return override;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const executable = `pagefind_extended${platform === "windows" ? ".exe" : ""}`;
  return createRequire(import.meta.url).resolve(`@pagefind/${platform}-${os.arch()}/bin/${executable}`);
}

/**
 * Pagefind processes running for any build of this process: one slot per shard worker, in memory
 * the worker writes as it starts the process. A message would come too late when the process
 * exits a moment later, and an orphaned Pagefind goes on writing into the folder being removed.
 */
const pagefindPids = new Set<Int32Array>();

/** How long a killed Pagefind is waited for before the clean-up goes on regardless. */
const KILL_PATIENCE_MS = 3000;

/** Whether a process has ended: gone, or dead and waiting to be reaped (Linux's /proc tells). */
function hasEnded(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0];
    return state === "Z" || state === "X";
  } catch {
    return false;
  }
}

/**
 * Kills the Pagefind processes and waits until they have ended: one still running, if only for a
 * moment under load, would recreate folders below the staging folder being removed.
 */
function killPagefind(slots: Int32Array): void {
  const pids = [...slots].filter(Boolean);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + KILL_PATIENCE_MS;
  while (pids.some((pid) => !hasEnded(pid)) && Date.now() < deadline) sleep(10);
}

/**
 * Kills every Pagefind process a build of this process started, at once: for a process that
 * ends while builds are still running (src/pipeline/build.ts, `abandonBuilds`), which must not
 * leave Pagefind writing into a folder being removed. Synchronous, for a process's `exit` event.
 */
export function killIndexers(): void {
  for (const slots of pagefindPids) killPagefind(slots);
}

/** How long a worker is given to stop its Pagefind before it is terminated regardless. */
const WORKER_STOP_MS = 2000;

/** Tells a worker to kill its Pagefind and start no other; resolves when it has, has ended, or has not answered in time. */
function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage).off("exit", done);
      resolve();
    };
    const onMessage = (report: ShardReport) => report.type === "stopped" && done();
    const timer = setTimeout(done, WORKER_STOP_MS);
    worker.on("message", onMessage).once("exit", done);
    worker.postMessage("stop" satisfies ShardMessage);
  });
}

/** Worker threads running shard-worker.ts, one shard each at a time. */
class ShardWorkers {
  private readonly idle: Worker[] = [];
  private readonly waiting: { resolve: (worker: Worker) => void; reject: (error: Error) => void }[] = [];
  private readonly all: Worker[] = [];
  private readonly pids: Int32Array;
  private closed = false;

  constructor(private readonly size: number) {
    this.pids = new Int32Array(new SharedArrayBuffer(4 * size));
    pagefindPids.add(this.pids);
  }

  private spawnWorker(): Worker {
    // The worker is TypeScript: register tsx in it first, however this process loaded it.
    const tsx = import.meta.resolve("tsx/esm/api");
    const entry = new URL("./shard-worker.ts", import.meta.url).href;
    const workerData = { pids: this.pids, slot: this.all.length };
    const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData });
    this.all.push(worker);
    return worker;
  }

  /** Starts workers ahead of the first shard: loading one takes a few tenths of a second, which rendering can hide. */
  prepare(count: number): void {
    while (this.all.length < Math.min(count, this.size)) this.idle.push(this.spawnWorker());
  }

  private async acquire(): Promise<Worker> {
    if (this.closed) throw new Error("the build stopped its search indexing");
    const worker = this.idle.pop() ?? (this.all.length < this.size ? this.spawnWorker() : undefined);
    return worker ?? new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  async run(task: ShardTask): Promise<number> {
    const worker = await this.acquire();
    try {
      return await new Promise<number>((resolve, reject) => {
        const settle = (settled: () => void) => {
          worker.off("message", onMessage).off("error", onError).off("exit", onExit);
          settled();
        };
        const onMessage = (report: ShardReport) => {
          if (report.type === "stopped") return; // the task's own report follows
          settle(() => (report.type === "done" ? resolve(report.phraseIndexMs) : reject(new Error(report.message))));
        };
        const onError = (error: Error) => settle(() => reject(error));
        // A worker that ends without a word (terminated by close()) must not leave the build waiting.
        const onExit = () => settle(() => reject(new Error(`the search indexing of the shard ${task.shardId} was stopped`)));
        worker.on("message", onMessage).once("error", onError).once("exit", onExit);
        worker.postMessage(task);
      });
    } finally {
      this.release(worker);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error("the build stopped its search indexing"));
    // Each worker kills its own Pagefind first: terminated at any moment, a worker could be
    // between starting Pagefind and recording its pid.
    await Promise.all(this.all.map(stopWorker));
    await Promise.all(this.all.map((worker) => worker.terminate()));
    // A worker's Pagefind outlives it, and would go on writing into the site folder.
    killPagefind(this.pids);
    pagefindPids.delete(this.pids);
  }
}

async function pageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await fs.readFile(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

async function removeEntries(dir: string, keep: (name: string) => boolean): Promise<void> {
  const names = await fs.readdir(dir).catch(() => []);
  await Promise.all(names.filter((name) => !keep(name)).map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true })));
}

/** Links the entries of a bundle folder that `include` names, with whatever is inside them, into another. */
function linkEntries(from: string, to: string, include: (name: string) => boolean): void {
  linkTree(from, to, (relative) => relative.includes(path.sep) || include(relative));
}

/**
 * Writes the search bundle of a site whose article pages are being rendered: `index(shard)` once
 * a shard's pages are all in the site folder, then `finish()`.
 */
export class SearchIndexWriter {
  private readonly bundleDir: string;
  private readonly workers = new ShardWorkers(os.availableParallelism());
  private readonly pending: Promise<void>[] = [];
  private readonly indexed = new Set<string>();
  private phraseIndexMs = 0;
  private closing?: Promise<void>;
  private readonly onAbort = () => void this.close();

  private constructor(
    private readonly site: Staging,
    private readonly shards: SearchShard[],
    private readonly unchanged: ReadonlySet<string>,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.bundleDir = path.join(site.dir, BUNDLE_DIR);
  }

  /**
   * A writer into a staging folder, which keeps the `unchanged` shards it holds. Aborted, it stops
   * its workers at once (no Pagefind starts after), and what it was indexing fails.
   */
  static open(site: Staging, shards: SearchShard[], unchanged: ReadonlySet<string>, signal?: AbortSignal): SearchIndexWriter {
    const writer = new SearchIndexWriter(site, shards, unchanged, signal);
    signal?.addEventListener("abort", writer.onAbort, { once: true });
    writer.workers.prepare(writer.stale.length);
    return writer;
  }

  /** The shards that need indexing. */
  get stale(): SearchShard[] {
    return this.shards.filter((shard) => !this.unchanged.has(shard.id));
  }

  private shardPath(id: string): string {
    return path.join(BUNDLE_DIR, SHARDS_DIR, id);
  }

  private shardDir(shard: SearchShard): string {
    return path.join(this.site.dir, this.shardPath(shard.id));
  }

  /** Starts indexing a shard whose article pages are all in the site folder; `finish()` reports failures. */
  index(shard: SearchShard): void {
    if (this.unchanged.has(shard.id) || this.indexed.has(shard.id)) return;
    this.indexed.add(shard.id);
    const task: ShardTask = { binary: pagefindBinary(), siteDir: this.site.dir, glob: articleGlob(shard.issueUrls), outputDir: this.shardDir(shard), shardId: shard.id };
    this.site.remove(this.shardPath(shard.id));
    const indexing = this.workers.run(task).then((ms) => {
      this.phraseIndexMs += ms;
    });
    indexing.catch(() => undefined); // reported by finish()
    this.pending.push(indexing);
  }

  /** Stops the worker threads (a build that failed calls this instead of `finish()`); once, however often called. */
  close(): Promise<void> {
    this.signal?.removeEventListener("abort", this.onAbort);
    this.closing ??= this.workers.close();
    return this.closing;
  }

  /** Indexes the stale shards not indexed yet, waits for all, and writes the primary bundle and the shard manifest. */
  async finish(): Promise<SearchIndexSummary> {
    for (const shard of this.stale) this.index(shard);
    try {
      await Promise.all(this.pending);
    } finally {
      await this.close();
    }
    const planned = new Set(this.shards.map((shard) => shard.id));
    const earlier = await fs.readdir(path.join(this.bundleDir, SHARDS_DIR)).catch(() => []);
    for (const id of earlier.filter((id) => !planned.has(id))) this.site.remove(this.shardPath(id));
    await this.writePrimaryBundle();
    const counts = await Promise.all(this.shards.map((shard) => pageCount(this.shardDir(shard))));
    return { pages: counts.reduce((sum, count) => sum + count, 0), shards: this.shards.length, indexed: this.stale.length, phraseIndexMs: this.phraseIndexMs };
  }

  /**
   * `<site>/pagefind/` itself: Pagefind's scripts, from a fresh shard (or as the previous build
   * left them), the newest shard whole, phrase index included, so that the browser's first
   * answer needs nothing else (src/browser/archive-search.ts), and the shard manifest.
   */
  private async writePrimaryBundle(): Promise<void> {
    const [fresh] = this.stale;
    const [primary] = this.shards;
    const names = async (dir: string | undefined, include: (name: string) => boolean) => (dir ? (await fs.readdir(dir).catch(() => [])).filter(include) : []);
    const isScript = (name: string) => !isShardEntry(name) && name !== SHARDS_DIR && name !== SHARD_MANIFEST;
    const [present, scripts, index] = await Promise.all([
      names(this.bundleDir, (name) => name !== SHARDS_DIR),
      names(fresh && this.shardDir(fresh), isScript),
      names(primary && this.shardDir(primary), isShardEntry),
    ]);
    // Everything written again is cleared first: the folder may share its files with the live site.
    const kept = (name: string) => !fresh && isScript(name);
    const rewritten = new Set([...present.filter((name) => !kept(name)), ...scripts, ...index, SHARD_MANIFEST]);
    for (const name of rewritten) this.site.remove(path.join(BUNDLE_DIR, name));
    await fs.mkdir(path.join(this.bundleDir, SHARDS_DIR), { recursive: true });
    if (fresh) linkEntries(this.shardDir(fresh), this.bundleDir, isScript);
    // Shards keep only their index.
    await Promise.all(this.stale.map((shard) => removeEntries(this.shardDir(shard), isShardEntry)));
    if (primary) linkEntries(this.shardDir(primary), this.bundleDir, isShardEntry);
    await fs.writeFile(path.join(this.bundleDir, SHARD_MANIFEST), JSON.stringify(shardManifest(this.shards)));
  }
}
