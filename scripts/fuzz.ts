/**
 * Fuzzing: generated and mutated inputs through the loader's file decoding, the issue parser, the
 * loader on whole content folders and the importer. The goal is zero crashes, only clear errors:
 *
 *   crash     an exception that is not a clear content error (the importer's clear error is
 *             ImportError; the loader and parser report diagnostics and never throw)
 *   unclear   a diagnostic without a file or a message, or with a line outside the file
 *   lost      an issue file in a year folder that is neither loaded nor named by an error
 *   unloadable  importer output that the loader rejects (it would fail the next build)
 *   hang      one input still running after --hang-seconds (the worker is restarted)
 *
 * Inputs are reproducible from --seed and the run number; each failure is saved with the command
 * that replays it. Seeds: ../shared/seeds/*.txt beside the project (PDF text, for the importer; --seeds DIR),
 * and the project's own issue files (content/, tests/fixtures/), read at run time.
 *
 *   node --import tsx scripts/fuzz.ts [--runs 10000] [--seed 1] [--only RUN] [--jobs 2] [--targets decode,parse,loader,import]
 *                                     [--seeds DIR] [--out DIR] [--hang-seconds 10]
 *
 * Prints counts per target and a summary; exits 1 when any input failed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import iconv from "iconv-lite";
import { loadArchive, readContentFile } from "../src/content/archive.ts";
import type { Diagnostic } from "../src/content/diagnostics.ts";
import { normaliseText } from "../src/content/frontmatter.ts";
import { parseIssue } from "../src/content/issue-parser.ts";
import type { SectionDefinition } from "../src/content/model.ts";
import { ImportError, importBulletin } from "../src/importer/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const REGISTRY: SectionDefinition[] = [
  { name: "要闻", slug: "news" },
  { name: "本月聚焦", slug: "focus" },
  { name: "产业动态", slug: "industry" },
  { name: "会员天地", slug: "members" },
];
const PUBLICATION_YAML = `name: 模糊测试简报\npublisher: 测试协会\nfrequency: 月刊\ndescription: 模糊测试用的刊物。\nsections:\n${REGISTRY.map((s) => `  - { name: ${s.name}, slug: ${s.slug} }`).join("\n")}\n`;

// ---------------------------------------------------------------------------------------------
// What counts as a failure: shared with tests/fuzz.test.ts, so both mean the same by "crash".

export type FailureKind = "crash" | "unclear" | "lost" | "unloadable" | "hang";
export interface Failure {
  kind: FailureKind;
  target: Target;
  /** One line: the error's name and message, or what is wrong. */
  what: string;
}
export type Target = "decode" | "parse" | "loader" | "import";

/** What is wrong with a list of diagnostics for a text of `lineCount` lines, if anything. */
export function unclearDiagnostics(diagnostics: Diagnostic[], lineCount: number): string | undefined {
  for (const d of diagnostics) {
    if (!d.file || !d.message?.trim()) return `a diagnostic without a file or message: ${JSON.stringify(d)}`;
    if (d.line !== undefined && !(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount + 1)) {
      return `line ${d.line} is outside the file (${lineCount} lines): ${d.message}`;
    }
    if (/\[object \w+\]|\bNaN\b|TypeError|ReferenceError|Cannot read properties/.test(d.message)) return `a message that leaks internals: ${d.message}`;
  }
  return undefined;
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message.split("\n")[0].slice(0, 200)}` : `thrown ${typeof error}: ${String(error).slice(0, 200)}`);

const lineCount = (text: string) => text.split("\n").length;

/** The issue parser on any text: it reports problems and never throws. */
export function checkParse(text: string): Failure | undefined {
  try {
    const { diagnostics } = parseIssue(text, {
      file: "fuzz/2026/issue.md",
      registry: REGISTRY,
      resolveLocal: (target) => (target.startsWith("assets/") ? { url: `/fuzz/2026/${target}` } : { problem: "the file does not exist" }),
    });
    const unclear = unclearDiagnostics(diagnostics, lineCount(text));
    return unclear ? { kind: "unclear", target: "parse", what: unclear } : undefined;
  } catch (error) {
    return { kind: "crash", target: "parse", what: describeError(error) };
  }
}

/** The loader's reading of one file: decoding, emptiness, control characters. */
export async function checkDecode(file: string, bytes: Uint8Array): Promise<{ failure?: Failure; text?: string }> {
  writeFileSync(file, bytes);
  try {
    const read = await readContentFile(file, "fuzz/2026/issue.md");
    const lines = lineCount(normaliseText(new TextDecoder().decode(bytes)));
    const unclear = unclearDiagnostics(read.diagnostics, lines);
    if (unclear) return { failure: { kind: "unclear", target: "decode", what: unclear } };
    if (read.text === undefined && !read.diagnostics.some((d) => d.severity === "error")) {
      return { failure: { kind: "unclear", target: "decode", what: "a file refused without an error" } };
    }
    return { text: read.text };
  } catch (error) {
    return { failure: { kind: "crash", target: "decode", what: describeError(error) } };
  }
}

/**
 * The loader on a content folder: it never throws, and nothing is lost: every issue file in a
 * year folder is loaded, or named by an error, or in a publication refused by an error.
 */
export async function checkFolder(contentDir: string): Promise<Failure | undefined> {
  try {
    const { archive, diagnostics } = await loadArchive(contentDir);
    // Lines of the files themselves are checked by the decode and parse targets.
    const unclear = unclearDiagnostics(diagnostics, Number.MAX_SAFE_INTEGER);
    if (unclear) return { kind: "unclear", target: "loader", what: unclear };
    const accounted = new Set([...archive.issues.map((i) => i.relativeFile), ...diagnostics.filter((d) => d.severity === "error").map((d) => d.file)]);
    for (const publication of readdirSync(contentDir)) {
      if (accounted.has(`${publication}/publication.yaml`) || accounted.has(publication)) continue;
      for (const year of readdirSync(path.join(contentDir, publication)).filter((name) => /^\d{4}$/.test(name))) {
        for (const name of readdirSync(path.join(contentDir, publication, year)).filter((n) => n.endsWith(".md"))) {
          const relative = `${publication}/${year}/${name}`;
          if (!accounted.has(relative)) return { kind: "lost", target: "loader", what: `${relative} is neither loaded nor named by an error` };
        }
      }
    }
    return undefined;
  } catch (error) {
    return { kind: "crash", target: "loader", what: describeError(error) };
  }
}

/** The importer: ImportError is its clear error; what it writes must load without errors. */
export async function checkImport(file: string, bytes: Buffer): Promise<{ failure?: Failure; imported: boolean }> {
  let markdown: string;
  let sections: SectionDefinition[];
  try {
    const result = await importBulletin({ file, bytes });
    ({ markdown } = result);
    sections = result.publication.sections;
  } catch (error) {
    if (error instanceof ImportError && error.message.trim()) return { imported: false };
    return { failure: { kind: "crash", target: "import", what: describeError(error) }, imported: false };
  }
  const parsed = parseIssue(markdown, { file: "imported.md", registry: sections });
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return { failure: { kind: "unloadable", target: "import", what: `${errors[0].message} (line ${errors[0].line})` }, imported: true };
  return { imported: true };
}

// ---------------------------------------------------------------------------------------------
// Inputs: deterministic from (seed, run).

/** mulberry32: small, fast and good enough to pick mutations. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];

/** Characters that are invisible or odd in text copied out of PDF or Word. */
// prettier-ignore
export const ODD_CHARACTERS = [
  ...Array.from({ length: 32 }, (_, k) => String.fromCharCode(k)).filter((c) => c !== "\n"),
  "\u007f", "\u0085", "\u009b",
  "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", // zero-width
  "\u202e", "\u2066", "\u2069", // bidirectional controls
  "\u2028", "\u2029", "\u00a0", "\u3000", "\ufffd", "\ud800",
];

/** Lines that mean something to the parser or to YAML. */
// prettier-ignore
export const STRUCTURE_LINES = [
  "---", "## 要闻", "## 产业动态", "## 未注册栏目", "### 标题", "###", "#### 小节", "# 一级",
  "来源：测试协会", "（来源：测试协会）", "> 编者按：按语", "> 编者按", "<!--", "-->", "<!-- import: 猜测 -->",
  "| 列 | 列 |", "| --- | :-: |", "```", "- 列表", "1. 列表", "    缩进代码",
  "issue: 0", "issue: -1", "issue: 三", "issue: 1e3", "cumulative: 0x10", "date: 2026-02-30", "date: 2026/3/31", "date:",
  "sections: [", "sections: []", "sections: [要闻, 要闻]", "title: |", "editors: {a: 1}", "pdf: ../../etc/passwd",
  ": ", "? key", "- item", "\t- tab", "&anchor a", "*anchor", "!!binary AAAA", "!!js/function x", "{", "[", "'", '"', "<<: *a",
  "[链接](../../etc/passwd)", "![图](assets/chart.png)", "![图](%2e%2e/x.png)", "<script>alert(1)</script>",
  "2026年第3期 总第180期", "第3期", "2026年3月31日", "目录", "本期要目", "编者按", "主编：王明", "责任编辑：李华",
];

export type Seeds = { texts: string[]; importer: string[] };

/**
 * Reads the seeds: PDF text for the importer (the .txt files of `dir`, when given and there),
 * and the project's own issue files, which stand in for the importer's when there are none.
 */
export function readSeeds(dir?: string): Seeds {
  const text = (file: string) => readFileSync(file, "utf8");
  const markdownUnder = (folder: string) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".md"))
      .map((e) => text(path.join(e.parentPath, e.name)));
  let importer: string[] = [];
  try {
    if (dir !== undefined)
      importer = readdirSync(dir)
        .filter((name) => name.endsWith(".txt"))
        .sort()
        .map((name) => text(path.join(dir, name)));
  } catch {
    // No shared seeds on this machine: the project's own files still make a corpus.
  }
  const texts = [...markdownUnder("content"), ...markdownUnder("tests/fixtures/archive"), ...markdownUnder("tests/fixtures/bad/issues")];
  return { texts, importer: importer.length ? importer : texts };
}

/** A window of a seed's lines: small inputs explore more per second than whole bulletins. */
function window(rng: Rng, text: string): string {
  const lines = text.split("\n");
  if (rng() < 0.15) return text;
  const start = int(rng, lines.length);
  return lines.slice(start, start + 1 + int(rng, 200)).join("\n");
}

function mutateLines(rng: Rng, text: string, seeds: Seeds): string {
  let lines = text.split("\n");
  const at = () => int(rng, lines.length + 1);
  for (let k = 1 + int(rng, 4); k > 0; k--) {
    const op = int(rng, 11);
    const i = at();
    const j = Math.min(lines.length, i + 1 + int(rng, 20));
    if (op === 0)
      lines = [...lines.slice(0, i), ...lines.slice(i, j).sort(() => rng() - 0.5), ...lines.slice(j)]; // shuffle
    else if (op === 1)
      lines = [...lines.slice(0, j), ...lines.slice(i, j), ...lines.slice(j)]; // duplicate
    else if (op === 2)
      lines = [...lines.slice(0, i), ...lines.slice(j)]; // delete
    else if (op === 3) lines.splice(i, 0, pick(rng, STRUCTURE_LINES));
    else if (op === 4)
      lines.splice(
        i,
        0,
        ...window(rng, pick(rng, [...seeds.texts, ...seeds.importer]))
          .split("\n")
          .slice(0, 30),
      ); // splice
    else if (op === 5 || op === 6) {
      // an odd character inside a line
      const line = lines[Math.min(i, lines.length - 1)] ?? "";
      const p = int(rng, line.length + 1);
      lines[Math.min(i, lines.length - 1)] = line.slice(0, p) + pick(rng, ODD_CHARACTERS) + line.slice(p);
    } else if (op === 7)
      lines.splice(i, 0, pick(rng, [" ", "a", "<!--", "-->", ":", "#", ">", "|", "[", "`", "*", "来源：", "\t"]).repeat(1000 + int(rng, 100_000))); // a long run
    else if (op === 8)
      lines = lines.slice(0, i); // truncate at a line
    else if (op === 9)
      lines = lines.map((line) => line.replace(/\s+/g, pick(rng, ["\t", "", "  ", "\u3000"]))); // whitespace
    else lines.splice(i, 0, "");
  }
  let out = lines.join("\n");
  if (rng() < 0.2) out = out.slice(0, int(rng, out.length + 1)); // truncate inside a line
  if (rng() < 0.1) out = out.replace(/\n/g, "\r\n");
  if (rng() < 0.1) out = `\ufeff${out}`;
  return out;
}

function toBytes(rng: Rng, text: string): Buffer {
  const roll = rng();
  let bytes = roll < 0.05 ? iconv.encode(text, "gbk") : roll < 0.08 ? iconv.encode(text, pick(rng, ["utf16le", "utf16be"]), { addBOM: rng() < 0.5 }) : Buffer.from(text, "utf8");
  if (rng() < 0.1) {
    bytes = Buffer.from(bytes);
    for (let k = 1 + int(rng, 8); k > 0 && bytes.length; k--) bytes[int(rng, bytes.length)] = int(rng, 256); // byte flips
  }
  if (rng() < 0.05) bytes = bytes.subarray(0, int(rng, bytes.length + 1)); // cut inside a character
  return bytes;
}

export interface FuzzInput {
  /** For the decoder, the parser and the loader: an issue file. */
  issue: Buffer;
  /** For the importer. */
  bulletin: { file: string; bytes: Buffer };
}

/** The input of one run. */
export function inputFor(seed: number, run: number, seeds: Seeds): FuzzInput {
  const rng = random(seed * 1_000_003 + run);
  const randomBytes = () => Buffer.from(Array.from({ length: int(rng, 4096) }, () => int(rng, 256)));
  const issue = rng() < 0.05 ? randomBytes() : toBytes(rng, mutateLines(rng, window(rng, pick(rng, seeds.texts)), seeds));
  const roll = rng();
  const bulletin =
    roll < 0.05
      ? { file: pick(rng, ["bulletin.docx", "bulletin.txt"]), bytes: randomBytes() }
      : { file: pick(rng, ["bulletin.txt", "bulletin.md"]), bytes: toBytes(rng, mutateLines(rng, window(rng, pick(rng, seeds.importer)), seeds)) };
  return { issue, bulletin };
}

// ---------------------------------------------------------------------------------------------
// Running: a worker runs the inputs, the main thread watches for hangs and reports.

const TARGETS: Target[] = ["decode", "parse", "loader", "import"];

interface Options {
  targets: Target[];
  runs: number;
  jobs: number;
  seed: number;
  only?: number;
  seedsDir: string;
  out: string;
  hangSeconds: number;
  loaderEvery: number;
}

/** What one input did, besides failures. */
interface Outcome {
  decodeRefused: boolean;
  loaderFolder: boolean;
  imported: boolean;
  importRefused: boolean;
  ms: number;
}

type WorkerMessage = { type: "stage"; run: number; target: Target } | { type: "failure"; run: number; failure: Failure } | { type: "end"; run: number; outcome: Outcome } | { type: "done" };

async function runInputs(options: Options, runs: number[], post: (message: WorkerMessage) => void): Promise<void> {
  const seeds = readSeeds(options.seedsDir);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "bulletin-fuzz-"));
  try {
    for (const run of runs) {
      const started = performance.now();
      const input = inputFor(options.seed, run, seeds);
      const outcome: Outcome = { decodeRefused: false, loaderFolder: false, imported: false, importRefused: false, ms: 0 };
      const failed = (failure: Failure | undefined) => failure && post({ type: "failure", run, failure });
      const stage = (target: Target) => {
        const on = options.targets.includes(target);
        if (on) post({ type: "stage", run, target });
        return on;
      };

      let text: string | undefined;
      if (stage("decode")) {
        const decoded = await checkDecode(path.join(scratch, "issue.md"), input.issue);
        failed(decoded.failure);
        text = decoded.text;
        outcome.decodeRefused = text === undefined;
      }
      // The parser sees every text, also those the loader would refuse: it must not crash on them either.
      if (stage("parse")) failed(checkParse(text ?? normaliseText(new TextDecoder().decode(input.issue))));

      if (run % options.loaderEvery === 0 && stage("loader")) {
        const content = path.join(scratch, `content-${run}`);
        const year = path.join(content, "fuzz", "2026");
        mkdirSync(path.join(year, "assets"), { recursive: true });
        writeFileSync(
          path.join(content, "fuzz", "publication.yaml"),
          run % (options.loaderEvery * 5) === 0 ? toBytes(random(run), mutateLines(random(run), PUBLICATION_YAML, seeds)) : PUBLICATION_YAML,
        );
        writeFileSync(path.join(year, "assets", "chart.png"), "");
        writeFileSync(path.join(year, "01.md"), input.issue);
        // A second issue from another run: numbers, dates and titles can now collide.
        writeFileSync(path.join(year, "02.md"), inputFor(options.seed, run + 1, seeds).issue);
        failed(await checkFolder(content));
        rmSync(content, { recursive: true, force: true });
        outcome.loaderFolder = true;
      }

      if (stage("import")) {
        const imported = await checkImport(input.bulletin.file, input.bulletin.bytes);
        failed(imported.failure);
        outcome.imported = imported.imported;
        outcome.importRefused = !imported.imported && !imported.failure;
      }
      outcome.ms = performance.now() - started;
      post({ type: "end", run, outcome });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  post({ type: "done" });
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "10000" },
      seed: { type: "string", default: "1" },
      only: { type: "string" },
      seeds: { type: "string", default: path.resolve(ROOT, "../shared/seeds") },
      out: { type: "string" },
      "hang-seconds": { type: "string", default: "10" },
      "loader-every": { type: "string", default: "10" },
      jobs: { type: "string", default: String(Math.min(2, os.availableParallelism())) },
      targets: { type: "string", default: TARGETS.join(",") },
    },
  });
  const targets = values.targets.split(",").map((t) => t.trim()) as Target[];
  const unknown = targets.filter((t) => !TARGETS.includes(t));
  if (unknown.length || !targets.length) throw new Error(`--targets expects a list of ${TARGETS.join(", ")}, found ${values.targets}`);
  const whole = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} expects a whole number of at least ${min}, found ${value}`);
    return n;
  };
  const seed = whole("seed", values.seed, 0);
  return {
    targets,
    runs: whole("runs", values.runs, 1),
    jobs: whole("jobs", values.jobs, 1),
    seed,
    only: values.only === undefined ? undefined : whole("only", values.only, 0),
    seedsDir: values.seeds,
    out: values.out ?? path.join(os.tmpdir(), `bulletin-fuzz-failures-seed${seed}`),
    hangSeconds: whole("hang-seconds", values["hang-seconds"], 1),
    loaderEvery: whole("loader-every", values["loader-every"], 1),
  };
}

/** Runs `runs` in a worker; resolves when it is done, or with the run and stage it hung in. */
function startWorker(
  options: Options,
  runs: number[],
  on: { failure: (run: number, failure: Failure) => void; end: (run: number, outcome: Outcome) => void },
): Promise<{ hung?: { run: number; target: Target } }> {
  return new Promise((resolve, reject) => {
    // Loader hooks do not reach worker threads: the worker registers tsx itself, as scripts/bulletin.js does.
    const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: { options, runs } });
    let current: { run: number; target: Target; since: number } | undefined;
    const watchdog = setInterval(() => {
      if (!current || performance.now() - current.since < options.hangSeconds * 1000) return;
      clearInterval(watchdog);
      const { run, target } = current;
      void worker.terminate().then(() => resolve({ hung: { run, target } }));
    }, 250);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "stage") current = { run: message.run, target: message.target, since: performance.now() };
      else if (message.type === "failure") on.failure(message.run, message.failure);
      else if (message.type === "end") {
        current = undefined;
        on.end(message.run, message.outcome);
      } else {
        clearInterval(watchdog);
        resolve({});
      }
    });
    worker.on("error", (error) => {
      clearInterval(watchdog);
      reject(error);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const seeds = readSeeds(options.seedsDir);
  const started = performance.now();
  /** Failures grouped by kind, target and message: one line and one saved input per group. */
  const groups = new Map<string, { failure: Failure; runs: number[] }>();
  const record = (run: number, failure: Failure) => {
    const key = `${failure.kind} ${failure.target} ${failure.what}`;
    const group = groups.get(key) ?? { failure, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  };
  const total = { inputs: 0, decodeRefused: 0, loaderFolders: 0, imported: 0, importRefused: 0, slowestMs: 0, slowestRun: -1 };
  const end = (run: number, outcome: Outcome) => {
    total.inputs++;
    total.decodeRefused += Number(outcome.decodeRefused);
    total.loaderFolders += Number(outcome.loaderFolder);
    total.imported += Number(outcome.imported);
    total.importRefused += Number(outcome.importRefused);
    if (outcome.ms > total.slowestMs) [total.slowestMs, total.slowestRun] = [outcome.ms, run];
    if (total.inputs % 1000 === 0) console.error(`  ${total.inputs} inputs, ${groups.size} kinds of failure so far (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  };

  console.log(
    `Fuzzing ${options.only === undefined ? `${options.runs} inputs` : `input ${options.only}`} (seed ${options.seed}; ${options.targets.join(", ")}; ${options.jobs} jobs): ${seeds.texts.length} issue seeds, ${seeds.importer.length} importer seeds from ${options.seedsDir}`,
  );
  // Each worker takes every jobs-th input; after a hang, a fresh worker goes on after the hung input.
  const all = options.only === undefined ? Array.from({ length: options.runs }, (_, k) => k) : [options.only];
  const lanes = Array.from({ length: Math.min(options.jobs, all.length) }, (_, j) => all.filter((_, k) => k % options.jobs === j));
  await Promise.all(
    lanes.map(async (lane) => {
      for (let rest = lane; rest.length;) {
        const { hung } = await startWorker(options, rest, { failure: record, end });
        if (!hung) break;
        record(hung.run, { kind: "hang", target: hung.target, what: `an input ran longer than ${options.hangSeconds} s` });
        end(hung.run, { decodeRefused: false, loaderFolder: false, imported: false, importRefused: false, ms: options.hangSeconds * 1000 });
        rest = rest.slice(rest.indexOf(hung.run) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  console.log(`
Inputs          ${total.inputs}${options.only === undefined ? ` of ${options.runs}` : ""}
  decode        ${total.decodeRefused} refused with a clear error (encoding, empty, control characters)
  parse         every input's text, also the refused ones
  loader        ${total.loaderFolders} content folders loaded
  import        ${total.imported} imported, ${total.importRefused} refused with ImportError
Slowest input   ${total.slowestMs.toFixed(0)} ms (input ${total.slowestRun})
Time            ${seconds.toFixed(1)} s`);

  const failures = [...groups.values()];
  const count = (kind: FailureKind) => failures.filter((g) => g.failure.kind === kind).reduce((sum, g) => sum + g.runs.length, 0);
  console.log(`Failures        ${(["crash", "unclear", "lost", "unloadable", "hang"] as const).map((kind) => `${count(kind)} ${kind}`).join(", ")}`);
  if (!failures.length) {
    console.log("No crashes: every input gave a result or a clear error.");
    return 0;
  }
  mkdirSync(options.out, { recursive: true });
  for (const { failure, runs } of failures) {
    const run = runs[0];
    const input = inputFor(options.seed, run, seeds);
    const base = path.join(options.out, `${failure.kind}-${failure.target}-input${run}`);
    writeFileSync(`${base}.issue.md`, input.issue);
    writeFileSync(`${base}.${input.bulletin.file}`, input.bulletin.bytes);
    const which = runs.length === 1 ? `input ${run}` : `${runs.length} inputs: ${runs.slice(0, 10).join(", ")}${runs.length > 10 ? " …" : ""}`;
    console.log(`\n${failure.kind} in ${failure.target} (${which}): ${failure.what}`);
    console.log(`  inputs saved as ${base}.*; replay: node --import tsx scripts/fuzz.ts --seed ${options.seed} --only ${run}`);
  }
  return 1;
}

const task = workerData as { options: Options; runs: number[] } | undefined;
if (!isMainThread && task?.options) {
  await runInputs(task.options, task.runs, (message) => parentPort!.postMessage(message));
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`fuzz: ${error.message}`);
    return 2;
  });
}
