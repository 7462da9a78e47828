/**
 * A bulletin from a PDF: its layout (read in a worker thread) turned into the paragraphs the
 * structure reader takes, each with the cues of its type. Tables become tab-separated rows,
 * as text extraction writes them and the reader turns into Markdown tables.
 */
import { isColophonLine } from "../colophon.ts";
import { type Cue, ImportError, type IssueDraft } from "../types.ts";
import type { Notes } from "../notes.ts";
import { readParagraphs } from "../text.ts";
import { layoutInWorker, PdfLayoutError } from "./pool.ts";

/** Fewer characters than this a page, and the PDF has no text layer worth the name: a scan. */
const SCAN_CHARACTERS_PER_PAGE = 5;

export async function readPdfBulletin(file: string, bytes: Buffer, notes: Notes): Promise<IssueDraft> {
  let layout;
  try {
    layout = await layoutInWorker(bytes);
  } catch (error) {
    if (error instanceof PdfLayoutError) throw new ImportError(`${file}: ${error.message}`);
    throw error;
  }
  if (layout.characters < SCAN_CHARACTERS_PER_PAGE * layout.pages) {
    throw new ImportError(`${file}: no text layer: this PDF is a scan; OCR it first (e.g. with OCRmyPDF), then import the result`);
  }
  const paragraphs: string[] = [];
  const cues: Cue[] = [];
  for (const block of layout.blocks) {
    if (block.kind === "paragraph") {
      paragraphs.push(block.text);
      cues.push(block.style);
      continue;
    }
    // An editorial box set as a grid (责任编辑 | 邓洁 苏航, 咨询电话 | …) is lines of labels, not a table.
    const lines = block.rows.map((row) => row.filter(Boolean).join(" "));
    if (isColophonLine(lines[0]) && lines.filter(isColophonLine).length * 2 >= lines.length) {
      paragraphs.push(...lines);
      cues.push(...lines.map(() => block.style));
    } else {
      paragraphs.push(block.rows.map((row) => row.join("\t")).join("\n"));
      cues.push(block.style);
    }
  }
  return readParagraphs(paragraphs, notes, cues);
}
