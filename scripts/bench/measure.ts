/**
 * Runs a command as a measured process tree: wall time, peak resident memory and CPU time, in
 * total and per phase when the child reports phases (see messages.ts). A run can be capped in
 * memory and time; it is then stopped and reported as such instead of taking the machine down.
 */
import { spawn } from "node:child_process";
import type { ChildReport } from "./messages.ts";
import { monitorTree } from "./process-tree.ts";

interface Measurement {
  wallMs: number;
  peakRss: number;
  cpuMs: number;
}

export interface MeasuredRun extends Measurement {
  phases: Map<string, Measurement>;
  reports: ChildReport[];
  /** What the command printed, when run `quiet`. */
  stdout: string;
  /** Why the run was stopped before it finished, if it was. */
  stopped?: string;
  exitCode: number | null;
}

export interface RunLimits {
  maxRss?: number;
  maxMs?: number;
}

export async function measureCommand(command: string, args: string[], options: { cwd?: string; ipc?: boolean; limits?: RunLimits; quiet?: boolean } = {}): Promise<MeasuredRun> {
  const started = Date.now();
  // A capped run gets its own process group, so that stopping it stops everything it started.
  const child = spawn(command, args, {
    detached: Boolean(options.limits),
    cwd: options.cwd,
    stdio: ["ignore", options.quiet ? "pipe" : "inherit", "inherit", ...(options.ipc ? (["ipc"] as const) : [])],
  });
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const reports: ChildReport[] = [];
  child.on("message", (report: ChildReport) => reports.push(report));
  let stopped: string | undefined;
  const stop = (reason: string) => {
    stopped ??= reason;
    process.kill(-child.pid!, "SIGKILL");
  };
  const monitor = monitorTree(child.pid!, 50, (sample) => {
    if (options.limits?.maxRss && sample.rss > options.limits.maxRss) stop(`stopped at ${(sample.rss / 2 ** 30).toFixed(1)} GB resident`);
    if (options.limits?.maxMs && sample.at - started > options.limits.maxMs) stop(`stopped after ${((sample.at - started) / 1000).toFixed(0)} s`);
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve(code));
  });
  const ended = Date.now();
  monitor.stop();

  const phases = new Map<string, Measurement>();
  const starts = new Map<string, number>();
  for (const report of reports) {
    if (report.type !== "phase") continue;
    if (report.event === "start") starts.set(report.phase, report.at);
    else {
      const from = starts.get(report.phase)!;
      phases.set(report.phase, { wallMs: report.at - from, peakRss: monitor.peak(from, report.at), cpuMs: monitor.cpuBetween(from, report.at) });
    }
  }
  const last = monitor.samples.at(-1);
  return { wallMs: ended - started, peakRss: monitor.peak(), cpuMs: last ? last.cpu - monitor.samples[0].cpu : 0, phases, reports, stdout, stopped, exitCode };
}

/** Runs a TypeScript module of this project in a measured Node process with an IPC channel. */
export function measureScript(script: string, args: string[], cwd?: string): Promise<MeasuredRun> {
  return measureCommand(process.execPath, ["--import", "tsx", script, ...args], { ipc: true, cwd });
}
