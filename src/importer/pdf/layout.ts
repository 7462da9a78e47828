/**
 * A PDF's text as blocks in reading order: glyph runs → lines (columns read in turn) → page
 * furniture removed → paragraphs and tables with their typographic cues.
 */
import { readBlocks, type PdfBlock } from "./blocks.ts";
import { extractPages } from "./extract.ts";
import { removeFurniture } from "./furniture.ts";
import type { PageGlyphs } from "./glyphs.ts";
import { pageLines } from "./lines.ts";

export interface PdfLayout {
  pages: number;
  /** Characters of text found on all pages: none means a scan without a text layer. */
  characters: number;
  blocks: PdfBlock[];
}

/** The layout of pages already read (the part of the work that needs no PDF library). */
function layoutPages(pages: PageGlyphs[]): PdfLayout {
  const lines = pages.flatMap((page, k) => pageLines(page, k));
  const characters = pages.reduce((sum, page) => sum + page.runs.reduce((n, run) => n + run.text.replace(/\s/g, "").length, 0), 0);
  const kept = removeFurniture(
    lines,
    pages.map((page) => page.height),
  );
  return {
    pages: pages.length,
    characters,
    blocks: readBlocks(
      kept,
      pages.map((page) => page.rules),
    ),
  };
}

export async function readPdfLayout(bytes: Uint8Array): Promise<PdfLayout> {
  const { pages } = await extractPages(bytes);
  return layoutPages(pages);
}
