/**
 * The content model: what an archive is once its files are read and checked.
 * Everything here is plain data, so templates, feeds, search and tests share one shape.
 */

export interface SectionDefinition {
  name: string;
  slug: string;
}

export interface PublicationInfo {
  /** Folder name, ASCII, used in URLs. */
  slug: string;
  name: string;
  publisher: string;
  frequency: string;
  description: string;
  /** How to reach the publisher; shown on the publication's and its issues' pages, never searched. */
  contact?: Contact;
  /** The publisher's description of itself (关于我们): paragraphs separated by blank lines. */
  about?: string;
  sections: SectionDefinition[];
}

export interface Contact {
  address?: string;
  postcode?: string;
  phone?: string;
  fax?: string;
  email?: string;
  website?: string;
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

export interface Issue {
  publicationSlug: string;
  /** Absolute path of the Markdown file. */
  file: string;
  /** Path relative to the content folder, as shown in messages. */
  relativeFile: string;
  /** 1-based line of each front-matter key in the file, for messages. */
  fieldLines: Map<string, number>;
  year: number;
  /** 第N期: number within the year. */
  number: number;
  /** 总第M期. */
  cumulative?: number;
  /** YYYY-MM-DD, the date printed on the issue (Asia/Shanghai). */
  date: string;
  title?: string;
  editors: string[];
  /** Who the issue was sent to, as printed: "报：…", "抄送：…". */
  distribution: string[];
  /** The rest of the editorial box, as printed: "主编：…", "编委会：…". */
  colophon: string[];
  /** Site URL (or external URL) of the original PDF. */
  pdfUrl?: string;
  summary?: string;
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
