/**
 * Reads one issue file: front-matter (checked against the schema) and body (`##` sections,
 * `###` articles, 来源 lines and 编者按 notes), reporting every problem it finds with its line.
 * Pure: no file-system access; local links are resolved through `context.resolveLocal`.
 */
import type { Token } from "markdown-it";
import { didYouMean } from "./closest.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { readFrontMatter } from "./frontmatter.ts";
import { blockText, inlineText, markdown, renderBlocks } from "./markdown.ts";
import type { ArticleText, SectionDefinition } from "./model.ts";
import { ISSUE_KEYS, type IssueFrontMatter, issueFrontMatterSchema, validate } from "./schema.ts";
import { hasScheme } from "./urls.ts";

export interface IssueContext {
  /** Path relative to the content folder, for messages. */
  file: string;
  /** The publication's registered sections. */
  registry: SectionDefinition[];
  /**
   * Resolves a relative link or image path of the issue to its site URL, or returns a problem
   * (the file is missing, or outside the publication folder).
   */
  resolveLocal?: (path: string) => { url: string } | { problem: string; hint?: string };
}

interface ParsedSection {
  name: string;
  slug: string;
  introHtml: string;
  articles: ArticleText[];
  line: number;
}

export interface ParsedIssue {
  frontMatter: IssueFrontMatter;
  /** 1-based line of each front-matter key, for messages about the issue as a whole. */
  fieldLines: Map<string, number>;
  forewordHtml: string;
  sections: ParsedSection[];
}

export interface ParseResult {
  issue?: ParsedIssue;
  diagnostics: Diagnostic[];
}

const SOURCE_PREFIX = /^[（(]?\s*来源\s*[：:]\s*/;
const EDITOR_NOTE_PREFIX = /^编者按\s*[：:]?\s*/;

export function parseIssue(text: string, context: IssueContext): ParseResult {
  const read = readFrontMatter(text, context.file);
  if (!read.ok) return { diagnostics: [read.diagnostic] };
  const { data, body, bodyLine, keyLines } = read.value;

  const checked = validate(issueFrontMatterSchema, data, {
    file: context.file,
    keyLines,
    fallbackLine: 1,
    knownKeys: ISSUE_KEYS,
  });
  const diagnostics = [...checked.diagnostics];
  const body_ = parseBody(body, bodyLine, context, diagnostics);
  if (checked.value) checkDeclaredSections(checked.value.sections, keyLines.get("sections") ?? 1, body_.sections, context, diagnostics);
  if (!checked.value || diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  return { issue: { frontMatter: checked.value, fieldLines: keyLines, ...body_ }, diagnostics };
}

const IMPORT_NOTE = /^\s*<!--\s*import:\s*([\s\S]*)-->\s*$/;

/**
 * Where the comments on lines of their own are: from a line that starts with `<!--` to the first
 * `-->` that ends a line. A scan, not one regex with a lazy body: that was retried from every line
 * start and took minutes on a file with thousands of unclosed or mid-line comments.
 */
function commentSpans(body: string): [number, number][] {
  const spans: [number, number][] = [];
  const open = /^[ \t]*<!--/gm;
  const close = /-->[ \t]*(?=\n|$)/g;
  let opened: RegExpExecArray | null;
  while ((opened = open.exec(body))) {
    close.lastIndex = open.lastIndex;
    // No close for this comment means none for any later one either.
    if (!close.exec(body)) break;
    spans.push([opened.index, close.lastIndex]);
    open.lastIndex = close.lastIndex;
  }
  return spans;
}

/**
 * Editors' comments (`<!-- … -->` on lines of their own) are not part of the issue: they are
 * blanked out, keeping line numbers. The importer leaves its guesses as `<!-- import: … -->`;
 * each one still in the file is a warning, so no guess reaches readers unchecked.
 */
function removeComments(body: string, bodyLine: number, file: string, diagnostics: Diagnostic[]): string {
  const parts: string[] = [];
  let done = 0;
  let line = bodyLine;
  for (const [start, end] of commentSpans(body)) {
    const before = body.slice(done, start);
    const comment = body.slice(start, end);
    const blank = comment.replace(/[^\n]/g, "");
    line += before.split("\n").length - 1;
    const note = IMPORT_NOTE.exec(comment);
    if (note) {
      diagnostics.push({ severity: "warning", file, line, field: "import note", message: `the importer guessed here: ${note[1].trimEnd()}`, hint: "check the text around it, then delete the comment" });
    }
    parts.push(before, blank);
    line += blank.length;
    done = end;
  }
  parts.push(body.slice(done));
  return parts.join("");
}

/** Walks the top-level tokens of the body, cutting them into foreword, sections and articles. */
function parseBody(body: string, bodyLine: number, context: IssueContext, diagnostics: Diagnostic[]) {
  const tokens = markdown.parse(removeComments(body, bodyLine, context.file, diagnostics), {});
  const lineOf = (token: Token) => bodyLine + (token.map?.[0] ?? 0);
  const problem = (token: Token, field: string, message: string, hint?: string) =>
    diagnostics.push({ severity: "error", file: context.file, line: lineOf(token), field, message, hint });

  rewriteLocalLinks(tokens, context, lineOf, diagnostics);

  const sections: ParsedSection[] = [];
  const foreword: Token[] = [];
  let section: { head: ParsedSection; intro: Token[] } | undefined;
  let article: { title: string; line: number; tokens: Token[] } | undefined;
  const sectionTitles = new Set<string>();

  const closeArticle = () => {
    if (article && section) section.head.articles.push(buildArticle(article.title, article.line, article.tokens));
    article = undefined;
  };
  const closeSection = () => {
    closeArticle();
    if (section) {
      section.head.introHtml = renderBlocks(section.intro);
      sections.push(section.head);
    }
    section = undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === "heading_open" && token.level === 0) {
      const title = inlineText(tokens[i + 1]).trim();
      const depth = Number(token.tag.slice(1));
      if (depth === 1) {
        problem(token, "# heading", `a level-1 heading "# ${title}" is not part of an issue`, "write ## for a section and ### for an article");
      } else if (depth === 2) {
        closeSection();
        if (sectionTitles.has(title)) problem(token, "## heading", `the section ${title} appears twice in the body`, "merge its articles under one ## heading");
        sectionTitles.add(title);
        const registered = context.registry.find((s) => s.name === title);
        section = {
          head: { name: title, slug: registered?.slug ?? "", introHtml: "", articles: [], line: lineOf(token) },
          intro: [],
        };
        if (!title) problem(token, "## heading", "a section heading has no name");
        i += 2;
        continue;
      } else if (depth === 3) {
        closeArticle();
        if (!section) {
          problem(token, "### heading", `the article "${title}" is not inside a section`, "put a ## section heading above it");
        } else if (!title) {
          problem(token, "### heading", "an article has no title", "write the title after ###");
        }
        article = { title, line: lineOf(token), tokens: [] };
        i += 2;
        continue;
      }
    }
    if (article) article.tokens.push(token);
    else if (section) section.intro.push(token);
    else foreword.push(token);
  }
  closeSection();

  for (const s of sections) {
    if (s.articles.length === 0) {
      diagnostics.push({ severity: "warning", file: context.file, line: s.line, field: "## heading", message: `the section ${s.name} has no articles`, hint: "add ### article headings under it, or remove it" });
    }
  }
  warnDuplicateTitles(sections, context.file, diagnostics);
  return { forewordHtml: renderBlocks(foreword), sections };
}

/** Splits an article's tokens into its 来源 line, its 编者按 note and its text. */
function buildArticle(title: string, line: number, tokens: Token[]): ArticleText {
  let rest = tokens;
  let source: string | undefined;
  const first = rest[1];
  if (rest[0]?.type === "paragraph_open" && first?.type === "inline" && SOURCE_PREFIX.test(first.content)) {
    const line = inlineText(first).trim();
    let value = line.replace(SOURCE_PREFIX, "");
    // （来源：新华社）: brackets around the whole line go; 来源：工信部（信发司） keeps its own.
    if (/^[（(]/.test(line)) value = value.replace(/[）)]\s*$/, "");
    source = value.trim() || undefined;
    rest = rest.slice(3);
  }
  const note = findEditorNote(rest);
  let editorNoteHtml: string | undefined;
  let editorNoteText: string | undefined;
  if (note) {
    const inner = rest.slice(note.start + 1, note.end);
    stripLeadingLabel(inner);
    editorNoteHtml = renderBlocks(inner);
    editorNoteText = blockText(inner);
    rest = [...rest.slice(0, note.start), ...rest.slice(note.end + 1)];
  }
  return { title, source, editorNoteHtml, editorNoteText, html: renderBlocks(rest), text: blockText(rest), line };
}

function findEditorNote(tokens: Token[]): { start: number; end: number } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "blockquote_open" || tokens[i].level !== 0) continue;
    const end = tokens.findIndex((t, j) => j > i && t.type === "blockquote_close" && t.level === 0);
    const firstInline = tokens.slice(i, end).find((t) => t.type === "inline");
    if (end > i && firstInline && EDITOR_NOTE_PREFIX.test(firstInline.content)) return { start: i, end };
  }
  return undefined;
}

/** Removes "编者按：" from the start of a note; the page shows its own label. */
function stripLeadingLabel(tokens: Token[]): void {
  const inline = tokens.find((t) => t.type === "inline");
  const firstText = inline?.children?.find((c) => c.type === "text");
  if (!inline || !firstText) return;
  firstText.content = firstText.content.replace(EDITOR_NOTE_PREFIX, "");
  inline.content = inline.content.replace(EDITOR_NOTE_PREFIX, "");
}

/** A link or image that leads out of the site, to a site URL or to an anchor: not to a file beside the issue. */
const isNotLocalFile = (target: string) => hasScheme(target) || /^[/#]/.test(target);

/** Points links and images at local files to their site URLs, reporting the ones that cannot be. */
function rewriteLocalLinks(tokens: Token[], context: IssueContext, lineOf: (t: Token) => number, diagnostics: Diagnostic[]): void {
  for (const block of tokens) {
    for (const child of block.children ?? []) {
      const attribute = child.type === "link_open" ? "href" : child.type === "image" ? "src" : undefined;
      const target = attribute ? String(child.attrGet(attribute) ?? "") : "";
      if (!attribute || !target || isNotLocalFile(target)) continue;
      const filePart = target.split(/[?#]/)[0];
      const resolved = context.resolveLocal?.(safeDecode(filePart));
      if (!resolved) continue;
      if ("url" in resolved) {
        child.attrSet(attribute, resolved.url + target.slice(filePart.length));
      } else {
        diagnostics.push({
          severity: "error",
          file: context.file,
          line: lineOf(block),
          field: child.type === "image" ? "image" : "link",
          message: `${child.type === "image" ? "image" : "link"} ${target}: ${resolved.problem}`,
          hint: resolved.hint,
        });
      }
    }
  }
}

function safeDecode(uri: string): string {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

function warnDuplicateTitles(sections: ParsedSection[], file: string, diagnostics: Diagnostic[]): void {
  const seen = new Map<string, number>();
  for (const article of sections.flatMap((s) => s.articles)) {
    const first = seen.get(article.title);
    if (first !== undefined && article.title) {
      diagnostics.push({ severity: "warning", file, line: article.line, field: "### heading", message: `the article title "${article.title}" repeats the title on line ${first}`, hint: "give each article of an issue its own title" });
    } else {
      seen.set(article.title, article.line);
    }
  }
}

/** The body's `##` headings must be the declared `sections`, in order, each one registered. */
function checkDeclaredSections(
  declared: string[],
  declaredLine: number,
  found: ParsedSection[],
  context: IssueContext,
  diagnostics: Diagnostic[],
): void {
  const registeredNames = context.registry.map((s) => s.name);
  const error = (line: number, field: string, message: string, hint?: string) =>
    diagnostics.push({ severity: "error", file: context.file, line, field, message, hint });

  declared.forEach((name, index) => {
    if (!registeredNames.includes(name)) {
      error(declaredLine, `sections[${index}]`, `the section ${name} is not registered in publication.yaml`, didYouMean(name, registeredNames) ?? `registered sections: ${registeredNames.join(", ")}`);
    }
    if (!found.some((s) => s.name === name)) {
      error(declaredLine, `sections[${index}]`, `the section ${name} is declared but has no "## ${name}" heading in the body`, "add the heading, or remove the name from sections");
    }
  });
  for (const section of found) {
    if (!declared.includes(section.name)) {
      const hint = registeredNames.includes(section.name)
        ? "add it to the front-matter field sections"
        : (didYouMean(section.name, declared) ?? didYouMean(section.name, registeredNames) ?? "add it to the front-matter field sections");
      error(section.line, "## heading", `the section ${section.name} is in the body but not declared in sections`, hint);
    }
  }
  const bodyOrder = found.map((s) => s.name).filter((name) => declared.includes(name));
  const declaredOrder = declared.filter((name) => bodyOrder.includes(name));
  if (bodyOrder.join("\u0000") !== declaredOrder.join("\u0000")) {
    error(declaredLine, "sections", `the body's sections are in the order ${bodyOrder.join(", ")}, not the declared order ${declaredOrder.join(", ")}`, "make the order of sections match the body");
  }
}
