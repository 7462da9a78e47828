/**
 * The build under measurement, in its own process so that its memory (and that of the processes
 * it starts) is measured alone. Started by scripts/bench.ts with an IPC channel: reports phase
 * boundaries as they happen and the build summary at the end.
 */
import { buildSite, type BuildOptions } from "../../src/pipeline/build.ts";
import type { ChildReport } from "./messages.ts";

const send = (report: ChildReport) => process.send?.(report);
const options = JSON.parse(process.argv[2]) as Omit<BuildOptions, "onPhase">;

const summary = await buildSite({ ...options, onPhase: (phase, event) => send({ type: "phase", phase, event, at: Date.now() }) });
send({ type: "summary", summary });
process.disconnect?.();
