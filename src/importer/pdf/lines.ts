/**
 * Glyph runs → lines in reading order. Runs on one baseline make a row; a row breaks into
 * pieces where a wide gap opens (a column gutter, a table's cell boundary, a tab stop). Two
 * columns are found from the x-distribution of the pieces: a vertical strip near the middle
 * that no piece crosses over a run of rows, with text on both sides of it and the left
 * column's lines ending at it. A two-column run is read left column first, then right.
 */
import type { GlyphRun, PageGlyphs, Rule } from "./glyphs.ts";
import { CJK_CHAR } from "./unicode.ts";

/** A stretch of a row with no wide gap inside. */
interface Piece {
  text: string;
  x0: number;
  x1: number;
  y: number;
  /** Size and font of most of its characters. */
  size: number;
  font: string;
  bold: boolean;
  chars: number;
  boldChars: number;
  /** The PDF draws a space before it. */
  spaceBefore: boolean;
}

/** A printed line of one column: its pieces, apart when a wide gap separates them. */
export interface Line {
  page: number;
  pieces: Piece[];
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  bold: boolean;
  /** The column the line sits in: its left and right edges on this page. */
  left: number;
  right: number;
  /** Index of the column region on its page, and 0 (left or only) or 1 (right) within it. */
  region: number;
  column: number;
}

/** Gaps, in ems of the text around them. */
const WORD_GAP = 0.2;
const TYPED_SPACE = 0.9;
/** A gap this wide ends a piece: between columns, table cells, "label   value" tab stops. */
const PIECE_GAP = 1.4;

const isLatin = (char: string | undefined) => char !== undefined && /[A-Za-z0-9]/.test(char);

/**
 * PDF.js writes a space wherever glyphs stand a little apart, and Chinese text set justified or
 * letter-spaced stands apart everywhere (经 信 工 作). Spaces between two Chinese characters
 * inside a run are dropped; a full-width space (U+3000) is a character the PDF draws, and stays.
 */
const SPACE_IN_CJK = new RegExp(`(?<=${CJK_CHAR.source}) +(?=${CJK_CHAR.source})`, "gu");

/** Joins a row's runs, inserting a space only where the gap is one: never inside CJK text set close. */
function joinRuns(runs: GlyphRun[]): string {
  let text = "";
  let end = -Infinity;
  for (const original of runs) {
    const run = { ...original, text: original.text.replace(SPACE_IN_CJK, "") };
    const em = run.size;
    const gap = run.x - end;
    const before = text.at(-1);
    const after = run.text[0];
    if (text && before !== " " && after !== " ") {
      // Between Chinese characters a gap is letter-spacing or justification, never a space,
      // unless the PDF draws a space there (names padded to three characters: 程　茹).
      const space = CJK_CHAR.test(before ?? "") && CJK_CHAR.test(after) ? run.spaceBefore && gap >= TYPED_SPACE * em : run.spaceBefore || (gap >= WORD_GAP * em && (isLatin(before) || isLatin(after)));
      if (space) text += " ";
    }
    text += run.text;
    end = Math.max(end, run.x + run.width);
  }
  return text.replace(/\s+/g, " ").trim();
}

function makePiece(runs: GlyphRun[]): Piece {
  const weight = new Map<string, number>();
  let chars = 0;
  let boldChars = 0;
  for (const run of runs) {
    const n = [...run.text.replace(/\s/g, "")].length;
    chars += n;
    if (run.bold) boldChars += n;
    const key = `${Math.round(run.size * 2) / 2}|${run.font}`;
    weight.set(key, (weight.get(key) ?? 0) + n);
  }
  const [size, font] = [...weight].sort((a, b) => b[1] - a[1])[0][0].split("|");
  return {
    text: joinRuns(runs),
    x0: runs[0].x,
    x1: Math.max(...runs.map((r) => r.x + r.width)),
    y: runs[0].y,
    size: Number(size),
    font,
    bold: boldChars * 2 > chars,
    chars,
    boldChars,
    spaceBefore: runs[0].spaceBefore === true,
  };
}

/** Runs grouped by baseline, each row's runs left to right. */
function rowsOf(runs: GlyphRun[]): GlyphRun[][] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: { y: number; size: number; runs: GlyphRun[] }[] = [];
  for (const run of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(run.y - row.y) <= 0.3 * Math.min(run.size, row.size)) row.runs.push(run);
    else rows.push({ y: run.y, size: run.size, runs: [run] });
  }
  return rows.map((row) => row.runs.sort((a, b) => a.x - b.x));
}

/** A row cut into pieces at wide gaps, and where a vertical rule (a table's border) runs between two runs. */
function piecesOf(row: GlyphRun[], verticals: Rule[]): Piece[] {
  const pieces: Piece[] = [];
  let current: GlyphRun[] = [];
  let end = -Infinity;
  const ruleBetween = (from: number, to: number, y: number, size: number) => verticals.some((rule) => rule.x0 >= from - 1 && rule.x1 <= to + 1 && rule.y0 <= y && rule.y1 >= y - 0.7 * size);
  for (const run of row) {
    const previous = current.at(-1);
    if (previous && (run.x - end >= PIECE_GAP * Math.min(run.size, previous.size) || ruleBetween(end, run.x, run.y, run.size))) {
      pieces.push(makePiece(current));
      current = [];
    }
    current.push(run);
    end = Math.max(end, run.x + run.width);
  }
  if (current.length > 0) pieces.push(makePiece(current));
  return pieces.filter((p) => p.text !== "");
}

interface Gutter {
  first: number;
  last: number;
  x: number;
}

/** The narrowest gutter between two columns, in ems. */
const MIN_GUTTER = 0.4;

/** Lines each column needs before a run of rows is read as two columns. */
const MIN_COLUMN_LINES = 4;

const runEnd = (run: GlyphRun) => run.x + run.width;

/**
 * Two-column runs of rows on a page. For each candidate x in the middle of the text area: runs
 * of consecutive rows that no glyph run crosses at x, holding enough lines on each side, where
 * the left side's lines mostly end close to the gutter (filled lines of a column, not the
 * cells of a table). Rows are runs of glyph runs, not pieces: a narrow gutter (1 em) is
 * narrower than the gap that separates pieces.
 */
function findGutters(rows: GlyphRun[][], textLeft: number, textRight: number, rules: Rule[]): Gutter[] {
  const width = textRight - textLeft;
  if (width <= 0 || rows.length < MIN_COLUMN_LINES) return [];
  const gutters: Gutter[] = [];
  const taken = new Array<boolean>(rows.length).fill(false);
  // A row is open at x when no run comes within half a gutter of it: runs of running text abut.
  const crosses = (row: GlyphRun[], x: number) => row.some((run) => run.x < x + MIN_GUTTER * run.size && runEnd(run) > x - MIN_GUTTER * run.size);
  const rowY = (row: GlyphRun[]) => row[0].y;
  const horizontals = horizontalRules(rules);
  // A rule drawn across the gutter between two rows (under a masthead, around a box) ends a run of columns.
  const ruleAcross = (above: GlyphRun[], below: GlyphRun[], x: number) =>
    horizontals.some((rule) => rule.y0 > rowY(above) && rule.y1 < rowY(below) - 0.5 * below[0].size && rule.x0 < x - 10 && rule.x1 > x + 10);
  let best: (Gutter & { score: number }) | undefined;
  do {
    best = undefined;
    for (let x = textLeft + 0.3 * width; x <= textLeft + 0.7 * width; x += 1) {
      let start = 0;
      while (start < rows.length) {
        let end = start;
        while (end < rows.length && !taken[end] && !crosses(rows[end], x) && !(end > start && ruleAcross(rows[end - 1], rows[end], x))) end++;
        if (end === start) {
          start++;
          continue;
        }
        const run = trimToBothSides(rows, start, end, x);
        start = end;
        if (!run) continue;
        const lefts = rows
          .slice(run.first, run.last + 1)
          .map((row) => row.filter((r) => runEnd(r) <= x))
          .filter((left) => left.length > 0);
        const rightLines = rows.slice(run.first, run.last + 1).filter((row) => row.some((r) => r.x >= x)).length;
        const leftEdge = Math.max(...lefts.map((left) => Math.max(...left.map(runEnd))));
        const filled = lefts.filter((left) => leftEdge - Math.max(...left.map(runEnd)) <= 1.5 * left[0].size).length;
        const em = lefts[0]?.[0].size ?? 10;
        // Columns of running text are wide; the first column of a table is not.
        const widths = lefts.map((left) => Math.max(...left.map(runEnd)) - left[0].x).sort((a, b) => a - b);
        const rightWidths = rows
          .slice(run.first, run.last + 1)
          .map((row) => row.filter((r) => r.x >= x))
          .filter((right) => right.length > 0)
          .map((right) => Math.max(...right.map(runEnd)) - right[0].x)
          .sort((a, b) => a - b);
        // Both columns hold running text: wide lines on each side (not titles with their page numbers).
        const wide = widths[Math.floor(widths.length / 2)] >= 8 * em && (rightWidths[Math.floor(rightWidths.length / 2)] ?? 0) >= 8 * em;
        const score = Math.min(lefts.length, rightLines);
        if (score < MIN_COLUMN_LINES || !wide || filled < 0.5 * lefts.length || (best && score <= best.score)) continue;
        // A table's rows hold several cells on each side, and borders run down between them.
        const span = rows.slice(run.first, run.last + 1);
        const rights = span.map((row) => row.filter((r) => r.x >= x)).filter((right) => right.length > 0);
        const sides = [...lefts, ...rights];
        const onePiece = sides.filter((side) => piecesOf(side, []).length === 1).length >= 0.5 * sides.length;
        const bandTop = span[0][0].y - span[0][0].size;
        const bandBottom = span.at(-1)![0].y;
        const rightStart = Math.min(...rights.map((right) => right[0].x));
        const border = rules.some((rule) => rule.y1 - rule.y0 > rule.x1 - rule.x0 && rule.x0 > leftEdge + 0.3 * em && rule.x1 < rightStart - 0.3 * em && rule.y1 > bandTop && rule.y0 < bandBottom);
        if (onePiece && !border) best = { ...run, x, score };
      }
    }
    if (best) {
      gutters.push(best);
      for (let r = best.first; r <= best.last; r++) taken[r] = true;
    }
  } while (best);
  return gutters.sort((a, b) => a.first - b.first);

  /**
   * The part of rows [start, end) where both columns are: rows before the first line of one
   * column or after the last, set apart by more than a line's spacing, read across the page.
   */
  function trimToBothSides(all: GlyphRun[][], start: number, end: number, x: number): { first: number; last: number } | undefined {
    const indices = Array.from({ length: end - start }, (_, k) => start + k);
    // A right column starts at one x; text further right (a page number after a title) is not in it.
    const rightStarts = indices
      .flatMap((r) =>
        all[r]
          .filter((run) => run.x >= x)
          .slice(0, 1)
          .map((run) => run.x),
      )
      .sort((a, b) => a - b);
    const columnStart = rightStarts[Math.floor(rightStarts.length / 2)] ?? x;
    const both = (side: "left" | "right") => (row: GlyphRun[]) => (side === "left" ? row.some((r) => runEnd(r) <= x) : row.some((r) => r.x >= x && r.x <= columnStart + 2 * r.size));
    const firstOf = (side: "left" | "right") => indices.find((r) => both(side)(all[r]));
    const lastOf = (side: "left" | "right") => indices.findLast((r) => both(side)(all[r]));
    const [fl, fr, ll, lr] = [firstOf("left"), firstOf("right"), lastOf("left"), lastOf("right")];
    if (fl === undefined || fr === undefined || ll === undefined || lr === undefined) return undefined;
    let first = Math.min(fl, fr);
    let last = Math.max(ll, lr);
    const gapAfter = (r: number) => rowY(all[r + 1]) - rowY(all[r]);
    const spacing = 2.5 * all[start][0].size;
    // Rows of one side only, set apart from the columns by more than a line's spacing, stand apart.
    for (let r = Math.max(fl, fr) - 1; r >= first; r--) if (gapAfter(r) > spacing) first = r + 1;
    for (let r = Math.min(ll, lr) + 1; r <= last; r++) {
      if (gapAfter(r - 1) > spacing) {
        last = r - 1;
        break;
      }
    }
    return { first, last };
  }
}

function lineOf(pieces: Piece[], page: number, region: number, column: number): Omit<Line, "left" | "right"> {
  let bold = 0;
  let chars = 0;
  for (const p of pieces) {
    bold += p.boldChars;
    chars += p.chars;
  }
  const main = [...pieces].sort((a, b) => b.chars - a.chars)[0];
  return {
    page,
    pieces,
    x0: pieces[0].x0,
    x1: pieces.at(-1)!.x1,
    y: Math.max(...pieces.map((p) => p.y)),
    size: main.size,
    font: main.font,
    bold: bold * 2 > chars,
    region,
    column,
  };
}

/** A page's lines in reading order, each with the edges of its column. */
export function pageLines(glyphs: PageGlyphs, page: number): Line[] {
  const rows = rowsOf(glyphs.runs);
  if (rows.length === 0) return [];
  const textLeft = Math.min(...rows.map((r) => r[0].x));
  const textRight = Math.max(...rows.map((r) => Math.max(...r.map(runEnd))));
  const gutters = findGutters(rows, textLeft, textRight, glyphs.rules);
  const verticals = verticalRules(glyphs.rules);

  const lines: Line[] = [];
  let region = 0;
  const emit = (group: GlyphRun[][], column: number, fallback: [number, number]) => {
    const made = group
      .map((runs) => piecesOf(runs, verticals))
      .filter((pieces) => pieces.length > 0)
      .map((pieces) => lineOf(pieces, page, region, column));
    const [left, right] = made.length ? [Math.min(...made.map((l) => l.x0)), Math.max(...made.map((l) => l.x1))] : fallback;
    for (const line of made) lines.push({ ...line, left, right });
  };
  let r = 0;
  for (const gutter of [...gutters, { first: rows.length, last: rows.length - 1, x: 0 }]) {
    // Rows before the gutter's run read across the page.
    if (r < gutter.first) {
      emit(rows.slice(r, gutter.first), 0, [textLeft, textRight]);
      region++;
    }
    if (gutter.first >= rows.length) break;
    const span = rows.slice(gutter.first, gutter.last + 1);
    emit(
      span.map((row) => row.filter((run) => runEnd(run) <= gutter.x)),
      0,
      [textLeft, gutter.x],
    );
    emit(
      span.map((row) => row.filter((run) => runEnd(run) > gutter.x)),
      1,
      [gutter.x, textRight],
    );
    region++;
    r = gutter.last + 1;
  }
  return lines;
}

/** The rules of a page that run horizontally. */
export const horizontalRules = (rules: Rule[]) => rules.filter((rule) => rule.x1 - rule.x0 > rule.y1 - rule.y0);
const verticalRules = (rules: Rule[]) => rules.filter((rule) => rule.y1 - rule.y0 > rule.x1 - rule.x0);
