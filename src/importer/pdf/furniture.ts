/**
 * Page furniture: running headers and footers, found as text printed at the same place on
 * many pages (the numbers in it may change: 2024年第12期 · 第3页), and page numbers, found by
 * their form in the top or bottom margin. Neither belongs to the bulletin's text.
 */
import type { Line } from "./lines.ts";

/** The share of the page's height, at the top and at the bottom, where furniture is printed. */
const MARGIN = 0.12;

const PAGE_NUMBER = /^(?:[-—–－]\s*)?(?:\d{1,3}|[ivxlc]{1,6})(?:\s*[-—–－])?$|^第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?$|^\d{1,3}\s*[/／]\s*\d{1,3}$|^page\s+\d{1,3}(?:\s+of\s+\d{1,3})?$/i;

const lineText = (line: Line) => line.pieces.map((p) => p.text).join(" ");

/** Text with its numbers blanked, so "第 3 页" and "第 4 页" are the same furniture. */
const furnitureKey = (line: Line) => lineText(line).replace(/\d+/g, "#").replace(/\s+/g, "");

/** Lines without the running headers, footers and page numbers. `heights` are the pages' heights. */
export function removeFurniture(lines: Line[], heights: number[]): Line[] {
  const inMargin = (line: Line) => {
    const height = heights[line.page] ?? 0;
    return line.y <= MARGIN * height || line.y >= (1 - MARGIN) * height;
  };
  // Where each margin text is printed: its key and height on the page, and on which pages.
  const seen = new Map<string, Set<number>>();
  const place = (line: Line) => `${furnitureKey(line)}@${Math.round(line.y / 6)}`;
  for (const line of lines) {
    if (!inMargin(line)) continue;
    const key = place(line);
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key)!.add(line.page);
  }
  const pages = heights.length;
  const repeated = (line: Line) => {
    // Heights are rounded to 6 pt; a header on the boundary rounds either way.
    const keys = [place(line), `${furnitureKey(line)}@${Math.round(line.y / 6) + 1}`, `${furnitureKey(line)}@${Math.round(line.y / 6) - 1}`];
    const on = new Set(keys.flatMap((key) => [...(seen.get(key) ?? [])]));
    return on.size >= 2 && on.size >= 0.5 * pages;
  };
  return lines.filter((line) => !(inMargin(line) && (PAGE_NUMBER.test(lineText(line).trim()) || (pages >= 2 && repeated(line)))));
}
