/**
 * The table of contents (本期要目 / 目录) of a bulletin: section names as plain lines, each
 * followed by its articles as a list, with or without page numbers:
 *
 *     本期要目            ← optional heading
 *     地方新政            ← a section
 *     - 08 关于推动…      ← an article, on page 8
 *     - 15 安徽省…
 */
import { displayWidth, isSingleLine } from "./paragraphs.ts";
import { MARKED_SECTION, withoutNumbering } from "./titles.ts";

export interface TocEntry {
  title: string;
  /** The section it is listed under; undefined when the table of contents names no sections. */
  section?: string;
  page?: number;
}

export interface TableOfContents {
  sections: string[];
  entries: TocEntry[];
  /** Paragraph range [start, end) it occupies. */
  start: number;
  end: number;
}

const HEADING = /^(?:本期(?:要目|目录|导读|看点|内容)|目录|要目|导读)$/;
const BULLET = /^\s*[-*+•·]\s+(.+)$/;
const PAGE_FIRST = /^(\d{1,3})\s+(\S.*)$/;
/**
 * A page number after a title, past leader dots or spaces: 标题……12, 标题 …… 12, 标题 12. The
 * lookbehinds start the separator only where a run of spaces or of dots starts; a lazy title
 * followed by `\s*(?:[.…·]{2,}|\s)\s*` read a long run over and over from each of its characters.
 */
const PAGE_LAST = /(?:(?<!\s)\s+(?:[.…·]{2,}\s*)?|(?<![\s.…·])[.…·]{2,}\s*)(\d{1,3})$/;

interface Numbered {
  page: number;
  title: string;
}

const pageFirst = (text: string): Numbered | undefined => {
  const match = PAGE_FIRST.exec(text);
  return match ? { page: Number(match[1]), title: match[2] } : undefined;
};

const pageLast = (text: string): Numbered | undefined => {
  const match = PAGE_LAST.exec(text);
  return match && match.index > 0 ? { page: Number(match[1]), title: text.slice(0, match.index) } : undefined;
};

/** A title with dot leaders to its page: 标题……12, 标题 ........ 12. */
const LEADERS = /[.…·]{3,}\s*\d{1,3}$/;
/** A title and its page in two cells, as a PDF's table of contents sets them apart: 标题\t12. */
const TAB_PAGE = /^(.+?)\t+(\d{1,3})$/;

/** Not a sentence: short, without a full stop at its end. */
const titleLike = (line: string) => displayWidth(line) <= 60 && !/[。；]$/.test(line);

/**
 * The entries of a list paragraph: bulleted lines, lines that start with a page number, lines
 * that lead with dots to one, or a title and its page set apart in two cells.
 */
function entryLines(paragraph: string | undefined): string[] | undefined {
  if (paragraph === undefined) return undefined;
  const lines = paragraph.split("\n");
  if (lines.every((line) => BULLET.test(line))) return lines.map((line) => BULLET.exec(line)![1].trim());
  if (lines.every((line) => TAB_PAGE.test(line))) return lines.map((line) => line.replace(TAB_PAGE, "$1 $2").trim());
  // Without bullets, only short lines that are not sentences: "3 月 31 日，…举行。" is running text.
  const unbulleted = (line: string) => (PAGE_FIRST.test(line) || LEADERS.test(line)) && titleLike(line);
  if (lines.every(unbulleted)) return lines.map((line) => line.trim());
  return undefined;
}

/** A section name: one short line without punctuation, right above a list of entries. */
function isSectionName(paragraphs: string[], i: number): boolean {
  const text = paragraphs[i];
  return isSingleLine(text) && displayWidth(text) <= 16 && !/[，。；：！？,.;:!?]/.test(text) && entryLines(paragraphs[i + 1]) !== undefined;
}

/** How a plain entry of a headed table of contents starts: its bullet, or nothing. */
const entryMark = (line: string) => /^[◇◆■□●○•·▪▶►★☆-]/.exec(line)?.[0] ?? "";

/**
 * Entries of a table of contents under a heading (本期要目) that prints its titles as plain
 * lines, without page numbers: lines marked like the first one (◇ …) or, when it has no mark,
 * short lines that are not sentences and not a marked section name.
 */
function plainEntry(paragraph: string, mark: string | undefined): string[] | undefined {
  const text = paragraph.trim();
  if (!isSingleLine(text) || !titleLike(text) || MARKED_SECTION.test(text)) return undefined;
  if (mark !== undefined && entryMark(text) !== mark) return undefined;
  return [text];
}

/** Page numbers are taken off only when every entry has one, so a title starting with a year stays whole. */
function takePageNumbers(entries: TocEntry[]): void {
  for (const read of [pageFirst, pageLast]) {
    const parts = entries.map((entry) => read(entry.title));
    if (!parts.every(Boolean)) continue;
    entries.forEach((entry, i) => {
      entry.page = parts[i]!.page;
      entry.title = parts[i]!.title.replace(/[\s.…·]+$/, "").trim();
    });
    return;
  }
}

function readFrom(paragraphs: string[], first: number, limit: number, headed: boolean): Omit<TableOfContents, "start"> {
  const sections: string[] = [];
  const entries: TocEntry[] = [];
  let section: string | undefined;
  // The body starts where a line of the table of contents comes again (its first section or title).
  const seen = new Set<string>();
  let mark: string | undefined;
  let i = first;
  for (; i < limit; i++) {
    const key = paragraphs[i].replace(/\s+/g, "");
    if (seen.has(key)) break;
    seen.add(key);
    let lines = entryLines(paragraphs[i]);
    // Plain entries only in a table of contents made of them: after titles with page numbers, a plain line is the body's.
    if (!lines && headed && (entries.length === 0 || mark !== undefined) && !isSectionName(paragraphs, i)) {
      lines = plainEntry(paragraphs[i], mark);
      if (lines) mark ??= entryMark(lines[0]);
    }
    if (lines) {
      // One by one: push(...lines) overflows the stack on a list of 100 000 lines.
      for (const title of lines) entries.push({ title, section });
    } else if (isSectionName(paragraphs, i)) {
      section = paragraphs[i].trim();
      sections.push(section);
    } else {
      break;
    }
  }
  takePageNumbers(entries);
  for (const entry of entries) entry.title = withoutNumbering(entry.title);
  return { sections, entries, end: i };
}

/**
 * The first table of contents in `paragraphs[0, limit)`: after a 本期要目/目录 heading, or
 * wherever a section name and its list of articles appear without one.
 */
export function findTableOfContents(paragraphs: string[], limit: number): TableOfContents | undefined {
  for (let i = 0; i < limit; i++) {
    const headed = HEADING.test(paragraphs[i].replace(/\s+/g, ""));
    if (!headed && !entryLines(paragraphs[i]) && !isSectionName(paragraphs, i)) continue;
    const toc = readFrom(paragraphs, headed ? i + 1 : i, paragraphs.length, headed);
    if (toc.entries.length > 0) return { start: i, ...toc };
  }
  return undefined;
}
