/**
 * Atomic output: a build writes into a staging folder beside the output and replaces the
 * output only when everything succeeded. A failure or an interrupt removes the staging folder
 * and leaves the previous site exactly as it was.
 */
import { existsSync, promises as fs, renameSync, rmSync } from "node:fs";
import path from "node:path";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
/** How long an interrupted build waits for its helpers to stop before it exits anyway. */
const STOP_PATIENCE_MS = 5000;

/** Stops of work that writes into the staging folder from other threads or processes. */
const stops = new Set<() => Promise<void>>();

/**
 * Registers work that writes into the staging folder from other threads or processes (the search
 * indexing): an interrupted build stops it before removing the folder, which it would otherwise
 * go on writing into. Returns the unregistration.
 */
export function stopBeforeCleanUp(stop: () => Promise<void>): () => void {
  stops.add(stop);
  return () => void stops.delete(stop);
}

function siblingPath(outputDir: string, tag: string): string {
  return path.join(path.dirname(outputDir), `${path.basename(outputDir)}.${tag}-${process.pid}`);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes a folder that helper threads may still be writing into while the process exits (the
 * search indexing runs in worker threads, which can recreate folders): again until it stays gone.
 */
function removeForGood(dir: string, patience = 5000): void {
  const deadline = Date.now() + patience;
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true });
      sleep(100);
      if (!existsSync(dir)) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      sleep(50);
    }
    if (Date.now() > deadline) throw new Error("something kept writing into it");
  }
}

/** Runs `write(staging)`, then swaps the staging folder in as `outputDir`. */
export async function writeAtomically<T>(outputDir: string, write: (staging: string) => Promise<T>): Promise<T> {
  const output = path.resolve(outputDir);
  const staging = siblingPath(output, "staging");
  const retired = siblingPath(output, "previous");
  await fs.mkdir(path.dirname(output), { recursive: true });
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging);

  // A signal stops the helpers, then ends the process; the clean-up happens on exit. A second
  // signal ends it at once.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (interrupted) process.exit(code);
    interrupted = true;
    const stopped = Promise.allSettled([...stops].map((stop) => stop()));
    void Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, STOP_PATIENCE_MS))]).then(() => process.exit(code));
  };
  // The process can also end with the build still waiting, when a helper process dies without
  // answering and Node exits for want of anything to wait for. Nothing may stay behind.
  const onExit = () => {
    try {
      removeForGood(staging);
      // Stopped between the two renames of the swap: the previous site goes back in place.
      if (existsSync(retired) && !existsSync(output)) renameSync(retired, output);
      else removeForGood(retired);
      console.error("bulletin: the build stopped before it finished; the previous site is unchanged.");
    } catch (error) {
      console.error(`bulletin: the build stopped before it finished, and ${staging} could not be removed (${(error as Error).message}); delete it by hand.`);
    }
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.once("exit", onExit);
  try {
    const result = await write(staging);
    // Finished while its helpers were being stopped: a build the user stopped is not swapped in.
    if (interrupted) throw new Error("the build was interrupted");
    const hadOutput = await fs.stat(output).then(() => true, () => false);
    if (hadOutput) await fs.rename(output, retired);
    await fs.rename(staging, output);
    if (hadOutput) await fs.rm(retired, { recursive: true, force: true });
    return result;
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    process.removeListener("exit", onExit);
  }
}
