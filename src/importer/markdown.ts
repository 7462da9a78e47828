/**
 * Writing what an import found: the issue file (docs/content-format.md) and publication.yaml.
 * The output depends on the draft alone, so importing a file twice gives the same bytes.
 */
import { formatFrontMatter, formatYaml, parseYaml, yamlInline } from "../content/frontmatter.ts";
import type { IssueFrontMatterInput, SectionDefinition } from "../content/schema.ts";
import { escapeInline, listItemLines, paragraphLines } from "./escape.ts";
import { renderTable } from "./tables.ts";
import type { Block, IssueDraft, PublicationDraft } from "./types.ts";

/** A comment an editor reviews and deletes; "--" cannot appear inside an HTML comment. */
const importComment = (message: string) => `<!-- import: ${message.replace(/-{2,}/g, "—")} -->`;

/** Trailing punctuation of a bare address ends the sentence, not the address. */
const URL_TAIL = /(?<![.,;:!?])[.,;:!?]+$/;

/** Bare web addresses become autolinks; ones already in <…> or in a link stay as they are. */
function linkUrls(line: string): string {
  return line.replace(/(?<![<([])\bhttps?:\/\/[^\s<>()[\]\u3000-\u303f\uff00-\uffef“”‘’]+/g, (url) => {
    const tail = URL_TAIL.exec(url)?.[0] ?? "";
    return `<${url.slice(0, url.length - tail.length)}>${tail}`;
  });
}

/**
 * A heading of plain text. A closing run of "#" would be read as the heading's optional closing
 * sequence and dropped, so its last "#" is escaped too.
 */
function heading(level: number, text: string): string {
  const escaped = escapeInline(text);
  return `${"#".repeat(level)} ${escaped.endsWith("#") ? `${escaped.slice(0, -1)}\\#` : escaped}`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return paragraphLines(block.text).map(linkUrls).join("\n");
    case "list":
      return listItemLines(block.lines).map(linkUrls).join("\n");
    case "table":
      return renderTable(block.rows);
    case "heading":
      return heading(4, block.text);
  }
}

/** The note as a blockquote whose first paragraph starts with its label, as the format asks. */
function renderEditorNote(note: Block[]): string {
  const [first, ...rest] = note;
  const labelled: Block[] = first.kind === "paragraph" ? [{ kind: "paragraph", text: `编者按：${first.text}` }, ...rest] : [{ kind: "paragraph", text: "编者按：" }, ...note];
  return labelled
    .map((block) =>
      renderBlock(block)
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n"),
    )
    .join("\n>\n");
}

/** The front-matter an import writes; `sections`: the names as registered, in body order. */
type IssueHeader = Pick<IssueFrontMatterInput, "issue" | "cumulative" | "date" | "sections" | "title" | "editors" | "pdf" | "distribution" | "colophon">;

export function renderIssue(header: IssueHeader, draft: IssueDraft): string {
  // Parts are collected as arrays and flattened once: push(...parts) overflows the stack on an article of 100 000 paragraphs.
  const body: string[][] = [draft.forewordComments.map(importComment), draft.foreword.map(renderBlock)];
  draft.sections.forEach((section, i) => {
    body.push([heading(2, header.sections[i])], section.comments.map(importComment), section.intro.map(renderBlock));
    for (const article of section.articles) {
      // The source must be the first paragraph under the title, so comments come after it and the note.
      body.push([heading(3, article.title)]);
      if (article.source) body.push([`来源：${escapeInline(article.source)}`]);
      if (article.editorNote.length > 0) body.push([renderEditorNote(article.editorNote)]);
      body.push(article.comments.map(importComment), article.blocks.map(renderBlock));
    }
  });
  return `${formatFrontMatter(header)}\n${body.flat().join("\n\n")}\n`;
}

/** A scalar as it must be written inside [ ] or { } (where a comma or a colon needs quotes). */
const flowScalar = (value: string) => yamlInline([value]).slice(1, -1);

/** A registered section in the layout docs/content-format.md shows: `- { name: 本月聚焦, slug: focus }`. */
const sectionItem = (section: SectionDefinition) => `- { name: ${flowScalar(section.name)}, slug: ${flowScalar(section.slug)} }`;

export function renderPublicationYaml(publication: PublicationDraft): string {
  const field = (key: "name" | "publisher" | "frequency" | "description") => {
    const line = `${key}: ${yamlInline(publication[key])}`;
    return key !== "name" && publication.guessed.includes(key) ? `${line}  # import: guessed, please check` : line;
  };
  const head = [field("name"), field("publisher"), field("frequency"), field("description")].join("\n");
  const sections = ["sections:", ...publication.sections.map((section) => `  ${sectionItem(section)}`)].join("\n");
  return `${head}\n${colophonYaml(publication)}${sections}\n`;
}

/** The `contact:` and `about:` fields of publication.yaml, as the colophon printed them (none: ""). */
export function colophonYaml({ contact, about }: Pick<PublicationDraft, "contact" | "about">): string {
  const fields: Record<string, unknown> = {};
  const given = Object.entries(contact ?? {}).filter(([, value]) => value);
  if (given.length > 0) fields.contact = Object.fromEntries(given);
  if (about) fields.about = about;
  return Object.keys(fields).length > 0 ? formatYaml(fields) : "";
}

/**
 * publication.yaml with `added` registered after its sections. The file is edited in place,
 * keeping the editor's comments and layout, when its sections are a block list; otherwise
 * (a flow list, an unusual layout) it is written anew from its parsed content.
 */
export function addSectionsToYaml(yamlText: string, added: SectionDefinition[]): string {
  const parsed = parseYaml(yamlText) as { sections?: SectionDefinition[] } & Record<string, unknown>;
  const expected = [...(parsed.sections ?? []), ...added];
  const lines = yamlText.split("\n");
  const start = lines.findIndex((line) => /^sections\s*:\s*(#.*)?$/.test(line));
  if (start >= 0) {
    let last = start;
    let indent: string | undefined;
    for (let i = start + 1; i < lines.length; i++) {
      if (/^\s*(#.*)?$/.test(lines[i])) continue;
      if (!/^[\s-]/.test(lines[i])) break;
      last = i;
      indent ??= /^(\s*)-/.exec(lines[i])?.[1];
    }
    const edited = [...lines.slice(0, last + 1), ...added.map((s) => `${indent ?? "  "}${sectionItem(s)}`), ...lines.slice(last + 1)].join("\n");
    const check = parseYaml(edited) as { sections?: SectionDefinition[] };
    if (JSON.stringify(check.sections) === JSON.stringify(expected)) return edited;
  }
  return formatYaml({ ...parsed, sections: expected });
}
