/** Tables: tab-separated rows (as PDF extraction leaves them) in, Markdown tables out. */

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

const escapeCell = (cell: string) => cell.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

/** A Markdown (GFM) table; rows shorter than the widest are padded with empty cells. */
export function renderTable(rows: string[][]): string {
  const width = Math.max(...rows.map((row) => row.length));
  const line = (cells: string[]) =>
    `|${Array.from({ length: width }, (_, i) => (cells[i] ? ` ${escapeCell(cells[i])} ` : " ")).join("|")}|`;
  const [header, ...body] = rows;
  return [line(header), `|${" --- |".repeat(width)}`, ...body.map(line)].join("\n");
}
