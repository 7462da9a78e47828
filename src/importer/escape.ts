/**
 * Text copied from a bulletin, written as Markdown that reads back as that text: never as
 * structure the importer did not mean (a line that opens a heading, which the loader takes for
 * a section or an article; a code fence or a comment, which swallows the headings after it; a
 * list, a table, a quote), and never as a link to a local file the importer cannot vouch for.
 *
 * Plain text (titles, section names, sources) is escaped wholly. Text the readers keep as inline
 * Markdown (paragraphs, list items, table cells: emphasis and web links from Word) keeps its
 * inline syntax; only what could make structure of it is escaped.
 */

/**
 * Inline syntax in plain text: escapes, code, emphasis, strikethrough, links and images,
 * autolinks, and entities (`&amp;` would read as "&").
 */
const INLINE_SYNTAX = /[\\`*_~[\]<]|&(?=#?[0-9A-Za-z]{1,32};)/g;

/** Plain text as inline Markdown that shows exactly that text. */
export const escapeInline = (text: string): string => text.replace(INLINE_SYNTAX, "\\$&");

/**
 * A link or image is kept only when it goes to the web (a scheme, "//", "/" or "#"): a relative
 * one would point at a file of the content folder, which `bulletin check` requires to exist.
 * Escaping its "]" leaves its text as written. markdown-it allows spaces and a "<" before the
 * destination. Escapes are read as pairs (the first alternative), so an escaped "\]" is left
 * alone and "\\]" is still seen as a bracket.
 */
const LOCAL_LINK = /(\\[\s\S])|\](?=\((?!\s*<?(?:[a-z][a-z0-9+.-]*:|\/|#)))/gi;

/** Inline Markdown from the input, with its links to local files turned into text. */
export const withoutLocalLinks = (markdown: string): string => markdown.replace(LOCAL_LINK, (bracket, escape: string | undefined) => escape ?? `\\${bracket}`);

/**
 * A line break with the spaces around it. The lookbehind lets a match start only where such a
 * run starts: `\s*\n` alone retries from every space of a long run that has no line break.
 */
const LINE_BREAK = /(?<![^\S\n])[^\S\n]*\n\s*/g;

/** Text on the one line a table cell or a list item has: each line break becomes a space. */
export const oneLine = (text: string): string => text.replace(LINE_BREAK, " ");

/** A number then "." or ")": an ordered list item; escaping the mark keeps the bulletin's own numbering as text. */
const ORDERED_ITEM = /^\d{1,9}(?=[.)](?:[ \t]|$))/;

/**
 * Other line starts that open a block, escaped with a backslash before their first character:
 * an ATX heading, a blockquote, a bullet item, a code fence, an HTML block or comment (the loader
 * blanks everything from a line-initial `<!--` to the next `-->`), a link reference definition
 * (which would vanish), and lines made only of - = * _ | : (a setext underline, which turns the
 * line above into a heading, a thematic break, or a table's delimiter row).
 */
const BLOCK_START = /^(?:#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|`{3}|~{3}|<(?:[!?]|\/?[A-Za-z][A-Za-z0-9-]*(?=[ \t/>]|$))|\[(?=(?:\\.|[^\\[\]])*\]:)|[-=*_|: \t]+$)/;

/**
 * One line of inline Markdown as a line of running text. Leading spaces are dropped: inside a
 * paragraph they mean nothing, at its start four of them make a code block.
 */
function protectLineStart(line: string): string {
  const text = line.replace(/^[ \t]+/, "");
  const number = ORDERED_ITEM.exec(text);
  if (number) return `${number[0]}\\${text.slice(number[0].length)}`;
  return BLOCK_START.test(text) ? `\\${text}` : text;
}

/** Inline Markdown from the input as the lines of a paragraph. */
export const paragraphLines = (markdown: string): string[] => withoutLocalLinks(markdown).split("\n").map(protectLineStart);

/** A list line: its indentation and marker, then its text. */
const LIST_LINE = /^([ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]+)(.*)$/;

/**
 * List lines as written, with the text of each item protected like a paragraph's (a "#" there
 * would make a heading inside the item), dedented so that the list cannot become a code block.
 */
export function listItemLines(lines: string[]): string[] {
  const indent = lines.reduce((least, line) => Math.min(least, /^[ \t]*/.exec(line)![0].length), Infinity);
  return lines.map((line) => {
    const dedented = withoutLocalLinks(line.slice(indent));
    const item = LIST_LINE.exec(dedented);
    return item ? item[1] + protectLineStart(item[2]) : protectLineStart(dedented);
  });
}
