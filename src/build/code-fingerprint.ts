/**
 * A digest of everything besides the content that decides what a build writes: templates, the
 * code that loads content and renders and indexes it, and the installed packages. An
 * incremental build trusts what an earlier build left only when this is unchanged.
 *
 * Code is digested once per process, as loaded (a running `bulletin serve` keeps the code it
 * started with); templates are read by Eleventy on every build, so they are digested every time.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./paths.ts";

const CODE = ["src/browser", "src/build", "src/content", "src/search", "src/site", "package-lock.json"];
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
  const files = (await Promise.all(entries.map(filesUnder))).flat().sort();
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
