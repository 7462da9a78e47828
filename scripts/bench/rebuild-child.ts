/**
 * A long-lived builder, as `bulletin serve` is: builds once, then rebuilds incrementally each
 * time the benchmark says the content changed, reporting how long each rebuild took. Started by
 * scripts/bench.ts with an IPC channel.
 */
import { buildSite, type BuildOptions } from "../../src/pipeline/build.ts";
import type { ChildReport } from "./messages.ts";

const options = JSON.parse(process.argv[2]) as Pick<BuildOptions, "contentDir" | "outputDir">;
const rebuild = async (label: string) => {
  const started = performance.now();
  const summary = await buildSite({ ...options, incremental: true });
  process.send?.({ type: "rebuilt", label, summary, ms: performance.now() - started } satisfies ChildReport);
};

await rebuild("warm-up");
process.on("message", (message: { rebuild: string } | { stop: true }) => {
  if ("stop" in message) process.disconnect();
  else void rebuild(message.rebuild);
});
