/**
 * Memory and CPU of a process and all its descendants, sampled from /proc (Linux): resident
 * memory is the sum of VmRSS over the tree, CPU the sum of user + system time. A build runs
 * Node, Pagefind's binary and worker processes; all of them count.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

interface ProcessStat {
  pid: number;
  ppid: number;
  /** Milliseconds of CPU, own plus reaped children. */
  cpu: number;
}

function readStat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return { pid, ppid: Number(fields[1]), cpu: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

function residentBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface TreeSample {
  at: number;
  rss: number;
  cpu: number;
}

/** One reading of the tree rooted at `root`. */
function sampleTree(root: number): TreeSample {
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readStat(Number(name)) ?? []);
  const children = new Map<number, number[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  const byPid = new Map(stats.map((stat) => [stat.pid, stat]));
  let rss = 0;
  let cpu = 0;
  const pending = [root];
  while (pending.length) {
    const pid = pending.pop()!;
    const stat = byPid.get(pid);
    if (!stat) continue;
    rss += residentBytes(pid);
    cpu += stat.cpu;
    pending.push(...(children.get(pid) ?? []));
  }
  return { at: Date.now(), rss, cpu };
}

export interface TreeMonitor {
  samples: TreeSample[];
  /** Highest resident memory seen between two instants (all samples when omitted). */
  peak(from?: number, to?: number): number;
  /** CPU milliseconds spent between two instants, from the nearest samples. */
  cpuBetween(from: number, to: number): number;
  stop(): TreeSample[];
}

/** Samples the tree every `intervalMs` until stopped; `onSample` may act on each reading. */
export function monitorTree(root: number, intervalMs = 50, onSample?: (sample: TreeSample) => void): TreeMonitor {
  const samples: TreeSample[] = [];
  const take = () => {
    const sample = sampleTree(root);
    if (sample.rss > 0) {
      samples.push(sample);
      onSample?.(sample);
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  const within = (from = 0, to = Infinity) => samples.filter((s) => s.at >= from && s.at <= to);
  return {
    samples,
    peak: (from, to) => Math.max(0, ...within(from, to).map((s) => s.rss)),
    cpuBetween(from, to) {
      const inside = within(from - intervalMs, to + intervalMs);
      return inside.length < 2 ? 0 : Math.max(0, inside[inside.length - 1].cpu - inside[0].cpu);
    },
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}
