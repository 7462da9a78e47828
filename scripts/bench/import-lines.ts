/**
 * `npm run bench:import -- --lines`: each line built to make the importer slow, imported at its
 * test size and at twice that, in this process. Linear work takes about 2× as long at twice the
 * size; 4× means the time grows with the square of the line.
 */
import { importBulletin } from "../../src/importer/index.ts";
import { SLOW_LINES, slowBulletin } from "../../tests/support/slow-lines.ts";
import { millis } from "./sizes.ts";

async function timeImport(text: string): Promise<number> {
  const started = performance.now();
  await importBulletin({ file: "slow.txt", bytes: slowBulletin(text) });
  return performance.now() - started;
}

export async function benchSlowLines(): Promise<void> {
  await timeImport("热身。"); // loads the importer's modules before anything is timed
  console.log(`${"line".padEnd(30)} ${"size".padStart(9)} ${"time".padStart(9)} ${"2 × size".padStart(9)} ${"time".padStart(9)}  ratio`);
  for (const line of SLOW_LINES) {
    const once = await timeImport(line.text(line.size));
    const twice = await timeImport(line.text(line.size * 2));
    const row = [line.name.padEnd(30), String(line.size).padStart(9), millis(once).padStart(9), String(line.size * 2).padStart(9), millis(twice).padStart(9)];
    console.log(`${row.join(" ")}  ${(twice / once).toFixed(1)}×`);
  }
}
