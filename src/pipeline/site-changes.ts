/**
 * What a build changed in the site, as a reader would see it: the files whose bytes differ from
 * the output the build replaces, or that one of the two lacks. `bulletin serve` tells the open
 * pages with it which of them to reload (src/serve/live-reload.ts).
 *
 * The staging folder knows which paths it wrote (staging.ts), but an incremental build writes
 * again more than changes (every one-off page, the stylesheets, Pagefind's scripts), and a full
 * build writes everything: so the paths written are compared with the output, file by file. A
 * file carried over is the output's own (a hard link, the same inode) and costs nothing; one
 * of another size differs without being read.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

/** Files compared at once: enough to keep the disk busy, few enough not to hold many open. */
const AT_ONCE = 16;

const posix = (relative: string) => relative.split(path.sep).join("/");

/** The files at `relative` below `root`, itself or those inside it, relative to `root`; none when it is missing. */
async function filesAt(root: string, relative: string): Promise<string[]> {
  const full = path.join(root, relative);
  const stat = await fs.lstat(full).catch(() => undefined);
  if (!stat) return [];
  if (!stat.isDirectory()) return [relative];
  const entries = await fs.readdir(full, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [statA, statB] = await Promise.all([fs.stat(a).catch(() => undefined), fs.stat(b).catch(() => undefined)]);
  if (!statA || !statB) return false;
  if (statA.dev === statB.dev && statA.ino === statB.ino) return true;
  if (statA.size !== statB.size) return false;
  const [bytesA, bytesB] = await Promise.all([fs.readFile(a), fs.readFile(b)]);
  return bytesA.equals(bytesB);
}

/**
 * The files, '/'-separated and relative to the site folder, in which the site in `newDir`
 * differs from the one in `oldDir`, looking only at `written` (paths, files or folders, in which
 * they may differ) or, given "everything", at every file of both. Sorted.
 */
export async function changedFiles(newDir: string, oldDir: string, written: string[] | "everything"): Promise<string[]> {
  const places = written === "everything" ? [""] : written;
  const candidates = new Set<string>();
  for (const place of places) {
    const [inNew, inOld] = await Promise.all([filesAt(newDir, place), filesAt(oldDir, place)]);
    for (const file of [...inNew, ...inOld]) candidates.add(file);
  }
  const files = [...candidates];
  const changed: string[] = [];
  for (let start = 0; start < files.length; start += AT_ONCE) {
    const batch = files.slice(start, start + AT_ONCE);
    const same = await Promise.all(batch.map((file) => sameContent(path.join(newDir, file), path.join(oldDir, file))));
    changed.push(...batch.filter((_, i) => !same[i]).map(posix));
  }
  return changed.sort();
}
