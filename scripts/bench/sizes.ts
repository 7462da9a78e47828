/** Sizes on disk and human-readable figures for the benchmark table. */
import { promises as fs } from "node:fs";
import path from "node:path";

/** Bytes of every file under `dir` (0 when it does not exist). */
export async function folderBytes(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const sizes = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => fs.stat(path.join(entry.parentPath, entry.name)).then((stat) => stat.size)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

export const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
export const millis = (ms: number) => `${Math.round(ms)} ms`;

export function bytes(count: number): string {
  if (count >= 2 ** 30) return `${(count / 2 ** 30).toFixed(2)} GB`;
  if (count >= 2 ** 20) return `${(count / 2 ** 20).toFixed(1)} MB`;
  return `${(count / 2 ** 10).toFixed(1)} KB`;
}

export const whole = (count: number) => Math.round(count).toLocaleString("en");
export const ratio = (baseline: number, ours: number) => (ours > 0 ? `${(baseline / ours).toFixed(1)}×` : "–");
