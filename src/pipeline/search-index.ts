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
import { type ChildProcess, fork } from "node:child_process";
import { promises as fs, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUNDLE_DIR, PHRASE_INDEX_DIR, SHARD_MANIFEST, SHARDS_DIR } from "../search/bundle-format.ts";
import { articleGlob, type SearchShard, shardManifest } from "./search-shards.ts";
import { dropOtherShards, type ShardCacheTask } from "./shard-cache.ts";
import type { IndexingCpu, ShardMessage, ShardReport, ShardTask } from "./shard-worker.ts";
import { linkTree, sleep, type Staging } from "./staging.ts";

export interface SearchIndexSummary {
  /** Articles in the index. */
  pages: number;
  shards: number;
  /** Shards written by this build (the others were unchanged), and how many of those were kept from an earlier build (shard-cache.ts). */
  indexed: number;
  kept: number;
  /** CPU milliseconds the shards took (in the workers and their Pagefind processes). */
  cpu: IndexingCpu;
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
 * The shard workers of any build of this process, by pid. Each leads a process group of its own,
 * which its Pagefind joins: one signal to the group stops both, and an orphaned Pagefind would go
 * on writing into the folder being removed.
 */
const workerGroups = new Set<number>();

/** How long a killed worker and its Pagefind are waited for before the clean-up goes on regardless. */
const KILL_PATIENCE_MS = 3000;

/** Whether any process of a group is still running (a dead one waiting to be reaped does not count: Linux's /proc tells). */
function groupRunning(group: number): boolean {
  try {
    process.kill(-group, 0);
  } catch {
    return false;
  }
  // The group exists; it may hold only the leader, dead and waiting to be reaped.
  try {
    const state = readFileSync(`/proc/${group}/stat`, "utf8").replace(/^.*\) /s, "")[0];
    if (state !== "Z" && state !== "X") return true;
  } catch {
    // the leader is gone; its Pagefind may not be
  }
  return readdirSync("/proc").some((pid) => {
    if (!/^\d+$/.test(pid) || Number(pid) === group) return false;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
        .replace(/^.*\) /s, "")
        .split(" ");
      return Number(fields[2]) === group && fields[0] !== "Z" && fields[0] !== "X";
    } catch {
      return false;
    }
  });
}

/**
 * Kills a worker's process group — the worker and its Pagefind — and waits until they have
 * ended: a Pagefind still running, if only for a moment under load, would recreate folders below
 * the staging folder being removed.
 */
function killGroup(group: number): void {
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // already gone
  }
  const deadline = Date.now() + KILL_PATIENCE_MS;
  while (groupRunning(group) && Date.now() < deadline) sleep(10);
  workerGroups.delete(group);
}

/**
 * Kills every shard worker a build of this process started, with its Pagefind, at once: for a
 * process that ends while builds are still running (src/pipeline/build.ts, `abandonBuilds`),
 * which must not leave Pagefind writing into a folder being removed. Synchronous, for a
 * process's `exit` event.
 */
export function killIndexers(): void {
  [...workerGroups].forEach(killGroup);
}

/** How long a worker is given to stop its Pagefind before it is killed regardless. */
const WORKER_STOP_MS = 2000;

/** Tells a worker to kill its Pagefind and start no other; resolves when it has, has ended, or has not answered in time. */
function stopWorker(worker: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage).off("exit", done);
      resolve();
    };
    const onMessage = (report: ShardReport) => report.type === "stopped" && done();
    const timer = setTimeout(done, WORKER_STOP_MS);
    worker.on("message", onMessage).once("exit", done);
    if (worker.connected) worker.send("stop" satisfies ShardMessage, (error) => error && done());
    else done();
  });
}

/**
 * Child processes running shard-worker.ts, one shard each at a time. Processes, not threads:
 * starting Pagefind forks the process that starts it, and forking the build's (hundreds of MB
 * while it renders) took 90 ms of waiting and 26 ms of CPU a shard (docs/performance.md).
 */
class ShardWorkers {
  private readonly idle: ChildProcess[] = [];
  private readonly waiting: { resolve: (worker: ChildProcess) => void; reject: (error: Error) => void }[] = [];
  private closed = false;
  private readonly all: ChildProcess[] = [];

  /** `size` workers at most, of which only `active` take shards until `activateAll()`. */
  constructor(
    private readonly size: number,
    private active = size,
  ) {}

  /** Lets every worker take shards, and starts those that are not running. */
  activateAll(): void {
    this.active = this.size;
    while (this.waiting.length && this.all.length < this.size) this.waiting.shift()!.resolve(this.spawnWorker());
    for (const worker of this.idle.splice(0)) this.release(worker);
  }

  private spawnWorker(): ChildProcess {
    // The worker is TypeScript: tsx is registered in it first, however this process loaded it.
    const worker = fork(fileURLToPath(new URL("./shard-worker.ts", import.meta.url)), {
      execArgv: ["--import", import.meta.resolve("tsx")],
      // Its own process group, which its Pagefind joins (see workerGroups).
      detached: true,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    if (worker.pid) workerGroups.add(worker.pid);
    this.all.push(worker);
    return worker;
  }

  /** Starts workers ahead of the first shard: loading one takes a few tenths of a second, which rendering can hide. */
  prepare(count: number): void {
    while (this.all.length < Math.min(count, this.size)) this.idle.push(this.spawnWorker());
  }

  private busy = 0;

  private async acquire(): Promise<ChildProcess> {
    if (this.closed) throw new Error("the build stopped its search indexing");
    const worker = this.busy < this.active ? (this.idle.pop() ?? (this.all.length < this.size ? this.spawnWorker() : undefined)) : undefined;
    const acquired = worker ?? (await new Promise<ChildProcess>((resolve, reject) => this.waiting.push({ resolve, reject })));
    this.busy++;
    return acquired;
  }

  private release(worker: ChildProcess): void {
    const next = this.busy < this.active ? this.waiting.shift() : undefined;
    if (next) next.resolve(worker);
    else this.idle.push(worker);
  }

  async run(task: ShardTask): Promise<Extract<ShardReport, { type: "done" }>> {
    const worker = await this.acquire();
    try {
      return await new Promise((resolve, reject) => {
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => finish(new Error(`the search indexer of shard ${task.shardId} ended (${signal ?? `exit code ${code}`})`));
        const onMessage = (report: ShardReport) => {
          if (report.type === "stopped") return; // the task's own report follows
          finish(report.type === "done" ? report : new Error(report.message));
        };
        const finish = (outcome: Error | Extract<ShardReport, { type: "done" }>) => {
          worker.off("message", onMessage).off("error", finish).off("exit", onExit);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        worker.on("message", onMessage).once("error", finish).once("exit", onExit);
        worker.send(task);
      });
    } finally {
      this.busy--;
      this.release(worker);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error("the build stopped its search indexing"));
    // Each worker kills its own Pagefind first, then its whole group goes.
    await Promise.all(this.all.map(stopWorker));
    for (const worker of this.all) if (worker.pid) killGroup(worker.pid);
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
  // While Eleventy renders on this process's core, one worker fewer: a third runnable process on
  // two cores slowed rendering, the build's longest path, by a third (docs/performance.md).
  private readonly workers = new ShardWorkers(os.availableParallelism(), Math.max(1, os.availableParallelism() - 1));
  private readonly pending: Promise<void>[] = [];
  private readonly indexed = new Set<string>();
  /** The cache keys of the shards written, and how many were taken from the cache. */
  private readonly keys = new Set<string>();
  private kept = 0;
  private readonly cpu: IndexingCpu = { pagefind: 0, phraseIndex: 0, cacheKey: 0 };
  private closing?: Promise<void>;
  private readonly onAbort = () => void this.close();

  private constructor(
    private readonly site: Staging,
    private readonly shards: SearchShard[],
    private readonly unchanged: ReadonlySet<string>,
    private readonly cache: ShardCacheTask,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.bundleDir = path.join(site.dir, BUNDLE_DIR);
  }

  /**
   * A writer into a staging folder, which keeps the `unchanged` shards it holds and takes others
   * from the cache where it can. Aborted, it stops its workers at once (no Pagefind starts after),
   * and what it was indexing fails.
   */
  static open(site: Staging, shards: SearchShard[], unchanged: ReadonlySet<string>, cache: ShardCacheTask, signal?: AbortSignal): SearchIndexWriter {
    const writer = new SearchIndexWriter(site, shards, unchanged, cache, signal);
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
    const task: ShardTask = {
      binary: pagefindBinary(),
      siteDir: this.site.dir,
      glob: articleGlob(shard.issueUrls),
      issueDirs: shard.issueUrls.map((url) => path.join(this.site.dir, ...url.split("/"))),
      outputDir: this.shardDir(shard),
      shardId: shard.id,
      cache: this.cache,
    };
    this.site.remove(this.shardPath(shard.id));
    const indexing = this.workers.run(task).then((done) => {
      for (const part of ["pagefind", "phraseIndex", "cacheKey"] as const) this.cpu[part] += done.cpu[part];
      this.keys.add(done.key);
      if (done.kept) this.kept += 1;
    });
    indexing.catch(() => undefined); // reported by finish()
    this.pending.push(indexing);
  }

  /** Stops the shard workers (a build that failed calls this instead of `finish()`); once, however often called. */
  close(): Promise<void> {
    this.signal?.removeEventListener("abort", this.onAbort);
    this.closing ??= this.workers.close();
    return this.closing;
  }

  /** Indexes the stale shards not indexed yet, waits for all, and writes the primary bundle and the shard manifest. */
  async finish(): Promise<SearchIndexSummary> {
    // Rendering is over: every core indexes.
    this.workers.activateAll();
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
    // The cache keeps this build's shards; an incremental build keeps those it did not index too.
    if (this.unchanged.size === 0) dropOtherShards(this.cache.dir, this.keys);
    const counts = await Promise.all(this.shards.map((shard) => pageCount(this.shardDir(shard))));
    return { pages: counts.reduce((sum, count) => sum + count, 0), shards: this.shards.length, indexed: this.stale.length, kept: this.kept, cpu: this.cpu };
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
