/**
 * The files a batch import is given: files as named, folders walked for the file types the
 * importer reads. The walk follows symbolic links to folders once each (by their real path), so
 * a link back to a parent ends there instead of going round for ever; hidden files and folders
 * are left out. Writing is atomic: a temporary file beside the target, then a rename, so a
 * stopped import never leaves half a file.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

export interface Inputs {
  /** Files to import, in a stable order: as given, each folder's files sorted by name. */
  files: string[];
  /** Paths that cannot be imported (`failed`), or are left out on purpose (`skipped`), with the reason. */
  problems: { file: string; message: string; skipped?: boolean }[];
}

const byName = new Intl.Collator("zh-CN", { numeric: true }).compare;

export async function collectInputs(paths: string[], importable: string[]): Promise<Inputs> {
  const files: string[] = [];
  const problems: Inputs["problems"] = [];
  const seenFolders = new Set<string>();
  const seenFiles = new Set<string>();
  const accepts = (file: string) => importable.includes(path.extname(file).toLowerCase());

  const addFile = async (file: string) => {
    const real = await fs.realpath(file);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(file);
  };

  const walk = async (folder: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(folder);
    } catch {
      problems.push({ file: folder, message: "cannot be read (a broken link?)" });
      return;
    }
    if (seenFolders.has(real)) {
      problems.push({ file: folder, message: "a link to a folder already searched (a loop of symbolic links?), not searched again", skipped: true });
      return;
    }
    seenFolders.add(real);
    const entries = (await fs.readdir(folder)).filter((name) => !name.startsWith(".")).sort(byName);
    for (const name of entries) {
      const full = path.join(folder, name);
      const stat = await fs.stat(full).catch(() => undefined);
      if (!stat) problems.push({ file: full, message: "cannot be read (a broken link?)" });
      else if (stat.isDirectory()) await walk(full);
      else if (stat.isFile() && accepts(full)) await addFile(full);
    }
  };

  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat) problems.push({ file: given, message: "no such file or folder" });
    else if (stat.isDirectory()) await walk(given);
    else if (!accepts(given)) problems.push({ file: given, message: `cannot import ${path.extname(given) || "a file without extension"}; import ${importable.join(", ")}` });
    else await addFile(given);
  }
  return { files, problems };
}

/** Writes `data` to `file` through a temporary file beside it and a rename. */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temporary, data);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

export const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );
