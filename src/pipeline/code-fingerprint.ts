/**
 * A digest of everything besides the content that decides what a build writes: templates, the
 * code that loads content and renders and indexes it (all of src/ but the folders that never
 * run in a build), and the installed packages. An incremental build trusts what an earlier
 * build left only when this is unchanged. Code outside src/ (scripts, tests and their synthetic
 * archives) is not part of it: editing the benchmark does not invalidate anyone's cache.
 *
 * Code is digested once per process, as loaded (a running `bulletin serve` keeps the code it
 * started with); templates are read by Eleventy on every build, so they are digested every time.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./paths.ts";

const CODE = ["src", "package-lock.json"];
/** Folders of src/ that a build never loads: the command line, the preview server, the importer. */
const NOT_BUILD_CODE = ["src/cli", "src/serve", "src/importer"];
const TEMPLATES = ["templates", ".eleventy.ts"];

async function filesUnder(entry: string): Promise<string[]> {
  const full = path.join(PROJECT_ROOT, entry);
  const stat = await fs.stat(full).catch(() => undefined);
  if (!stat) return [];
  if (stat.isFile()) return [full];
  const entries = await fs.readdir(full, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function digest(entries: string[]): Promise<string> {
  const outside = (file: string) => !NOT_BUILD_CODE.some((dir) => file.startsWith(path.join(PROJECT_ROOT, dir) + path.sep));
  const files = (await Promise.all(entries.map(filesUnder))).flat().filter(outside).sort();
  const hash = createHash("sha1");
  for (const file of files)
    hash
      .update(path.relative(PROJECT_ROOT, file))
      .update("\0")
      .update(await fs.readFile(file))
      .update("\0");
  return hash.digest("hex");
}

let code: Promise<string> | undefined;

export async function codeFingerprint(): Promise<string> {
  return `${await codeDigest()}-${await digest(TEMPLATES)}`;
}

/** The code and packages alone: what indexes a search shard from its pages (shard-cache.ts). */
export function codeDigest(): Promise<string> {
  code ??= digest(CODE);
  return code;
}
