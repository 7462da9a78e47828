/**
 * Reads a bulletin from a Word file. Word keeps the structure PDF text loses: the top heading
 * level (Heading 1, or 2 when there is no 1) names sections, the next one articles, deeper ones
 * stay headings inside articles. The paragraphs before the first heading are the masthead and
 * editorial box, read by the same rules as a PDF's front pages.
 *
 * mammoth turns the file into simple, well-formed HTML (p, h1–h6, ul/ol/li, table, strong, em,
 * a, img, br), which is walked here into Markdown blocks.
 */
import mammoth from "mammoth";
import { buildArticle } from "./article.ts";
import { findBackMatter, readColophon } from "./colophon.ts";
import { escapeInline, oneLine } from "./escape.ts";
import { findCoverHeadline, readFrontPages } from "./masthead.ts";
import type { Notes } from "./notes.ts";
import { dropControls, plainText } from "./paragraphs.ts";
import { findTableOfContents } from "./toc.ts";
import { type Block, type Commented, ImportError, type IssueDraft, type SectionDraft, UNFILED_SECTION } from "./types.ts";

const STYLE_MAP = [
  // A table of contents Word generates repeats the headings.
  "p[style-name^='toc'] => !",
  "p[style-name^='TOC'] => !",
];

interface Element {
  tag: string;
  attributes: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(["br", "img", "hr"]);

/** The text of an HTML text node or attribute, without the control characters the content checker rejects. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  const decoded = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] !== "#") return named[code.toLowerCase()] ?? whole;
    return String.fromCodePoint(code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
  });
  return dropControls(decoded);
}

/** Parses mammoth's output: tags are well-formed and attributes double-quoted. */
function parseHtml(html: string): Node[] {
  const root: Element = { tag: "", attributes: {}, children: [] };
  const open = [root];
  for (const [, closing, tag, attributeText, text] of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi)) {
    const parent = open[open.length - 1];
    if (text !== undefined) {
      parent.children.push(decodeEntities(text));
    } else if (closing) {
      const at = open.map((e) => e.tag).lastIndexOf(tag.toLowerCase());
      if (at > 0) open.length = at;
    } else {
      const attributes: Record<string, string> = {};
      for (const [, name, value] of attributeText.matchAll(/([a-z-]+)="([^"]*)"/gi)) attributes[name.toLowerCase()] = decodeEntities(value);
      const element: Element = { tag: tag.toLowerCase(), attributes, children: [] };
      parent.children.push(element);
      if (!VOID.has(element.tag) && !attributeText.endsWith("/")) open.push(element);
    }
  }
  return root.children;
}

/**
 * Emphasis hugs its text: Markdown does not close "** 重点 **". (Trimming, not a regex with a lazy
 * middle and `\s*$`, which retries the end from every space of a long run.)
 */
function emphasise(mark: string, inner: string): string {
  const core = inner.trim();
  if (!core) return inner;
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = inner.slice(inner.trimEnd().length);
  return `${lead}${mark}${core}${mark}${trail}`;
}

/**
 * A link's address as a Markdown destination: spaces and parentheses percent-encoded (an
 * unbalanced parenthesis ends the destination; encodeURIComponent leaves them as they are).
 */
const encodeDestination = (href: string) => href.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/** Counts what the Markdown leaves out while inline content is converted. */
interface Conversion {
  images: number;
}

function inline(nodes: Node[], conversion: Conversion): string {
  return nodes
    .map((node) => {
      if (typeof node === "string") return escapeInline(node);
      const inner = () => inline(node.children, conversion);
      switch (node.tag) {
        case "strong":
        case "b":
          return emphasise("**", inner());
        case "em":
        case "i":
          return emphasise("*", inner());
        case "a": {
          const href = node.attributes.href ?? "";
          return href && !href.startsWith("#") ? `[${inner()}](${encodeDestination(href)})` : inner();
        }
        case "br":
          return "\n";
        case "img":
          conversion.images++;
          return "";
        default:
          return inner();
      }
    })
    .join("");
}

function listLines(list: Element, depth: number, conversion: Conversion): string[] {
  const ordered = list.tag === "ol";
  const items = list.children.filter((c): c is Element => typeof c !== "string" && c.tag === "li");
  return items.flatMap((item, n) => {
    const nested = item.children.filter((c): c is Element => typeof c !== "string" && (c.tag === "ul" || c.tag === "ol"));
    const own = item.children.filter((c) => typeof c === "string" || !nested.includes(c));
    const text = oneLine(inline(own, conversion)).trim();
    const indent = "   ".repeat(depth);
    return [`${indent}${ordered ? `${n + 1}.` : "-"} ${text}`, ...nested.flatMap((l) => listLines(l, depth + 1, conversion))];
  });
}

function tableRows(table: Element, conversion: Conversion): string[][] {
  const rows: string[][] = [];
  const visit = (element: Element) => {
    if (element.tag === "tr") {
      const cells = element.children.filter((c): c is Element => typeof c !== "string" && (c.tag === "td" || c.tag === "th"));
      rows.push(cells.map((cell) => oneLine(inline(cell.children, conversion)).trim()));
    } else {
      for (const child of element.children) if (typeof child !== "string") visit(child);
    }
  };
  visit(table);
  return rows;
}

type Item = { kind: "heading"; level: number; text: string } | { kind: "block"; block: Block; plain: string; images: number };

/** The document as a flat run of headings and blocks. */
function itemsOf(nodes: Node[]): Item[] {
  return nodes.flatMap((node): Item[] => {
    const conversion: Conversion = { images: 0 };
    const item = (block: Block, plain: string): Item[] => [{ kind: "block", block, plain, images: conversion.images }];
    if (typeof node === "string") {
      return node.trim() ? item({ kind: "paragraph", text: escapeInline(node.trim()) }, node.trim()) : [];
    }
    if (/^h[1-6]$/.test(node.tag)) {
      const text = plainText(inline(node.children, conversion)).replace(/\s+/g, " ").trim();
      return text ? [{ kind: "heading", level: Number(node.tag[1]), text }] : [];
    }
    if (node.tag === "p") {
      const text = inline(node.children, conversion).trim();
      return text || conversion.images ? item({ kind: "paragraph", text }, plainText(text)) : [];
    }
    if (node.tag === "ul" || node.tag === "ol") {
      const lines = listLines(node, 0, conversion);
      return item({ kind: "list", lines }, plainText(lines.join("\n")));
    }
    if (node.tag === "table") {
      const rows = tableRows(node, conversion);
      return rows.length > 0 ? item({ kind: "table", rows }, rows.map((r) => r.join(" ")).join("\n")) : [];
    }
    return itemsOf(node.children);
  });
}

function reportImages(count: number, place: Commented, notes: Notes): void {
  if (count > 0) notes.guess(`${count} image(s) of the Word file were left out here`, place);
}

/**
 * The Word file as HTML. Whatever mammoth (and jszip under it) cannot read is not a Word file
 * the importer can use: not a zip, a zip without a document, broken XML.
 */
async function wordToHtml(file: string, bytes: Buffer): Promise<string> {
  try {
    const { value } = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })) });
    return value;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ImportError(`${file} is not a Word file (.docx): ${reason}`);
  }
}

export async function readDocxBulletin(file: string, bytes: Buffer, notes: Notes): Promise<IssueDraft> {
  const items = itemsOf(parseHtml(await wordToHtml(file, bytes)));
  const firstHeading = items.findIndex((i) => i.kind === "heading");
  const frontItems = (firstHeading < 0 ? items : items.slice(0, firstHeading)).filter((i) => i.kind === "block");
  const frontTexts = frontItems.map((i) => i.plain);

  // A table of contents typed before the headings repeats them.
  const toc = findTableOfContents(frontTexts, frontTexts.length);
  if (toc) notes.info("the table of contents before the first heading was left out; the headings give the sections and articles");
  const front = readFrontPages(frontTexts, toc?.start ?? frontTexts.length);
  const sections: SectionDraft[] = [];
  const draft: IssueDraft = { masthead: front.masthead, foreword: [], forewordComments: [], sections, colophon: { contact: {}, distribution: [], lines: [] } };
  const atTop = { comments: draft.forewordComments };

  const levels = [...new Set(items.flatMap((i) => (i.kind === "heading" ? [i.level] : [])))].sort((a, b) => a - b);
  const [sectionLevel, articleLevel] = levels.length > 1 ? levels : [undefined, levels[0]];
  if (levels.length === 1) notes.guess(`the Word file has one heading level only; its headings are taken as articles, filed under ${UNFILED_SECTION}`, atTop);
  if (levels.length === 0) notes.guess("the Word file has no headings (Heading 1, Heading 2 …), so no sections or articles were found", atTop);

  const articles: { title: string; blocks: Block[]; section: SectionDraft; images: number }[] = [];
  let section: SectionDraft | undefined;
  const currentSection = () => {
    if (!section) sections.push((section = { name: UNFILED_SECTION, intro: [], articles: [], comments: [] }));
    return section;
  };
  for (const item of firstHeading < 0 ? [] : items.slice(firstHeading)) {
    const article = articles[articles.length - 1];
    if (item.kind === "heading" && item.level === sectionLevel) {
      sections.push((section = { name: item.text, intro: [], articles: [], comments: [] }));
    } else if (item.kind === "heading" && item.level === articleLevel) {
      articles.push({ title: item.text, blocks: [], section: currentSection(), images: 0 });
    } else if (article?.section === section) {
      // Inside the current section's latest article (a new section closes the article before it).
      article.blocks.push(item.kind === "heading" ? { kind: "heading", text: item.text } : item.block);
      article.images += item.kind === "block" ? item.images : 0;
    } else if (item.kind === "block") {
      currentSection().intro.push(item.block);
      reportImages(item.images, currentSection(), notes);
    } else {
      currentSection().intro.push({ kind: "heading", text: item.text });
    }
  }

  const last = articles[articles.length - 1];
  const back = last
    ? findBackMatter(
        last.blocks.map((b) => (b.kind === "paragraph" ? plainText(b.text) : "")),
        0,
        last.blocks.length,
      )
    : undefined;
  if (last && back) last.blocks = last.blocks.slice(0, back.start);
  for (const { title, blocks, section: home, images } of articles) {
    const article = buildArticle(title, blocks, notes);
    reportImages(images, article, notes);
    home.articles.push(article);
  }

  // Front-page text that is neither masthead nor editorial box, and whatever follows a typed table of contents.
  const leftovers = [...front.leftovers.map((i) => frontItems[i]), ...(toc ? frontItems.slice(toc.end) : [])];
  const cover = findCoverHeadline(
    leftovers.map((i) => i.plain),
    articles.map((a) => a.title),
  );
  draft.title = cover.title;
  draft.foreword = leftovers.filter((_, k) => k !== cover.index).map((i) => i.block);
  reportImages(
    leftovers.reduce((sum, i) => sum + i.images, 0),
    atTop,
    notes,
  );

  const { colophon, editors } = readColophon(back ? [front.colophon, back.box] : [front.colophon], back?.aboutUs ?? []);
  draft.colophon = colophon;
  draft.masthead.editors = editors;
  return draft;
}
