/**
 * Glyph runs and rules of every page of a PDF, read with PDF.js (through unpdf, which bundles a
 * build of it that needs no worker file and no canvas; docs/pdf-import.md has the comparison
 * with pdfjs-dist). Images are not decoded for their pixels; the original PDF is linked from
 * the issue instead.
 */
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import type { GlyphRun, PageGlyphs, Rule } from "./glyphs.ts";
import { readableText } from "./unicode.ts";

/** Why a PDF cannot be read, in words for the editor; the caller adds the file's name. */
export class UnreadablePdf extends Error {}

/**
 * PDF.js's Node build expects ArrayBuffer.prototype.transferToFixedLength (Node 21+); without it
 * an operator list stops at the first font it hands over. A copy does the same.
 */
function polyfillForNode20(): void {
  const prototype = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
  if (!prototype.transferToFixedLength) {
    Object.defineProperty(prototype, "transferToFixedLength", {
      value(this: ArrayBuffer, length?: number) {
        return this.slice(0, length ?? this.byteLength);
      },
      configurable: true,
      writable: true,
    });
  }
}

/** The start of a file, to say what it is when it is not a PDF. */
function describeStart(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1").trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /^<\?xml[^>]*>\s*<html/.test(head)) return "it is an HTML page";
  if (head.startsWith("pk\u0003\u0004")) return "it is a zip archive (a Word or other Office file?)";
  if (head.startsWith("{\\rtf")) return "it is an RTF document";
  if (bytes.length === 0) return "the file is empty";
  return "it does not start with %PDF-";
}

/** Checks the envelope of a PDF before parsing it: the header, and the end marker a truncated copy lacks. */
function checkEnvelope(bytes: Uint8Array): void {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) throw new UnreadablePdf(`not a PDF: ${describeStart(bytes)}`);
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString("latin1");
  if (!tail.includes("%%EOF")) throw new UnreadablePdf("the PDF is truncated: it ends before its end-of-file marker (%%EOF); copy or download it again");
}

const BOLD_NAME = /bold|black|heavy|semibold|demi|[-,_](?:w[6-9]|b|sb|eb|h)$|粗/i;
/** "ABCDEF+SimHei" → "SimHei". */
const withoutSubsetTag = (name: string) => name.replace(/^[A-Z]{6}\+/, "");

interface LoadedFont {
  name?: string;
  bold?: boolean;
  black?: boolean;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A filled or stroked box this thin is a rule, not a shape. */
const RULE_THICKNESS = 4.5;
const RULE_MIN_LENGTH = 6;

/**
 * Rules from the operator list: the bounding box of each path, in page coordinates, when it is
 * a thin horizontal or vertical box. The current transformation matrix is followed through
 * save/restore/transform so boxes land where they are drawn.
 */
function readRules(fnArray: number[], argsArray: unknown[], ops: Record<string, number>, viewport: Matrix): Rule[] {
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) ctm = multiply(argsArray[i] as Matrix, ctm);
    else if (fn === ops.constructPath) {
      const minMax = (argsArray[i] as unknown[])[2] as ArrayLike<number> | undefined;
      if (!minMax || minMax.length < 4 || !Number.isFinite(minMax[0])) continue;
      const toPage = multiply(ctm, viewport);
      const [ax, ay] = apply(toPage, minMax[0], minMax[1]);
      const [bx, by] = apply(toPage, minMax[2], minMax[3]);
      const [x0, x1] = [Math.min(ax, bx), Math.max(ax, bx)];
      const [y0, y1] = [Math.min(ay, by), Math.max(ay, by)];
      const thin = Math.min(x1 - x0, y1 - y0);
      const long = Math.max(x1 - x0, y1 - y0);
      if (thin <= RULE_THICKNESS && long >= RULE_MIN_LENGTH) rules.push({ x0, y0, x1, y1 });
    }
  }
  return rules;
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  fontName?: string;
}

interface PdfPages {
  pages: PageGlyphs[];
}

/**
 * Reads every page. Throws UnreadablePdf for a file PDF.js cannot open: not a PDF, encrypted
 * with a password, damaged beyond repair.
 */
export async function extractPages(bytes: Uint8Array): Promise<PdfPages> {
  polyfillForNode20();
  checkEnvelope(bytes);
  const pdfjs = await getResolvedPDFJS();
  const ops = pdfjs.OPS as unknown as Record<string, number>;
  let document;
  try {
    document = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === "PasswordException")
      throw new UnreadablePdf("the PDF is encrypted with a password: save an unprotected copy (print to PDF, or remove the password in the program that made it) and import that");
    if (name === "InvalidPDFException") throw new UnreadablePdf("the PDF is damaged: its structure cannot be read");
    throw new UnreadablePdf(`the PDF cannot be read (${(error as Error)?.message ?? String(error)})`);
  }
  try {
    const pages: PageGlyphs[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const toPage = viewport.transform as Matrix;
      // The operator list loads the page's fonts (their names tell bold from regular) and holds its paths.
      const operators = await page.getOperatorList();
      const content = await page.getTextContent();
      const fonts = new Map<string, { font: string; bold: boolean }>();
      const fontOf = (id: string) => {
        let font = fonts.get(id);
        if (!font) {
          let loaded: LoadedFont | undefined;
          try {
            loaded = page.commonObjs.get(id) as LoadedFont;
          } catch {
            // Not loaded: a font PDF.js could not read. Its text still comes through.
          }
          const name = withoutSubsetTag(loaded?.name ?? "");
          font = { font: name, bold: Boolean(loaded?.bold || loaded?.black) || BOLD_NAME.test(name) };
          fonts.set(id, font);
        }
        return font;
      };
      const runs: GlyphRun[] = [];
      let spaceBefore = false;
      for (const item of content.items as TextItemLike[]) {
        if (!item.str || !item.transform) continue;
        if (!item.str.trim()) {
          spaceBefore = true;
          continue;
        }
        const m = multiply(item.transform as Matrix, toPage);
        const size = Math.hypot(m[2], m[3]);
        // Vertical or rotated text (a stamp, a side note) is left out of the reading.
        if (size <= 0 || Math.abs(m[1]) > 0.01 * size) continue;
        const scaleX = Math.hypot(item.transform[0], item.transform[1]);
        const width = (item.width ?? 0) * (scaleX ? Math.hypot(m[0], m[1]) / scaleX : 1);
        runs.push({ text: readableText(item.str), x: m[4], y: m[5], width, size, ...fontOf(item.fontName ?? ""), ...(spaceBefore && { spaceBefore }) });
        spaceBefore = false;
      }
      pages.push({ width: viewport.width, height: viewport.height, runs, rules: readRules(operators.fnArray, operators.argsArray, ops, toPage) });
      page.cleanup();
    }
    return { pages };
  } finally {
    await document.destroy();
  }
}
