/**
 * Indexes one search shard at a time, in a worker thread of the build (search-index.ts starts
 * it): Pagefind's CLI over the shard's article pages, then the phrase index of what Pagefind
 * indexed. Off the main thread, so that neither waits for Eleventy rendering there.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { parentPort, workerData } from "node:worker_threads";
import { writePhraseIndex } from "../search/phrase-index-files.ts";

export interface ShardTask {
  binary: string;
  siteDir: string;
  /** Pagefind's --glob: the shard's article pages. */
  glob: string;
  outputDir: string;
  shardId: string;
}

export type ShardReport = { type: "done"; phraseIndexMs: number } | { type: "failed"; message: string } | { type: "stopped" };

/** What the build sends: a shard to index, or "stop" (kill Pagefind, start no other). */
export type ShardMessage = ShardTask | "stop";

/** This worker's slot for the pid of its Pagefind process, which the build kills on exit (search-index.ts). */
const { pids, slot } = workerData as { pids: Int32Array; slot: number };

/** The Pagefind process running, and whether the build has said to stop. */
let running: ChildProcess | undefined;
let stopped = false;

function runPagefind(task: ShardTask): Promise<void> {
  const args = ["--site", task.siteDir, "--glob", task.glob, "--output-path", task.outputDir, "--silent"];
  return new Promise((resolve, reject) => {
    if (stopped) return reject(new Error("the build stopped its search indexing"));
    const child = spawn(task.binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    running = child;
    Atomics.store(pids, slot, child.pid ?? 0);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => reject(new Error(`Pagefind could not start: ${error.message}`)));
    child.on("close", (code, signal) => {
      running = undefined;
      Atomics.store(pids, slot, 0);
      if (code === 0) resolve();
      else reject(new Error(`Pagefind stopped (${signal ?? `exit code ${code}`}) while indexing the search shard ${task.shardId}${stderr.trim() ? `: ${stderr.trim()}` : ""}`));
    });
  });
}

const port = parentPort!;
async function handle(task: ShardMessage): Promise<void> {
  const report = (message: ShardReport) => port.postMessage(message);
  // Handled between two steps of this thread, never between starting Pagefind and recording it:
  // a thread terminated there would leave a Pagefind no one knows of (search-index.ts).
  if (task === "stop") {
    stopped = true;
    running?.kill("SIGKILL");
    return report({ type: "stopped" });
  }
  try {
    await runPagefind(task);
    const started = performance.now();
    await writePhraseIndex(task.outputDir, [task.outputDir]);
    report({ type: "done", phraseIndexMs: performance.now() - started });
  } catch (error) {
    report({ type: "failed", message: (error as Error).message });
  }
}

port.on("message", (task: ShardMessage) => void handle(task));
