/**
 * The content model: what an archive is once its files are read and checked.
 * Everything here is plain data, so templates, feeds, search and tests share one shape. What
 * the editor writes (publication.yaml, an issue's front-matter) is typed by its schema
 * (schema.ts); the model adds what the loader derives.
 */
import type { IssueFrontMatter, PublicationFields } from "./schema.ts";

export type { SectionDefinition } from "./schema.ts";

/** publication.yaml, with the name of its folder. */
export interface PublicationInfo extends PublicationFields {
  /** Folder name, ASCII, used in URLs. */
  slug: string;
}

export interface Publication extends PublicationInfo {
  url: string;
  /** Newest first. */
  issues: Issue[];
  /** Years that have issues, newest first. */
  years: number[];
}

/** An article as its issue file writes it. */
export interface ArticleText {
  /** Plain text of the `###` heading. */
  title: string;
  /** The 来源 line, without its label. */
  source?: string;
  /** Rendered HTML of the 编者按 blockquote, without its leading label. */
  editorNoteHtml?: string;
  editorNoteText?: string;
  /** Rendered HTML of the article's text (source and editor's note excluded). */
  html: string;
  /** Plain text of the article's text, for excerpts and search. */
  text: string;
  /** 1-based line of the `###` heading in the issue file. */
  line: number;
}

/** An article in its place: numbered through its issue, with its section and URL. */
export interface Article extends ArticleText {
  /** 1-based order through the issue. */
  n: number;
  sectionName: string;
  sectionSlug: string;
  /** Anchor of the article on the issue page. */
  anchor: string;
  url: string;
  publicationSlug: string;
  year: number;
  issueNumber: number;
  date: string;
}

export interface IssueSection {
  name: string;
  slug: string;
  anchor: string;
  introHtml: string;
  articles: Article[];
  line: number;
}

/**
 * The front-matter fields an issue carries as written: all but its number (`number`), its
 * sections (read from the body) and its PDF (a resolved URL, `pdfUrl`).
 */
type IssueFields = Omit<IssueFrontMatter, "issue" | "sections" | "pdf">;

export interface Issue extends IssueFields {
  publicationSlug: string;
  /** Absolute path of the Markdown file. */
  file: string;
  /** Path relative to the content folder, as shown in messages. */
  relativeFile: string;
  /** 1-based line of each front-matter key in the file, for messages. */
  fieldLines: Map<string, number>;
  year: number;
  /** 第N期: number within the year (the front-matter's `issue`). */
  number: number;
  /** Site URL (or external URL) of the original PDF. */
  pdfUrl?: string;
  forewordHtml: string;
  sections: IssueSection[];
  articles: Article[];
  url: string;
}

/** A local file an issue links to, copied into the site. */
export interface Asset {
  source: string;
  url: string;
}

export interface Archive {
  contentDir: string;
  publications: Publication[];
  /** Every issue of every publication, newest first. */
  issues: Issue[];
  assets: Asset[];
}
