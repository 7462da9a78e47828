/** Tables: tab-separated rows (as PDF extraction leaves them) in, Markdown tables out. */
import { oneLine, withoutLocalLinks } from "./escape.ts";

/**
 * Rows of a tab-separated block, or undefined when the block is not a table: a table has at
 * least two lines and a tab on every line. Cells are trimmed; empty trailing cells are kept, so
 * a short last row still lines up.
 */
export function parseTabTable(paragraph: string): string[][] | undefined {
  const lines = paragraph.split("\n");
  if (lines.length < 2 || !lines.every((line) => line.includes("\t"))) return undefined;
  return lines.map((line) => line.split("\t").map((cell) => cell.trim()));
}

/** A cell's text on the one line a table row has, with its "|" escaped so it cannot end the cell. */
const escapeCell = (cell: string) => withoutLocalLinks(oneLine(cell)).replace(/\|/g, "\\|");

/** A Markdown (GFM) table; rows shorter than the widest are padded with empty cells. */
export function renderTable(rows: string[][]): string {
  // Not Math.max(...widths), which overflows the stack on a table of 100 000 rows.
  const width = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
  const line = (cells: string[]) => `|${Array.from({ length: width }, (_, i) => (cells[i] ? ` ${escapeCell(cells[i])} ` : " ")).join("|")}|`;
  const [header, ...body] = rows;
  return [line(header), `|${" --- |".repeat(width)}`, ...body.map(line)].join("\n");
}
