/**
 * An article's parts: its 来源 (source) line, printed right after the title (来源：国家互联网应急中心)
 * or at the end ((来源：国家发展改革委)), its 编者按 (editor's note), and its text.
 */
import type { Notes } from "./notes.ts";
import { displayWidth, plainText } from "./paragraphs.ts";
import type { ArticleDraft, Block } from "./types.ts";

/**
 * A source line: 来源：…, （来源：…）, 信息来源：…, （摘自《…》）, ——转自…. Brackets around the
 * whole line and 《》 around the whole name are dropped.
 */
const SOURCE = /^(?:[（(]\s*|——\s*)?(?:(?:文章|信息|资料|稿件|本文|新闻)?来源\s*[：:]|(?:摘|转|选|录)自\s*[：:]?|原载\s*[：:]?)\s*(.+?)\s*[)）]?$/;

/** The labels of an editor's note: 编者按, 编者的话, 编者注, 按语, maybe in brackets or letter-spaced. */
const LABEL_WORDS = "编\\s*者\\s*按|编\\s*者\\s*的\\s*话|编\\s*者\\s*注|按\\s*语";
const NOTE_LABEL = `(?:[【\\[]\\s*(?:${LABEL_WORDS})\\s*[】\\]]\\s*[：:]?|(?:${LABEL_WORDS})\\s*(?:[：:]|$))`;
const EDITOR_NOTE = new RegExp(`^${NOTE_LABEL}`);

/** A name in 《》 is the name: 《示例日报》 → 示例日报. */
const unquoteName = (name: string) => (/^《[^《》]+》$/.test(name) ? name.slice(1, -1) : name);

/** The source named by a 来源 line, or undefined when the block is something else. */
export function sourceOf(block: Block | undefined): string | undefined {
  if (block?.kind !== "paragraph") return undefined;
  const text = plainText(block.text).trim();
  if (text.includes("\n") || displayWidth(text) > 50) return undefined;
  const source = SOURCE.exec(text)?.[1];
  return source === undefined ? undefined : unquoteName(source);
}

export function isEditorNoteStart(block: Block | undefined): boolean {
  return block?.kind === "paragraph" && EDITOR_NOTE.test(plainText(block.text).trim());
}

/** A bracketed source at the end of a paragraph, after its last sentence. */
const RUN_ON_SOURCE = /(?<=[。！？!?”」』])\s*[（(]\s*((?:(?:文章|信息|资料|稿件|本文|新闻)?来源\s*[：:]|(?:摘|转|选|录)自\s*[：:]?)[^（）()]{1,40})[)）]$/;

function trailingSource(block: Block | undefined): { source: string; text: string } | undefined {
  if (block?.kind !== "paragraph") return undefined;
  const match = RUN_ON_SOURCE.exec(block.text);
  const source = match ? sourceOf({ kind: "paragraph", text: match[1] }) : undefined;
  return match && source ? { source, text: block.text.slice(0, match.index).trimEnd() } : undefined;
}

function lastSourceLine(blocks: Block[]): number {
  for (let i = blocks.length - 1; i >= 0; i--) if (sourceOf(blocks[i]) !== undefined) return i;
  return -1;
}

/**
 * The paragraphs of an editor's note that starts with `blocks[0]`: "编者按：text…", or an
 * "编者按" line and what follows it. The label itself is dropped.
 */
function editorNoteText(blocks: Block[]): Block[] {
  const [label, ...rest] = blocks;
  if (label?.kind !== "paragraph") return blocks;
  const text = label.text.replace(new RegExp(`^\\**(?:[【\\[]\\s*)?(?:${LABEL_WORDS})(?:\\s*[】\\]])?\\**\\s*[：:]?\\s*\\**`), "").trim();
  return text ? [{ kind: "paragraph", text }, ...rest] : rest;
}

/**
 * Builds an article from its title and the blocks after it. `leadingNote` is an editor's note
 * printed above the title (as 大数据发展动态 does). Running text is passed through `mend`
 * (joining page-broken sentences, for PDF text) once the 来源 and 编者按 are out of it.
 */
export function buildArticle(title: string, blocks: Block[], notes: Notes, options: { leadingNote?: Block[]; mend?: (blocks: Block[]) => Block[] } = {}): ArticleDraft {
  const mend = options.mend ?? ((b: Block[]) => b);
  const article: ArticleDraft = { title, editorNote: [], blocks: [], comments: [] };
  let rest = blocks;

  const sourceAt = sourceOf(rest[0]) !== undefined ? 0 : lastSourceLine(rest);
  const runOn = sourceAt < 0 ? trailingSource(rest.at(-1)) : undefined;
  if (runOn) {
    // The source set at the end of the last paragraph: "…同比增长18.4%。（来源：省能源局）".
    article.source = runOn.source;
    rest = [...rest.slice(0, -1), { kind: "paragraph", text: runOn.text }];
  } else if (sourceAt >= 0) {
    article.source = sourceOf(rest[sourceAt]);
    const after = rest.length - 1 - sourceAt;
    if (sourceAt > 0 && after > 0) {
      notes.guess(`${after} paragraph(s) after the line 来源：${article.source} of "${title}" were kept in that article`, article);
    }
    rest = [...rest.slice(0, sourceAt), ...rest.slice(sourceAt + 1)];
  }

  if (options.leadingNote) {
    article.editorNote = editorNoteText(options.leadingNote);
  } else if (isEditorNoteStart(rest[0])) {
    // After the title, a note is the labelled paragraph, or the label and the one paragraph under it.
    const labelOnly = editorNoteText(rest.slice(0, 1)).length === 0;
    article.editorNote = editorNoteText(rest.slice(0, labelOnly ? 2 : 1));
    rest = rest.slice(labelOnly ? 2 : 1);
  }
  article.editorNote = mend(article.editorNote);
  article.blocks = mend(rest);
  return article;
}
