/**
 * Atomic output: a build writes into a staging folder beside the output and replaces the
 * output only when everything succeeded, with two renames. A failure or an interrupt leaves
 * the previous site exactly as it was, and no staging folder beside it.
 *
 * An incremental build's staging folder starts as a copy of the current output — hard links to
 * its files — in which the build replaces only what changed. Making that copy from nothing
 * would cost more than the rest of the build: file systems charge for folders, not links (here
 * about 0.28 ms to create a folder and 0.26 ms to remove one, against 0.01 ms a link; a
 * 1,000-issue site has 13,000 folders). So the site a swap retires is not removed but made a
 * copy of the new output again — the paths the build changed mirrored into it — and kept in the
 * build cache as the *spare*, which the next incremental build takes as its staging folder.
 * Figures: docs/performance.md.
 *
 * The staging folder shares its files' inodes with the live site, so no file in it is ever
 * opened for writing: Eleventy renders into a scratch folder whose files are renamed into
 * place (`moveIn`), and everything else is written only into paths cleared first (`remove`),
 * which records the paths changed.
 */
import { constants, copyFileSync, existsSync, promises as fs, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The atomic writes under way in this process, each by what abandons it at once (see
 * `abandonUnfinishedWrites`).
 */
const unfinished = new Set<() => string | undefined>();

function siblingPath(outputDir: string, tag: string): string {
  return path.join(path.dirname(outputDir), `${path.basename(outputDir)}.${tag}-${process.pid}`);
}

/** Blocks the thread: for clean-up on exit, which cannot wait for a timer. */
export const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes a folder that helper threads may still be writing into while the process exits (the
 * search indexing runs in worker threads, which can recreate folders): again until it stays gone.
 */
function removeForGood(dir: string, patience = 5000): void {
  const deadline = Date.now() + patience;
  for (;;) {
    try {
      rmSync(dir, { recursive: true, force: true });
      sleep(100);
      if (!existsSync(dir)) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      sleep(50);
    }
    if (Date.now() > deadline) throw new Error("something kept writing into it");
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** `run()`, or undefined when what it looks at does not exist. */
function unlessMissing<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** Where a link is impossible (another device, a file system without hard links), a copy does. */
const CANNOT_LINK = new Set(["EXDEV", "EPERM", "ENOTSUP", "EOPNOTSUPP", "EMLINK"]);

/*
 * The file operations here are synchronous: each is a system call of microseconds, which through
 * libuv's thread pool would wait for a thread to be scheduled, on a loaded machine many times
 * longer (bringing a spare level, 64 paths, took 0.7–1 s that way at load average 9, and 30–60 ms
 * like this). They run between the steps of a build, not while Eleventy renders.
 */

/**
 * Hard-links the file `from` as `to`, or copies it where it cannot be linked — unless `to`
 * exists, which is then left alone.
 */
function linkFile(from: string, to: string): void {
  try {
    linkSync(from, to);
    return;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return;
    if (!CANNOT_LINK.has(errorCode(error) ?? "")) throw error;
  }
  try {
    // EXCL: an existing file is never opened for writing; it could be a link into the live site.
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  }
}

/**
 * Links every file below `from` into the same place below `to` (see `linkFile`), except the
 * files and folders `carry` declines, given their path relative to `from`. A folder is made
 * only when something is linked into it.
 */
export function linkTree(from: string, to: string, carry: (relative: string) => boolean = () => true, relative = ""): void {
  let made = false;
  for (const entry of readdirSync(path.join(from, relative), { withFileTypes: true })) {
    const inner = path.join(relative, entry.name);
    if (!carry(inner)) continue;
    if (entry.isDirectory()) {
      linkTree(from, to, carry, inner);
      continue;
    }
    if (!made) mkdirSync(path.join(to, relative), { recursive: true });
    made = true;
    linkFile(path.join(from, inner), path.join(to, inner));
  }
}

const removePath = (target: string) => rmSync(target, { recursive: true, force: true });

/** Removes the folders a removal left empty, from `relative`'s parent up towards `root`. */
function pruneEmptyFolders(root: string, relative: string): void {
  for (let dir = path.dirname(relative); dir !== "."; dir = path.dirname(dir)) {
    try {
      rmdirSync(path.join(root, dir));
    } catch {
      return; // not empty, or gone already
    }
  }
}

const sameFile = (a: { dev: number; ino: number }, b: { dev: number; ino: number }) => a.dev === b.dev && a.ino === b.ino;

/**
 * Makes the folder `to` hold what `from` holds below `relative` — links of the same files —
 * keeping the folders and the links it already has right, removing what `from` lacks.
 */
function mirrorTree(from: string, to: string, relative = ""): void {
  const sources = readdirSync(path.join(from, relative), { withFileTypes: true });
  const targets = unlessMissing(() => readdirSync(path.join(to, relative), { withFileTypes: true }));
  if (!targets) mkdirSync(path.join(to, relative), { recursive: true });
  const kinds = new Map(sources.map((entry) => [entry.name, entry.isDirectory()]));
  const present = new Set<string>();
  for (const entry of targets ?? []) {
    if (kinds.get(entry.name) === entry.isDirectory()) present.add(entry.name);
    else removePath(path.join(to, relative, entry.name));
  }
  for (const entry of sources) {
    const inner = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      mirrorTree(from, to, inner);
      continue;
    }
    if (present.has(entry.name)) {
      if (sameFile(lstatSync(path.join(from, inner)), lstatSync(path.join(to, inner)))) continue;
      removePath(path.join(to, inner));
    }
    linkFile(path.join(from, inner), path.join(to, inner));
  }
}

/** Makes `relative` below `to` what it is below `from`: the same file, the same folder, or nothing. */
function mirrorPath(from: string, to: string, relative: string): void {
  const source = unlessMissing(() => lstatSync(path.join(from, relative)));
  const target = unlessMissing(() => lstatSync(path.join(to, relative)));
  if (source && target && !source.isDirectory() && sameFile(source, target)) return;
  if (target && !(source?.isDirectory() && target.isDirectory())) removePath(path.join(to, relative));
  if (!source) return pruneEmptyFolders(to, relative);
  if (source.isDirectory()) return mirrorTree(from, to, relative);
  mkdirSync(path.dirname(path.join(to, relative)), { recursive: true });
  linkFile(path.join(from, relative), path.join(to, relative));
}

/** The paths of `changed` not inside another of them: mirroring a folder covers what is inside. */
function outermost(changed: Iterable<string>): string[] {
  const paths = [...new Set(changed)].sort();
  return paths.filter((relative, i) => !paths.slice(0, i).some((outer) => relative.startsWith(`${outer}${path.sep}`)));
}

/** Every path, as opposed to a list of them. */
const EVERYTHING = "everything";
type Changes = string[] | typeof EVERYTHING;

/** Makes `dir` hold what `output` holds, given the paths in which it may differ. */
function mirror(output: string, dir: string, changes: Changes): void {
  if (changes === EVERYTHING) mirrorTree(output, dir);
  else for (const relative of changes) mirrorPath(output, dir, relative);
}

/**
 * `<spare>.json`, written once the spare is an exact copy of the output: which output folder
 * (device and inode) — another folder there since, and the spare must be mirrored whole.
 */
interface SpareRecord {
  output: { dev: number; ino: number };
}

const spareRecordFile = (spareDir: string) => `${spareDir}.json`;

function writeSpareRecord(spareDir: string, output: string): void {
  const { dev, ino } = statSync(output);
  const record: SpareRecord = { output: { dev, ino } };
  writeFileSync(spareRecordFile(spareDir), JSON.stringify(record));
}

/**
 * Takes the spare as the staging folder; returns whether it is an exact copy of `output`, or
 * undefined when there is none. Its record is removed first: from then on, wherever the spare
 * ends up, it is not known to be a copy until recorded again.
 */
function takeSpare(spareDir: string, output: string, staging: string): boolean | undefined {
  const text = unlessMissing(() => readFileSync(spareRecordFile(spareDir), "utf8"));
  rmSync(spareRecordFile(spareDir), { force: true });
  try {
    renameSync(spareDir, staging);
  } catch {
    return undefined; // no spare, or not one that can be moved here
  }
  try {
    const record = JSON.parse(text ?? "null") as SpareRecord | null;
    return record !== null && sameFile(record.output, statSync(output));
  } catch {
    return false;
  }
}

/**
 * Makes a folder the spare: a copy of `output` once the paths in which it differs (`changes`)
 * are mirrored from it — or, `exact: false`, left for the next build to mirror whole (a build
 * abandoned as its process ended, whose helpers may still be writing). Removes it when it cannot be kept.
 */
function keepAsSpare(dir: string, spareDir: string, output: string, changes: Changes, { exact = true } = {}): void {
  try {
    rmSync(spareRecordFile(spareDir), { force: true });
    rmSync(spareDir, { recursive: true, force: true });
    if (exact) mirror(output, dir, changes);
    mkdirSync(path.dirname(spareDir), { recursive: true });
    renameSync(dir, spareDir);
    if (exact) writeSpareRecord(spareDir, output);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The folder a build writes its site into. Started empty (a full build) it is written directly;
 * started as a copy of the current output (`carriesOver`), pages are rendered into `renderDir`
 * and moved in, and anything else is written only into paths cleared with `remove` first.
 */
export class Staging {
  /** The paths written or removed since the folder was a copy of the current output, relative to it. */
  private readonly changed = new Set<string>();

  constructor(
    readonly dir: string,
    /** The output being replaced, which this folder started as a copy of; none when it started empty. */
    readonly current: string | undefined,
    private readonly scratch: string | undefined,
  ) {}

  get carriesOver(): boolean {
    return this.current !== undefined;
  }

  /** Where Eleventy renders: the folder itself when it started empty, else a scratch folder that `moveIn` empties. */
  get renderDir(): string {
    return this.scratch ?? this.dir;
  }

  /** The paths in which the folder may differ from the current output. */
  get changes(): Changes {
    return this.carriesOver ? outermost(this.changed) : EVERYTHING;
  }

  /**
   * Moves what was rendered into `renderDir` into the folder, each file renamed over the one
   * there, which stays as it was for the live site that shares it.
   */
  moveIn(): void {
    if (!this.scratch) return;
    const rendered = unlessMissing(() => readdirSync(this.scratch!, { recursive: true, withFileTypes: true })) ?? [];
    const folders = new Set<string>();
    for (const entry of rendered) {
      if (entry.isDirectory()) continue;
      const relative = path.relative(this.scratch, path.join(entry.parentPath, entry.name));
      this.changed.add(relative);
      const folder = path.dirname(path.join(this.dir, relative));
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      renameSync(path.join(this.scratch, relative), path.join(this.dir, relative));
    }
    removePath(this.scratch);
  }

  /**
   * Clears a path — a file or a folder — before it is written again, or for good (`prune`: then
   * the folders it leaves empty go too). Whatever is written there afterwards must be new files.
   */
  remove(relative: string, { prune = false } = {}): void {
    this.changed.add(relative);
    removePath(path.join(this.dir, relative));
    if (prune) pruneEmptyFolders(this.dir, relative);
  }
}

export interface AtomicOptions {
  /**
   * Start from the current output (an incremental build), rather than from an empty folder.
   * With a build that starts empty the spare is removed, since the new site shares nothing
   * with it.
   */
  carryOver?: boolean;
  /** Where the spare is kept, for the next build to start from. */
  spareDir?: string;
  /**
   * Keep a copy of the new output as the spare: the retired site brought up to date, or a new
   * copy when there was none (a few seconds for 1,000 issues, paid once). Otherwise the retired
   * site is removed: a full `bulletin build`, often the only one, does not pay for a copy that
   * only incremental builds use.
   */
  keepSpare?: boolean;
  /** Stops the write: nothing is swapped in, and the staging folder is removed (see writeAtomically). */
  signal?: AbortSignal;
}

/** Takes the spare, or makes an empty folder, and makes it a copy of the current output when carrying it over. */
async function openStaging(dir: string, output: string, scratch: string, options: AtomicOptions): Promise<Staging> {
  const current = await fs.stat(output).then(
    () => output,
    () => undefined,
  );
  if (!options.carryOver || !current) {
    await fs.mkdir(dir);
    return new Staging(dir, undefined, undefined);
  }
  const copy = options.spareDir ? takeSpare(options.spareDir, output, dir) : undefined;
  if (copy === undefined) await fs.mkdir(dir);
  // Made whole before anything is written into it, so that nothing it links is written over.
  if (!copy) mirrorTree(output, dir);
  await fs.mkdir(scratch);
  return new Staging(dir, output, scratch);
}

/**
 * For a process that ends while atomic writes are still under way (its command line decided to
 * end it at once): puts each previous output back in place where a swap was half done, and
 * removes the staging folders. Synchronous, for a process's `exit` event. Returns how many it
 * abandoned, and a problem per folder it could not remove.
 */
export function abandonUnfinishedWrites(): { abandoned: number; problems: string[] } {
  const abandons = [...unfinished];
  unfinished.clear();
  return { abandoned: abandons.length, problems: abandons.flatMap((abandon) => abandon() ?? []) };
}

/**
 * Runs `write(staging)`, then swaps the staging folder in as `outputDir`: the output is the
 * previous site or the new one, never a mix. The retired site becomes the spare
 * (`options.spareDir`).
 *
 * With `options.signal` aborted, a write that has not swapped yet is not swapped in: `write` is
 * expected to stop its helpers and fail (src/pipeline/build.ts), then the staging folder is
 * removed and the abort's reason thrown.
 */
export async function writeAtomically<T>(outputDir: string, write: (staging: Staging) => Promise<T>, options: AtomicOptions = {}): Promise<T> {
  const { spareDir, signal } = options;
  signal?.throwIfAborted();
  const output = path.resolve(outputDir);
  const stagingDir = siblingPath(output, "staging");
  const scratch = siblingPath(output, "rendering");
  const retired = siblingPath(output, "previous");
  await fs.mkdir(path.dirname(output), { recursive: true });
  await Promise.all([stagingDir, scratch].map((dir) => fs.rm(dir, { recursive: true, force: true })));

  let staging: Staging | undefined;
  // What a build that did not finish leaves: nothing beside the output. A staging folder that
  // started from the spare goes back to being the spare.
  const cleanUp = (exact: boolean) => {
    rmSync(scratch, { recursive: true, force: true });
    const carriedOver = staging ? staging.carriesOver : options.carryOver;
    if (spareDir && carriedOver && existsSync(stagingDir)) keepAsSpare(stagingDir, spareDir, output, staging?.changes ?? EVERYTHING, { exact: exact && staging !== undefined });
    removeForGood(stagingDir);
  };
  // Ended at once, its helpers may still be writing: the spare is not known to be a copy.
  const abandon = () => {
    try {
      // Stopped between the two renames of the swap: the previous site goes back in place.
      if (existsSync(retired) && !existsSync(output)) renameSync(retired, output);
      else removeForGood(retired);
      cleanUp(false);
      return undefined;
    } catch (error) {
      return `${stagingDir} could not be removed (${(error as Error).message}); delete it by hand`;
    }
  };
  unfinished.add(abandon);
  try {
    staging = await openStaging(stagingDir, output, scratch, options);
    // A build that starts empty shares nothing with the spare: it goes, while the site renders.
    const dropSpare = spareDir && !staging.carriesOver ? fs.rm(spareRecordFile(spareDir), { force: true }).then(() => fs.rm(spareDir, { recursive: true, force: true })) : undefined;
    dropSpare?.catch(() => undefined); // reported at the swap
    const result = await write(staging);
    // Finished while it was being stopped: a build that was stopped is not swapped in.
    signal?.throwIfAborted();
    await dropSpare;
    const hadOutput = await fs.stat(output).then(
      () => true,
      () => false,
    );
    if (hadOutput) await fs.rename(output, retired);
    await fs.rename(stagingDir, output);
    // The retired site differs from the new output where the staging folder changed; after a
    // full build, everywhere; and when there was none, it is made from nothing.
    if (spareDir && options.keepSpare) keepAsSpare(retired, spareDir, output, hadOutput ? staging.changes : EVERYTHING);
    else await fs.rm(retired, { recursive: true, force: true });
    return result;
  } catch (error) {
    // The helpers have stopped (the build waits for them before it fails), so the folder can be trusted.
    cleanUp(true);
    throw error;
  } finally {
    unfinished.delete(abandon);
  }
}
