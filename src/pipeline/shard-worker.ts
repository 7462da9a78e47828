/**
 * Indexes one search shard at a time, in a child process of the build (search-index.ts starts
 * it): Pagefind's CLI over the shard's article pages, then the phrase index of what Pagefind
 * indexed. Off the build's process, so that neither waits for Eleventy rendering there, and
 * small, so that starting Pagefind is cheap. Pagefind runs in this process's group, which the
 * build kills whole when it stops.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { INDEX_LANGUAGE } from "../search/bundle-format.ts";
import { writePhraseIndex } from "../search/phrase-index-files.ts";
import { keepShard, type ShardCacheTask, shardKey, takeKeptShard } from "./shard-cache.ts";

/** CPU milliseconds a shard took: Pagefind's process, the phrase index, and reading the pages for the cache key. */
export interface IndexingCpu {
  pagefind: number;
  phraseIndex: number;
  cacheKey: number;
}

/** CPU milliseconds of this process, and of its children that have ended (Linux's /proc/self/stat: cutime, cstime). */
function cpuMs(): { own: number; children: number } {
  const fields = readFileSync("/proc/self/stat", "utf8")
    .replace(/^.*\) /s, "")
    .split(" ");
  const usage = process.cpuUsage();
  return { own: (usage.user + usage.system) / 1000, children: ((Number(fields[13]) + Number(fields[14])) * 1000) / 100 };
}

export interface ShardTask {
  binary: string;
  siteDir: string;
  /** Pagefind's --glob: the shard's article pages. */
  glob: string;
  /** The folders of the shard's issues, whose article pages it indexes. */
  issueDirs: string[];
  outputDir: string;
  shardId: string;
  /** Where shards are kept between builds (shard-cache.ts). */
  cache: ShardCacheTask;
}

export type ShardReport = { type: "done"; cpu: IndexingCpu; key: string; kept: boolean } | { type: "failed"; message: string } | { type: "stopped" };

/** What the build sends: a shard to index, or "stop" (kill Pagefind, start no other). */
export type ShardMessage = ShardTask | "stop";

/** The Pagefind process running, and whether the build has said to stop. */
let running: ChildProcess | undefined;
let stopped = false;

function runPagefind(task: ShardTask): Promise<void> {
  const args = ["--site", task.siteDir, "--glob", task.glob, "--output-path", task.outputDir, "--force-language", INDEX_LANGUAGE, "--silent"];
  return new Promise((resolve, reject) => {
    if (stopped) return reject(new Error("the build stopped its search indexing"));
    const child = spawn(task.binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    running = child;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => reject(new Error(`Pagefind could not start: ${error.message}`)));
    child.on("close", (code, signal) => {
      running = undefined;
      if (code === 0) resolve();
      else reject(new Error(`Pagefind stopped (${signal ?? `exit code ${code}`}) while indexing the search shard ${task.shardId}${stderr.trim() ? `: ${stderr.trim()}` : ""}`));
    });
  });
}

// Without its build, a worker has nothing to do; its Pagefind would go on writing for no one.
process.on("disconnect", () => {
  running?.kill("SIGKILL");
  process.exit(1);
});

async function handle(task: ShardMessage): Promise<void> {
  const report = (message: ShardReport): void => void process.send?.(message);
  if (task === "stop") {
    stopped = true;
    running?.kill("SIGKILL");
    return report({ type: "stopped" });
  }
  try {
    const start = cpuMs();
    const key = shardKey(task.cache, task.shardId, task.binary, task.siteDir, task.issueDirs);
    const keyed = cpuMs();
    const cpu = { pagefind: 0, phraseIndex: 0, cacheKey: keyed.own - start.own };
    if (takeKeptShard(task.cache, key, task.outputDir)) return report({ type: "done", cpu, key, kept: true });
    await runPagefind(task);
    const indexed = cpuMs();
    await writePhraseIndex(task.outputDir, [task.outputDir]);
    cpu.pagefind = indexed.children - keyed.children;
    cpu.phraseIndex = cpuMs().own - indexed.own;
    keepShard(task.cache, key, task.outputDir);
    report({ type: "done", cpu, key, kept: false });
  } catch (error) {
    report({ type: "failed", message: (error as Error).message });
  }
}

process.on("message", (task: ShardMessage) => void handle(task));
