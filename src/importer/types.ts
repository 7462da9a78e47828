/**
 * Shapes shared by the importers (PDF text, Word) and the Markdown writer.
 * An importer reads a bulletin into an `IssueDraft`; `importBulletin` resolves its sections
 * against the publication and writes it out as an issue file.
 */
import type { PublicationInfo, SectionDefinition } from "../content/model.ts";
import type { Contact, PublicationFields } from "../content/schema.ts";

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

/**
 * How a paragraph is set, against the body text, where the input shows it (a PDF does, text
 * does not): the typographic evidence for headings.
 */
export interface Cue {
  /** Font size over the body text's size: 1 for body text, 1.4 for a heading set 40 % larger. */
  scale: number;
  bold: boolean;
  /** Set in another font than the body text (黑体 headings over 宋体 text, say). */
  otherFont: boolean;
  centred: boolean;
  /** Starts right of its column's edge, past a first-line indent. */
  indented: boolean;
  /** Right-aligned, as a source line or a signature often is. */
  rightAligned: boolean;
}

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
  /** Only 总第M期 is printed, no 第N期. */
  onlyCumulative?: boolean;
  /** The month as printed, when the masthead gives no day (二〇二四年六月): `date` is its first day. */
  monthOnly?: string;
  /** Slogans printed around the name, e.g. 以战略的视角解读数字中国. */
  taglines: string[];
  editors: string[];
}

/** What the colophon says, sorted by where it goes. */
export interface ColophonDraft {
  /** publication.yaml `contact`: how to reach the publisher, as printed. */
  contact: Contact;
  /** publication.yaml `about`: the publisher's description, paragraphs separated by blank lines. */
  about?: string;
  /** Front-matter `distribution`: "报：…", "抄送：…". */
  distribution: string[];
  /** Front-matter `colophon`: the rest of the editorial box, "主编：…", "编委会：…". */
  lines: string[];
}

export interface IssueDraft {
  masthead: Masthead;
  /** The cover headline. */
  title?: string;
  foreword: Block[];
  forewordComments: string[];
  /** The content sections in body order. */
  sections: SectionDraft[];
  colophon: ColophonDraft;
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
  /** Where the issue links its original PDF (relative to the issue file), when `linkPdf` was asked. */
  pdf?: string;
}

/** What an import needs of a publication the content folder has. */
export type ExistingPublication = Pick<PublicationFields, "name" | "sections">;

export interface ImportOptions {
  publicationSlug?: string;
  existingPublication?: ExistingPublication;
  /** Link the original file from the issue as `pdf: assets/<year>-<NN>.pdf` (the caller copies it there). */
  linkPdf?: boolean;
}
