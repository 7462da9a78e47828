/**
 * The scale benchmark: generates a synthetic archive, builds it, and prints the figures of
 * docs/performance.md — time, CPU and peak memory (whole process tree) per build phase, pages
 * per second, search bundle size, what a browser transfers for a first two-word query and how
 * long it waits, incremental rebuild times — beside two baselines run right after the build:
 * Hugo writing the same archive's HTML (when `hugo` is installed) and stock Pagefind over our
 * HTML, and the ratio of the full build to the two together.
 *
 *   npm run bench -- --issues 1000 [--publications P] [--query "数据 安全"] [--keep]
 *     [--skip-baseline] [--baseline-cap-gb 12] [--build-only]
 *
 * `--build-only` stops after the full build and the baselines (no browser, no rebuilds).
 *
 * Everything is written under a temporary folder in /tmp, removed at the end unless --keep. The
 * builds run a copy of the project's code taken at the start, so that edits made meanwhile do
 * not change the code fingerprint and turn the incremental builds into full ones.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BuildSummary } from "../src/pipeline/build.ts";
import { addSyntheticIssue, editSyntheticIssue, type SyntheticArchive, writeSyntheticArchive } from "../tests/support/synthetic-archive.ts";
import { measureQueries, type QueryMeasurement } from "./bench/browser-query.ts";
import { hugoVersion, writeHugoSite } from "./bench/hugo-site.ts";
import { measureCommand, type MeasuredRun, measureScript } from "./bench/measure.ts";
import type { ChildReport } from "./bench/messages.ts";
import { monitorTree } from "./bench/process-tree.ts";
import { bytes, folderBytes, millis, ratio, seconds, whole } from "./bench/sizes.ts";

const { values } = parseArgs({
  options: {
    issues: { type: "string", default: "1000" },
    publications: { type: "string" },
    seed: { type: "string", default: "1" },
    query: { type: "string", default: "数据 安全" },
    keep: { type: "boolean", default: false },
    "skip-baseline": { type: "boolean", default: false },
    "build-only": { type: "boolean", default: false },
    "baseline-cap-gb": { type: "string", default: "12" },
  },
});

const issues = Number(values.issues);
// An aggregator's scale: about a thousand issues per publication unless told otherwise.
const publications = Number(values.publications ?? Math.max(1, Math.round(issues / 1000)));
const here = path.dirname(new URL(import.meta.url).pathname);
const work = mkdtempSync(path.join(os.tmpdir(), "bulletin-bench-"));
const contentDir = path.join(work, "content");
const siteDir = path.join(work, "site");
const root = path.resolve(here, "..");
const project = path.join(work, "project");

async function snapshotProject(): Promise<void> {
  for (const entry of ["src", "templates", "scripts", ".eleventy.ts", "package.json", "package-lock.json", "tsconfig.json"]) {
    await fs.cp(path.join(root, entry), path.join(project, entry), { recursive: true });
  }
  await fs.symlink(path.join(root, "node_modules"), path.join(project, "node_modules"));
}

function summaryOf(run: MeasuredRun): BuildSummary {
  const report = run.reports.find((r) => r.type === "summary");
  if (!report || report.type !== "summary") throw new Error(`the build did not finish (exit ${run.exitCode}${run.stopped ? `, ${run.stopped}` : ""})`);
  return report.summary;
}

/** `bulletin build --incremental` after a change, as an editor would run it. */
async function incrementalCommand() {
  const run = await measureCommand(process.execPath, [path.join(project, "scripts/bulletin.js"), "build", "--content", contentDir, "--output", siteDir, "--incremental"], {
    cwd: project,
    quiet: true,
  });
  if (run.exitCode !== 0) throw new Error(`bulletin build --incremental failed (exit ${run.exitCode})`);
  // The command says "Updated" when it updated the previous output in place, "Built" when it had to build in full.
  return { ...run, incremental: run.stdout.startsWith("Updated") };
}

/** The rebuilds of a long-lived builder (what `bulletin serve` runs) after an issue is added and after one is edited. */
async function devServerRebuilds(archive: SyntheticArchive, edited: Parameters<typeof editSyntheticIssue>[1]) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(project, "scripts/bench/rebuild-child.ts"), JSON.stringify({ contentDir, outputDir: siteDir })], {
    cwd: project,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const monitor = monitorTree(child.pid!);
  const rebuilt = () => new Promise<Extract<ChildReport, { type: "rebuilt" }>>((resolve) => child.once("message", resolve));
  await rebuilt();
  await addSyntheticIssue(archive);
  child.send({ rebuild: "add" });
  const add = await rebuilt();
  await editSyntheticIssue(archive, edited, 2);
  child.send({ rebuild: "edit" });
  const edit = await rebuilt();
  child.send({ stop: true });
  await new Promise((resolve) => child.once("exit", resolve));
  monitor.stop();
  return { add, edit, peakRss: monitor.peak() };
}

async function fullBuild() {
  const run = await measureScript(path.join(project, "scripts/bench/build-child.ts"), [JSON.stringify({ contentDir, outputDir: siteDir })], project);
  return { run, summary: summaryOf(run) };
}

/** Stock Pagefind: its own CLI over the HTML we built, into a folder of its own. */
async function baseline() {
  const output = path.join(work, "baseline-pagefind");
  const run = await measureCommand("npx", ["pagefind", "--site", siteDir, "--output-path", output], {
    cwd: root,
    quiet: true,
    limits: { maxRss: Number(values["baseline-cap-gb"]) * 2 ** 30 },
  });
  return { run, bundle: await folderBytes(output) };
}

/** Hugo over the same archive (scripts/bench/hugo-site.ts), when it is installed: the time to write its HTML. */
async function hugoBaseline() {
  const version = hugoVersion();
  if (!version) return undefined;
  const dir = path.join(work, "hugo");
  await writeHugoSite(contentDir, dir, version);
  const run = await measureCommand("hugo", ["--quiet", "--source", dir, "--destination", path.join(work, "hugo-site")], { quiet: true });
  if (run.exitCode !== 0) throw new Error(`hugo failed (exit ${run.exitCode})`);
  return { run, version: version.split(" ")[1] ?? version, files: (await fs.readdir(path.join(work, "hugo-site"), { recursive: true })).filter((name) => name.endsWith(".html")).length };
}

async function rebuildsAfterChanges(archive: SyntheticArchive) {
  // The first incremental build after a full one makes the copy of the site the next ones start from (src/build/staging.ts).
  const cliFirst = await incrementalCommand();
  const [publication] = archive.publications;
  const edited = { publication, index: Math.floor(publication.issueCount / 2) };
  await addSyntheticIssue(archive);
  const cliAdd = await incrementalCommand();
  await editSyntheticIssue(archive, edited, 1);
  const cliEdit = await incrementalCommand();
  const dev = await devServerRebuilds(archive, edited);
  return { cliFirst, cliAdd, cliEdit, dev };
}

function queryRows(queries: Awaited<ReturnType<typeof measureQueries>>, shards: number): string[] {
  return [
    `First query "${values.query}" from a cold page:`,
    "",
    "| Path | First results | Transferred | Requests | Results |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...(queries.ui
      ? [
          queryRow("search page (/search/?q=…), first result shown", queries.ui.first),
          `| search page, every shard searched | ${millis(queries.ui.complete.ms)} | ${bytes(queries.ui.complete.bytes)} | ${queries.ui.complete.requests} | ${queries.ui.complete.summary} |`,
        ]
      : ["| search page (/search/?q=…) | no results shown | | | |"]),
    ...queries.bundlesOnly.map((q) => queryRow(q.shards >= shards ? `engine alone, all ${shards} shards as one group` : `engine alone, newest ${q.shards} shard(s)`, q)),
    "",
  ];
}

function rebuildRows({ cliFirst, cliAdd, cliEdit, dev }: Awaited<ReturnType<typeof rebuildsAfterChanges>>): string[] {
  return [
    "Rebuild after one change:",
    "",
    "| Change | `bulletin build --incremental` | its CPU | its peak memory | long-lived builder (`bulletin serve`) | files written, shards indexed |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| nothing changed, first after the full build (copies the site once) | ${seconds(cliFirst.wallMs)} | ${seconds(cliFirst.cpuMs)} | ${bytes(cliFirst.peakRss)} | | |`,
    `| one issue added | ${seconds(cliAdd.wallMs)}${cliAdd.incremental ? "" : " (built in full)"} | ${seconds(cliAdd.cpuMs)} | ${bytes(cliAdd.peakRss)} | ${seconds(dev.add.ms)} | ${whole(dev.add.summary.pages)}, ${dev.add.summary.indexedShards} |`,
    `| one issue edited | ${seconds(cliEdit.wallMs)}${cliEdit.incremental ? "" : " (built in full)"} | ${seconds(cliEdit.cpuMs)} | ${bytes(cliEdit.peakRss)} | ${seconds(dev.edit.ms)} | ${whole(dev.edit.summary.pages)}, ${dev.edit.summary.indexedShards} |`,
  ];
}

function phaseRows(run: MeasuredRun): string[] {
  const row = (label: string, m: { wallMs: number; cpuMs: number; peakRss: number }) => `| ${label} | ${seconds(m.wallMs)} | ${seconds(m.cpuMs)} | ${bytes(m.peakRss)} |`;
  const labels: Record<string, string> = { load: "load and validate", render: "render HTML", search: "search index (after rendering)" };
  return ["| Phase | Wall | CPU | Peak memory |", "| --- | ---: | ---: | ---: |", ...[...run.phases].map(([phase, m]) => row(labels[phase] ?? phase, m)), row("**total** (process)", run)];
}

const queryRow = (label: string, m: QueryMeasurement) => `| ${label} | ${millis(m.ms)} | ${bytes(m.bytes)} | ${m.requests} | ${m.results} |`;

try {
  await snapshotProject();
  console.error(`Generating ${issues} issues in ${publications} publication(s) under ${work} …`);
  const archive = await writeSyntheticArchive(contentDir, { issues, publications, seed: Number(values.seed) });
  const markdownBytes = await folderBytes(contentDir);

  console.error("Full build …");
  const full = await fullBuild();
  const searchBytes = await folderBytes(path.join(siteDir, "pagefind"));
  const siteBytes = await folderBytes(siteDir);

  // The baselines run right after the build, so that the ratio compares runs under the same load.
  console.error("Baseline: Hugo …");
  const hugo = await hugoBaseline();
  const base = values["skip-baseline"] ? undefined : (console.error("Baseline: stock Pagefind CLI …"), await baseline());

  // The same build again, as a nightly rebuild or a template change would run it: every shard's pages are as they were.
  console.error("Full build again, with the cache the first one left …");
  const again = await fullBuild();

  const queries = values["build-only"] ? undefined : (console.error("First query in Chromium …"), await measureQueries(siteDir, values.query, [1, 8, 1e9]));
  const rebuilds = values["build-only"] ? undefined : (console.error("Incremental rebuilds …"), await rebuildsAfterChanges(archive));

  const s = full.summary;
  const lines = [
    `Archive: ${whole(s.issues)} issues in ${s.publications} publication(s), ${whole(s.articles)} articles, ${bytes(markdownBytes)} of Markdown → ${whole(s.pages)} files, ${bytes(siteBytes)}. Machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}.`,
    "",
    ...phaseRows(full.run),
    "",
    `- Pages per second: ${whole(s.pages / (full.run.wallMs / 1000))} over the whole build (${whole(s.pages / (s.timings.render / 1000))} while rendering).`,
    `- Search: ${whole(s.searchPages)} articles in ${s.searchShards} shards; bundle ${bytes(searchBytes)}; CPU of indexing: Pagefind ${seconds(s.indexingCpu.pagefind)}, phrase indexes ${seconds(s.indexingCpu.phraseIndex)}, cache keys ${seconds(s.indexingCpu.cacheKey)}; the build process itself (load, render, the rest) ${seconds(s.buildProcessCpu)}.`,
    `- The same full build again, with what the first one kept in .bulletin-cache (${again.summary.keptShards} of ${again.summary.searchShards} shards taken from it): ${seconds(again.run.wallMs)} wall, ${seconds(again.run.cpuMs)} CPU, peak ${bytes(again.run.peakRss)}.`,
    "",
    ...(queries ? queryRows(queries, s.searchShards) : []),
    ...(rebuilds ? rebuildRows(rebuilds) : []),
  ];
  if (base) {
    const searchPhase = full.run.phases.get("search");
    lines.push(
      "",
      `- Baseline, stock Pagefind CLI over the same HTML: ${base.run.stopped ?? `${seconds(base.run.wallMs)} wall, ${seconds(base.run.cpuMs)} CPU`}, peak ${bytes(base.run.peakRss)}, bundle ${bytes(base.bundle)}.`,
      searchPhase && !base.run.stopped
        ? `- Ratios, stock ÷ ours (whole build): wall ${ratio(base.run.wallMs, full.run.wallMs)}, CPU ${ratio(base.run.cpuMs, full.run.cpuMs)}, peak memory ${ratio(base.run.peakRss, full.run.peakRss)}, bundle ${ratio(base.bundle, searchBytes)}.`
        : "- Ratios: the baseline did not finish.",
    );
  }
  lines.push(
    "",
    hugo
      ? `- Hugo ${hugo.version} over the same archive (${whole(hugo.files)} HTML files): ${seconds(hugo.run.wallMs)} wall, ${seconds(hugo.run.cpuMs)} CPU, peak ${bytes(hugo.run.peakRss)}.`
      : "- Hugo: not installed (Debian's `hugo` package), skipped.",
  );
  if (hugo && base && !base.run.stopped) {
    const reference = hugo.run.wallMs + base.run.wallMs;
    lines.push(
      `- **Full build ÷ (Hugo + stock Pagefind)**: ${seconds(full.run.wallMs)} ÷ (${seconds(hugo.run.wallMs)} + ${seconds(base.run.wallMs)}) = **${(full.run.wallMs / reference).toFixed(2)}** wall; CPU ${seconds(full.run.cpuMs)} ÷ ${seconds(hugo.run.cpuMs + base.run.cpuMs)} = ${(full.run.cpuMs / (hugo.run.cpuMs + base.run.cpuMs)).toFixed(2)}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(", ")}.`,
    );
  }
  console.log(lines.join("\n"));
} finally {
  if (values.keep) console.error(`Kept ${work}`);
  else await fs.rm(work, { recursive: true, force: true });
}
