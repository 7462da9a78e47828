/**
 * Paragraph-level reading of text extracted from a PDF: splitting, measuring, recognising list
 * items, and mending sentences that a page break cut in two.
 */
import { parseTabTable } from "./tables.ts";
import type { Block } from "./types.ts";

/** The control characters the content checker rejects (src/content/archive.ts): C0 and C1 ones except tab and line ends. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text without the control characters the content checker rejects; they are invisible in print. */
export const dropControls = (text: string) => text.replace(CONTROL, "");

/**
 * Trailing spaces, tabs and ideographic spaces. The lookbehind lets a match start only where
 * such a run starts: `[ \t\u3000]+$` alone retries from every space of a long run inside a line.
 */
const TRAILING_SPACE = /(?<![ \t\u3000])[ \t\u3000]+$/;

/**
 * Splits text into paragraphs (blocks separated by blank lines). A form feed is a page break,
 * so it separates paragraphs too; other control characters are dropped.
 */
export function splitParagraphs(text: string): string[] {
  const cleaned = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/\f/g, "\n\n")
    .replace(CONTROL, "")
    .replace(/\u00a0/g, " ");
  return (
    cleaned
      .split(/\n[ \t\u3000]*\n/)
      .map((block) =>
        block
          .split("\n")
          .map((line) => line.replace(TRAILING_SPACE, ""))
          .filter((line) => line.trim() !== "")
          .join("\n"),
      )
      // Leading spaces of a list line are nesting; of anything else, indentation to drop.
      .map((block) => (/^\s*[-*+]\s/.test(block) ? block : block.replace(/^[ \u3000]+/, "")))
      .filter((block) => block !== "")
  );
}

/** Width in Chinese characters: an ASCII character takes half the room of a Chinese one. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x100 ? 0.5 : 1;
  return width;
}

/**
 * A link or an image: its text (group 2), then its destination; or an escape (group 1), read as a
 * pair so that an escaped "[" starts no link and is kept for the unescaping below. The text may
 * hold escaped brackets (the Word reader escapes the text of its links); the destination holds
 * no parentheses (the Word reader encodes them), so a link whose address has some keeps its
 * syntax. Both parts stop at the next bracket or parenthesis, so each character is read a
 * bounded number of times: `[^\]]*` read to the end of a line of thousands of "[" once for each.
 */
const LINK = /(\\[\s\S])|!?\[((?:\\[\s\S]|[^\\[\]])*)\]\([^()]*\)/g;

/** An autolink; an address holds no "<", which keeps a run of "<http:" from being read again from each. */
const AUTOLINK = /<((?:https?|mailto):[^<>\s]+)>/g;

/** A backslash escape (of any ASCII punctuation, as in CommonMark), or an emphasis or code mark. */
const ESCAPE_OR_MARK = /\\([!-/:-@[-`{-~])|[*`]|__/g;

/**
 * Plain text of inline Markdown: link syntax, emphasis and code marks, and escapes removed. Marks
 * and escapes go in one pass (a mark leaves "$1" empty), so that an escaped mark ("\*") stays as text.
 */
export function plainText(markdown: string): string {
  return markdown.replace(LINK, "$1$2").replace(AUTOLINK, "$1").replace(ESCAPE_OR_MARK, "$1");
}

export const isSingleLine = (paragraph: string) => !paragraph.includes("\n");

/** Markers that open a numbered point: 一、 （一） (1) 1. 1、 1) ① 一是 第一 … */
const LIST_MARKER =
  /^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,3}(?:[、．]|\.(?!\d)|[)）])|[①-⑳]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、是条章节部分])/;

export function startsWithListMarker(paragraph: string): boolean {
  return LIST_MARKER.test(paragraph.trimStart());
}

/**
 * A bulleted line ("- item"), as PDF extraction writes bullets. Numbered points (1. 2. …) are
 * the bulletin's own numbering and stay paragraphs.
 */
const BULLET_LINE = /^\s*[-*+•]\s+\S/;

/** Ends like a finished sentence (or a closing quotation/bracket after one). */
const SENTENCE_END = /[。！？；：…!?;:”’」』）)》]$/;

/** Ends in the middle of a clause: a comma or an enumeration comma. */
const CLAUSE_END = /[，、,]$/;

const URL_ONLY = /^<?https?:\/\/\S+>?$/;

/**
 * A paragraph that reaches this width filled at least one printed line, so if it stops without
 * punctuation it ran into the end of a page. Headings and short list points stay below it
 * (in the seeds: headings ≤ 33, page-broken paragraphs ≥ 38).
 */
const FULL_LINE_WIDTH = 36;

/** A paragraph whose last line is `end` and whose width is `width` stops mid-sentence. */
function stopsMidSentence(end: string, width: number): boolean {
  return !SENTENCE_END.test(end) && (CLAUSE_END.test(end) || width >= FULL_LINE_WIDTH);
}

/** Text that stops mid-sentence where a page ended. */
function endsAtPageBreak(text: string): boolean {
  return isSingleLine(text) && !URL_ONLY.test(text) && stopsMidSentence(text, displayWidth(text));
}

/** Text that can carry on a sentence, rather than open a heading or a numbered point. */
function canContinue(text: string): boolean {
  return isSingleLine(text) && !startsWithListMarker(text) && !BULLET_LINE.test(text) && !URL_ONLY.test(text);
}

/** Glue for two halves of a sentence: nothing between Chinese text, a space next to Latin. */
function joiner(before: string, after: string): string {
  return /[A-Za-z0-9]$/.test(before) || /^[A-Za-z0-9]/.test(after) ? " " : "";
}

/**
 * Joins paragraphs that a page break split mid-sentence (…梯度培 | 育平台…). Call it on
 * running text only: titles, 来源 lines and section headings must be taken out first.
 */
export function joinPageBreaks(blocks: Block[]): Block[] {
  const joined: Block[] = [];
  // While the last paragraph stops mid-sentence: its width, and the piece it ends with. A paragraph
  // carried on is still one line and no bare address, so its new end and width alone decide whether
  // it stops again. Measuring or reading the joined text would go over it again at each page it
  // runs over (even reading its last character flattens a string built with +=).
  let open: { width: number; end: string } | undefined;
  for (const block of blocks) {
    const previous = joined.at(-1);
    if (open && previous?.kind === "paragraph" && block.kind === "paragraph" && canContinue(block.text)) {
      const added = joiner(open.end, block.text) + block.text;
      previous.text += added;
      const width = open.width + displayWidth(added);
      open = stopsMidSentence(block.text, width) ? { width, end: block.text } : undefined;
    } else {
      joined.push({ ...block });
      open = block.kind === "paragraph" && endsAtPageBreak(block.text) ? { width: displayWidth(block.text), end: block.text } : undefined;
    }
  }
  return joined;
}

/** A paragraph as a block: a tab-separated table, a bulleted list, or running text. */
export function toBlock(paragraph: string): Block {
  const rows = parseTabTable(paragraph);
  if (rows) return { kind: "table", rows };
  const lines = paragraph.split("\n");
  if (lines.every((line) => BULLET_LINE.test(line))) return { kind: "list", lines };
  return { kind: "paragraph", text: paragraph.replace(/\t+/g, " ") };
}

/** A printed page number: "12", "- 12 -", "第 12 页", "12 / 40". */
export function isPageNumber(paragraph: string): boolean {
  return /^(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?$|^第\s*\d{1,3}\s*页$|^\d{1,3}\s*\/\s*\d{1,3}$/.test(paragraph.trim());
}
