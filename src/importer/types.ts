/**
 * Shapes shared by the importers (PDF text, Word) and the Markdown writer.
 * An importer reads a bulletin into an `IssueDraft`; `importBulletin` resolves its sections
 * against the publication and writes it out as an issue file.
 */
import type { PublicationInfo, SectionDefinition } from "../content/model.ts";
import type { PublicationFields } from "../content/schema.ts";

/** Something the importer wants the editor to know; a `guess` is also left in the Markdown. */
export interface ImportNote {
  kind: "guess" | "info";
  message: string;
}

/** A bulletin the importer cannot read at all (no issue number, unknown file type …). */
export class ImportError extends Error {}

/** The section of articles a bulletin does not file under any section. */
export const UNFILED_SECTION = "本期内容";

/** The section that holds a bulletin's text when not one article could be found in it. */
export const TEXT_SECTION = "正文";

/**
 * A block of article text. Paragraph, list and table text is inline Markdown; heading text, like
 * titles, section names and sources, is plain text (src/importer/escape.ts writes both).
 */
export type Block =
  | { kind: "paragraph"; text: string }
  /** Markdown list lines, kept as written (with their markers and indentation). */
  | { kind: "list"; lines: string[] }
  /** Cells as text; the first row is the header. */
  | { kind: "table"; rows: string[][] }
  /** A heading inside an article: always written deeper than `###`. Plain text. */
  | { kind: "heading"; text: string };

/** Where import comments (`<!-- import: … -->`) are left. */
export interface Commented {
  comments: string[];
}

export interface ArticleDraft extends Commented {
  /** Plain text, as printed. */
  title: string;
  /** Plain text. */
  source?: string;
  /** Paragraphs of the 编者按, without the label. */
  editorNote: Block[];
  blocks: Block[];
}

export interface SectionDraft extends Commented {
  /** Plain text, as printed. */
  name: string;
  /** Text between the section heading and its first article. */
  intro: Block[];
  articles: ArticleDraft[];
}

/** What the masthead and the editorial box say about the issue. */
export interface Masthead {
  name?: string;
  publisher?: string;
  year?: number;
  issue?: number;
  cumulative?: number;
  /** YYYY-MM-DD. */
  date?: string;
  /** Slogans printed around the name, e.g. 以战略的视角解读数字中国. */
  taglines: string[];
  editors: string[];
}

export interface IssueDraft {
  masthead: Masthead;
  /** The cover headline. */
  title?: string;
  foreword: Block[];
  forewordComments: string[];
  /** The content sections in body order; the about section last, when there is one. */
  sections: SectionDraft[];
}

export type GuessedField = "publisher" | "frequency" | "description";

/** The publication an import belongs to; `sections` are the registered ones after this import. */
export interface PublicationDraft extends PublicationInfo {
  /** Fields made up by the importer rather than read from the bulletin. */
  guessed: GuessedField[];
}

export interface ImportResult {
  markdown: string;
  year: number;
  issue: number;
  publication: PublicationDraft;
  /** Sections this issue needs that the existing publication did not register. */
  addedSections: SectionDefinition[];
  notes: ImportNote[];
}

/** What an import needs of a publication the content folder has. */
export type ExistingPublication = Pick<PublicationFields, "name" | "sections">;

export interface ImportOptions {
  publicationSlug?: string;
  existingPublication?: ExistingPublication;
}
