/**
 * Lines → blocks: paragraphs from indent and spacing, tables from glyph grids, each with the
 * typographic cues the structure reader weighs (size against the body text, bold, centred).
 */
import type { Cue } from "../types.ts";
import type { Rule } from "./glyphs.ts";
import { horizontalRules, type Line } from "./lines.ts";
import { CJK_CHAR } from "./unicode.ts";

export type PdfBlock = { kind: "paragraph"; text: string; lines: number; page: number; style: Cue } | { kind: "table"; rows: string[][]; page: number; style: Cue };

interface Body {
  size: number;
  font: string;
  /** Distance between the baselines of two lines of one paragraph. */
  pitch: number;
}

/** The body text's size, font and line pitch: those of most characters. */
function measureBody(lines: Line[]): Body {
  const weight = new Map<string, number>();
  for (const line of lines) {
    for (const p of line.pieces) {
      const key = `${p.size}|${p.font}`;
      weight.set(key, (weight.get(key) ?? 0) + p.chars);
    }
  }
  const [size, font] = ([...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "10|").split("|");
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1], lines[i]];
    if (a.page === b.page && a.region === b.region && a.column === b.column && a.size === Number(size) && b.size === Number(size)) {
      const d = b.y - a.y;
      if (d > 0) pitches.push(d);
    }
  }
  pitches.sort((x, y) => x - y);
  return { size: Number(size), font, pitch: pitches[Math.floor(pitches.length / 4)] ?? Number(size) * 1.5 };
}

/**
 * A line's text. Its pieces are joined with a space, except between Chinese characters on a
 * full line: there the gap is justification, stretched wide in a narrow column.
 */
function lineText(line: Line): string {
  const justified = line.right - line.x1 <= 2 * line.size;
  let text = "";
  line.pieces.forEach((piece, k) => {
    const gap = k > 0 ? piece.x0 - line.pieces[k - 1].x1 : 0;
    const cjk = CJK_CHAR.test(text.at(-1) ?? "") && CJK_CHAR.test(piece.text[0] ?? "");
    text += (k === 0 || (justified && cjk && gap < TAB_STOP * line.size && !piece.spaceBefore) ? "" : " ") + piece.text;
  });
  return text;
}

/** A gap this wide is a tab stop or a spread-out line (编辑：… 校对：… 签发：…), never justification. */
const TAB_STOP = 2.5;

/** Laid out with tab stops: a line of its own, whatever is around it. */
const hasTabStops = (line: Line) => line.pieces.some((piece, k) => k > 0 && piece.x0 - line.pieces[k - 1].x1 >= TAB_STOP * line.size);

/** Glue between two lines of a paragraph: a space between Latin words, nothing in Chinese text. */
function glue(before: string, after: string): string {
  return /[A-Za-z0-9,.;:!?)]$/.test(before) && /^[A-Za-z0-9(]/.test(after) ? " " : "";
}

/** Single characters spaced apart (目 录, 编 者 按) read as the word they spell. */
function closeLetterSpacing(text: string): string {
  return /^(?:\p{Script=Han} ){1,7}\p{Script=Han}$/u.test(text) ? text.replace(/ /g, "") : text;
}

/** Centred in its column: margins on both sides, and about equal. */
function isCentred(line: Line): boolean {
  const [before, after] = [line.x0 - line.left, line.right - line.x1];
  return Math.abs(before - after) <= 3 * line.size && Math.min(before, after) >= 1.5 * line.size;
}

function styleOf(lines: Line[], body: Body): Cue {
  const em = body.size;
  const size = Math.max(...lines.map((l) => l.size));
  const centred = lines.every(isCentred);
  const first = lines[0];
  return {
    scale: Math.round((size / em) * 100) / 100,
    bold: lines.every((l) => l.bold),
    otherFont: lines.every((l) => l.font !== body.font && l.font !== ""),
    centred,
    indented: !centred && first.x0 - first.left >= 1.2 * em,
    rightAligned: !centred && lines.every((l) => l.right - l.x1 <= 1 * em && l.x0 - l.left >= 4 * em),
  };
}

/**
 * Table rows from a run of lines whose pieces line up in columns. Each piece is placed in the
 * column whose start is nearest left of it; a line whose first column is empty carries on the
 * row above (a cell whose text wraps), unless a horizontal rule separates them.
 */
function tableRows(lines: Line[], rules: Rule[]): string[][] {
  // Columns: the pieces' extents merged where they overlap (cells of a column, left-aligned or centred).
  const columns: { x0: number; x1: number }[] = [];
  for (const piece of lines.flatMap((l) => l.pieces).sort((a, b) => a.x0 - b.x0)) {
    const last = columns.at(-1);
    if (last && piece.x0 < last.x1) last.x1 = Math.max(last.x1, piece.x1);
    else columns.push({ x0: piece.x0, x1: piece.x1 });
  }
  const columnOf = (x0: number, x1: number) => {
    const k = columns.findIndex((c) => x0 < c.x1 && c.x0 < x1);
    return k < 0 ? 0 : k;
  };
  const ruleBetween = (a: Line, b: Line) => rules.some((r) => r.y0 > a.y && r.y1 < b.y - b.size * 0.6 && r.x0 <= b.x1 && r.x1 >= b.x0);
  const rows: string[][] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const cells = new Array<string>(columns.length).fill("");
    for (const piece of line.pieces) {
      const k = columnOf(piece.x0, piece.x1);
      cells[k] = cells[k] ? `${cells[k]} ${piece.text}` : piece.text;
    }
    const last = rows.at(-1);
    if (last && previous && !cells[0] && !ruleBetween(previous, line)) {
      cells.forEach((cell, k) => {
        // A cell that lists names apart (邓　洁　苏　航) goes on apart; a wrapped sentence joins up.
        if (cell) last[k] = last[k] ? last[k] + (last[k].includes(" ") ? " " : glue(last[k], cell)) + cell : cell;
      });
    } else {
      rows.push(cells);
    }
    previous = line;
  }
  return rows;
}

/** Lines that can be a row of a table: two or more pieces, short of a sentence each. */
const isGridLine = (line: Line) => line.pieces.length >= 2 && line.pieces.every((p) => p.chars <= 40) && !LEADER.test(line.pieces.at(-1)!.text);

/** A line that opens with a short label: 邮编：…, E-mail：…. */
const LABEL_START = /^[\p{Script=Han}A-Za-z-]{1,6}\s*[：:]/u;

/** A line that ends a sentence or a bracketed line (（来源：…）) ends its paragraph at a column's foot. */
const PARAGRAPH_END = /[。！？!?）)」』”]$/;

/** Dot leaders to a page number, as a table of contents prints them. */
const LEADER = /^[.…·•\s]{2,}\s*\d{1,3}$|[.…·]{3,}\s*\d{1,3}$/;

/**
 * A run of grid lines whose pieces line up in columns: at least two pieces of the first line
 * overlap a piece of every other line (cells of a column overlap, left-aligned or centred).
 */
function isTable(lines: Line[]): boolean {
  if (lines.length < 2) return false;
  const overlaps = (p: Line["pieces"][number], q: Line["pieces"][number]) => p.x0 < q.x1 && q.x0 < p.x1;
  const shared = lines[0].pieces.filter((p) => lines.slice(1).every((l) => l.pieces.some((q) => overlaps(p, q))));
  return shared.length >= 2;
}

/** Blocks of the document in reading order. `lines` are in reading order, furniture removed. */
export function readBlocks(lines: Line[], rulesByPage: Rule[][]): PdfBlock[] {
  const body = measureBody(lines);
  const blocks: PdfBlock[] = [];
  let group: Line[] = [];

  const flush = () => {
    if (group.length === 0) return;
    const text = closeLetterSpacing(
      group.reduce((joined, line) => {
        const next = lineText(line).replace(/\s+/g, " ").trim();
        return joined ? joined + glue(joined, next) + next : next;
      }, ""),
    );
    blocks.push({ kind: "paragraph", text, lines: group.length, page: group[0].page, style: styleOf(group, body) });
    group = [];
  };

  // Digits and Latin letters are often drawn from another font than the Chinese around them.
  const latinOnly = (line: Line) => !/[^\x00-\x7f]/.test(lineText(line));
  const sameStyle = (a: Line, b: Line) => Math.abs(a.size - b.size) <= 0.08 * body.size && a.bold === b.bold && (a.font === b.font || latinOnly(a) || latinOnly(b));
  const full = (line: Line) => line.right - line.x1 <= 2 * line.size;
  /** The first word of `next` would not have fitted at the end of `line`: a heading wrapped there (…突破 | 26.5%). */
  const wrapped = (line: Line, next: Line) => {
    const text = lineText(next);
    const word = /^[A-Za-z0-9.,%+-]+/.exec(text)?.[0];
    const wordWidth = word ? ((next.x1 - next.x0) * word.length) / text.length : next.size;
    return line.right - line.x1 < wordWidth + 0.3 * next.size;
  };
  const sameColumn = (a: Line, b: Line) => a.page === b.page && a.region === b.region && a.column === b.column;
  /** Where a column or page ends and the next begins, a paragraph carries on when its last line was full. */
  const carriesOn = (a: Line, b: Line) => !sameColumn(a, b) && full(a) && sameStyle(a, b) && Math.abs(b.x0 - b.left) <= 0.5 * b.size && !PARAGRAPH_END.test(lineText(a));

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // Tables: a run of grid lines in one column.
    if (isGridLine(line)) {
      let end = i;
      while (end + 1 < lines.length && isGridLine(lines[end + 1]) && sameColumn(lines[end + 1], line) && lines[end + 1].y - lines[end].y <= 3 * body.pitch) end++;
      const run = lines.slice(i, end + 1);
      if (isTable(run)) {
        flush();
        blocks.push({ kind: "table", rows: tableRows(run, horizontalRules(rulesByPage[line.page] ?? [])), page: line.page, style: styleOf(run, body) });
        i = end;
        continue;
      }
    }
    const previous = group.at(-1);
    if (previous && (hasTabStops(previous) || hasTabStops(line) || LEADER.test(lineText(previous)))) {
      flush();
    } else if (previous) {
      const gap = line.y - previous.y;
      const continues = sameColumn(previous, line)
        ? sameStyle(previous, line) &&
          gap > 0 &&
          gap <= 1.6 * Math.max(body.pitch, line.size * 1.2) &&
          // A heading wraps onto the next line whatever its alignment; running text onto a line at the column's edge.
          ((((isCentred(previous) && isCentred(line)) || full(previous) || wrapped(previous, line)) && (line.size > body.size * 1.05 || line.bold)) ||
            // A full line goes on below at the column's edge, or, stopping mid-sentence, indented (a hanging
            // indent: 抄送：…); not into a line that opens with a label of its own (邮编：…).
            (full(previous) && !LABEL_START.test(lineText(line)) && (line.x0 - line.left < 1.2 * line.size || !/[。！？；：!?;:]$/.test(lineText(previous)))))
        : carriesOn(previous, line);
      if (!continues) flush();
    }
    group.push(line);
  }
  flush();
  return blocks;
}
