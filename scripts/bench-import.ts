/**
 * `npm run bench:import -- --files 100`: the time and peak memory of `bulletin import` on a
 * folder of PDFs. The PDFs are the fixture bulletins (tests/fixtures/bulletins) printed by
 * headless Chromium in one and two columns, each copy dated another year so that every file
 * is an issue of its own. The baseline, measured the same way, is PDF.js extracting the plain
 * text of the same files, with nothing rebuilt (scripts/bench/pdf-text-child.ts).
 * `--lines` times the importer on lines built to make it slow instead (scripts/bench/import-lines.ts).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchBrowser } from "../tests/support/browser.ts";
import { type Columns, LAYOUTS, printBulletin, truthOf } from "../tests/support/bulletin-pdfs.ts";
import { benchSlowLines } from "./bench/import-lines.ts";
import { measureCommand } from "./bench/measure.ts";
import { bytes, ratio, seconds } from "./bench/sizes.ts";

const { values } = parseArgs({ options: { files: { type: "string", default: "100" }, lines: { type: "boolean", default: false } } });
if (values.lines) {
  await benchSlowLines();
  process.exit(0);
}
const count = Number(values.files);
if (!Number.isInteger(count) || count < 1) throw new Error("--files: expected a whole number, e.g. 100");

const HAN_DIGITS = "〇一二三四五六七八九";
/** The fixture moved to `year`: its year replaced wherever printed (masthead, date, text), as it writes it. */
function dated(layout: string, year: number): (html: string) => string {
  const printed = truthOf(layout).masthead.datePrinted;
  const digits = /^(\d{4})/.exec(printed)?.[1];
  const han = /^([〇一二三四五六七八九]{4})/.exec(printed)?.[1];
  const original = truthOf(layout).masthead.date.slice(0, 4);
  return (html) => {
    let moved = html.split(digits ?? original).join(String(year));
    if (han) moved = moved.split(han).join([...String(year)].map((d) => HAN_DIGITS[Number(d)]).join(""));
    return moved;
  };
}

const root = mkdtempSync(path.join(os.tmpdir(), "bulletin-bench-import-"));
const input = path.join(root, "pdfs");
try {
  console.log(`Printing ${count} PDFs of ${LAYOUTS.length} layouts, one and two columns …`);
  const browser = await launchBrowser();
  try {
    for (let k = 0; k < count; k++) {
      const layout = LAYOUTS[k % LAYOUTS.length];
      const columns: Columns = Math.floor(k / LAYOUTS.length) % 2 === 0 ? "1col" : "2col";
      // One year for each copy of a layout and its column count: every file is an issue of its own.
      const year = 2000 + Math.floor(k / LAYOUTS.length);
      await printBulletin(browser, layout, columns, path.join(input, `${String(k + 1).padStart(3, "0")}-${layout}-${columns}.pdf`), dated(layout, year));
    }
  } finally {
    await browser.close();
  }

  const cli = path.resolve(import.meta.dirname, "bulletin.js");
  const run = await measureCommand(process.execPath, [cli, "import", input, "--content", path.join(root, "content")], { quiet: true });
  const outcome = (word: string) => run.stdout.split("\n").filter((line) => line.startsWith(`${word} `)).length;
  const baseline = await measureCommand(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "bench/pdf-text-child.ts"), input], { quiet: true });
  const files = readdirSync(input).length;
  console.log(`\nbulletin import of ${files} PDFs (${outcome("created")} created, ${outcome("failed")} failed; exit ${run.exitCode})`);
  console.log(`  time         ${seconds(run.wallMs)}  (${seconds(run.wallMs / files)} a file; CPU ${seconds(run.cpuMs)})`);
  console.log(`  peak memory  ${bytes(run.peakRss)}`);
  console.log(`baseline: PDF.js plain-text extraction of the same files, one after another`);
  console.log(`  time         ${seconds(baseline.wallMs)}  (import takes ${ratio(run.wallMs, baseline.wallMs)} as long)`);
  console.log(`  peak memory  ${bytes(baseline.peakRss)}  (import ${ratio(run.peakRss, baseline.peakRss)})`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
