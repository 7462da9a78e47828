/**
 * Atomic output: a build writes into a staging folder beside the output and replaces the
 * output only when everything succeeded. A failure or an interrupt removes the staging folder
 * and leaves the previous site exactly as it was.
 */
import { promises as fs, rmSync } from "node:fs";
import path from "node:path";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function siblingPath(outputDir: string, tag: string): string {
  return path.join(path.dirname(outputDir), `${path.basename(outputDir)}.${tag}-${process.pid}`);
}

/** Runs `write(staging)`, then swaps the staging folder in as `outputDir`. */
export async function writeAtomically<T>(outputDir: string, write: (staging: string) => Promise<T>): Promise<T> {
  const output = path.resolve(outputDir);
  const staging = siblingPath(output, "staging");
  const retired = siblingPath(output, "previous");
  await fs.mkdir(path.dirname(output), { recursive: true });
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging);

  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(staging, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    const result = await write(staging);
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
  }
}
