/**
 * What a build leaves for the next one, in `.bulletin-cache/<output folder name>/` beside the
 * output folder: the parsed issues (issue-cache.ts) and the state of the output — each page's
 * signature (page-plan.ts) and each search shard's — valid only for the code that wrote it
 * (code-fingerprint.ts). A process that builds again (`bulletin serve`) keeps both in memory.
 *
 * The state is removed just before a build swaps its new output in and written after, so a build
 * stopped between the two leaves no state and the next build is a full one. The same folder
 * keeps the site the last build replaced, as the spare the next incremental build starts from
 * (staging.ts).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { IssueCache } from "./issue-cache.ts";

export interface OutputState {
  fingerprint: string;
  /** Page URL → signature. */
  pages: Map<string, string>;
  /** Search shard id → signature. */
  shards: Map<string, string>;
}

interface SavedState {
  fingerprint: string;
  pages: [string, string][];
  shards: [string, string][];
}

const STATE_FILE = "state.json";
const ISSUES_FILE = "issues.v8";

export class BuildCache {
  private constructor(
    readonly dir: string,
    readonly issues: IssueCache,
    private state: OutputState | undefined,
  ) {}

  /** The state of the output as the last build left it, if the same code wrote it. */
  get output(): OutputState | undefined {
    return this.state;
  }

  async forgetOutput(): Promise<void> {
    this.state = undefined;
    await fs.rm(path.join(this.dir, STATE_FILE), { force: true });
  }

  async save(state: OutputState): Promise<void> {
    this.state = state;
    await fs.mkdir(this.dir, { recursive: true });
    const saved: SavedState = { fingerprint: state.fingerprint, pages: [...state.pages], shards: [...state.shards] };
    await Promise.all([this.issues.save(path.join(this.dir, ISSUES_FILE)), fs.writeFile(path.join(this.dir, STATE_FILE), JSON.stringify(saved))]);
  }

  private static readonly open = new Map<string, BuildCache>();

  /** The cache of an output folder: this process's, or the one on disk; with `fresh`, an empty one in its place. */
  static async of(outputDir: string, fingerprint: string, { fresh = false } = {}): Promise<BuildCache> {
    const output = path.resolve(outputDir);
    const dir = path.join(path.dirname(output), ".bulletin-cache", path.basename(output));
    if (fresh) {
      const cache = new BuildCache(dir, new IssueCache(fingerprint), undefined);
      BuildCache.open.set(dir, cache);
      return cache;
    }
    const known = BuildCache.open.get(dir);
    if (known?.issues.fingerprint === fingerprint) return known;
    const [issues, saved] = await Promise.all([
      IssueCache.read(path.join(dir, ISSUES_FILE), fingerprint),
      fs.readFile(path.join(dir, STATE_FILE), "utf8").then(
        (text) => JSON.parse(text) as SavedState,
        () => undefined,
      ),
    ]);
    const state = saved?.fingerprint === fingerprint ? { fingerprint, pages: new Map(saved.pages), shards: new Map(saved.shards) } : undefined;
    const cache = new BuildCache(dir, issues, state);
    BuildCache.open.set(dir, cache);
    return cache;
  }
}
