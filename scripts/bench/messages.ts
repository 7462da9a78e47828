/** What a measured child process tells the benchmark over its IPC channel. */
import type { BuildPhase, BuildSummary } from "../../src/pipeline/build.ts";

export type ChildReport =
  { type: "phase"; phase: BuildPhase; event: "start" | "end"; at: number } | { type: "summary"; summary: BuildSummary } | { type: "rebuilt"; label: string; summary: BuildSummary; ms: number };
