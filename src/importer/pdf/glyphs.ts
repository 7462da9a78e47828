/**
 * What the PDF reader takes from a page, in page coordinates turned top-down (y grows down the
 * page, in points): runs of text as the PDF draws them, and thin filled or stroked rectangles
 * (table borders, rules under headings). Plain data, so the layout analysis can be tested on
 * made-up pages and the extraction can run in a worker thread.
 */

/** A run of text in one font on one baseline, as the PDF's text operators draw it. */
export interface GlyphRun {
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size in points (the run's vertical scale). */
  size: number;
  /** The embedded font's name without its subset prefix (NotoSerifCJKsc-Regular, SimHei …). */
  font: string;
  bold: boolean;
  /** The PDF draws a space before this run (as a run of its own). */
  spaceBefore?: boolean;
}

/** A horizontal or vertical line: a rule or a table border. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageGlyphs {
  width: number;
  height: number;
  runs: GlyphRun[];
  rules: Rule[];
}
