/**
 * Importing a bulletin: a PDF, its text (.txt, .md) or Word (.docx) in, an issue file in the
 * format of docs/content-format.md out, with the publication it belongs to and notes on what
 * was guessed.
 */
import path from "node:path";
import { decodeContent } from "../content/encoding.ts";
import { readDocxBulletin } from "./docx.ts";
import { renderIssue } from "./markdown.ts";
import { Notes } from "./notes.ts";
import { readPdfBulletin } from "./pdf/bulletin.ts";
import { resolvePublication } from "./publication.ts";
import { readTextBulletin } from "./text.ts";
import { ImportError, type ImportNote, type ImportOptions, type ImportResult, type IssueDraft, type SectionDraft, TEXT_SECTION } from "./types.ts";

export { addSectionsToYaml } from "./markdown.ts";
export { ImportError } from "./types.ts";
export type { ImportOptions, ImportResult } from "./types.ts";

/** File types the importer reads, by extension. */
export const IMPORTABLE = [".pdf", ".txt", ".md", ".docx"];

async function readBulletin(input: { file: string; bytes: Buffer }, notes: Notes): Promise<IssueDraft> {
  const extension = path.extname(input.file).toLowerCase();
  if (extension === ".pdf") return readPdfBulletin(input.file, input.bytes, notes);
  if (extension === ".docx") return readDocxBulletin(input.file, input.bytes, notes);
  if (extension !== ".txt" && extension !== ".md") {
    throw new ImportError(`${input.file}: cannot import ${extension || "a file without extension"}; import ${IMPORTABLE.join(", ")}`);
  }
  const decoded = decodeContent(input.bytes);
  if (!decoded.ok) throw new ImportError(`${input.file}: ${decoded.problem} (${decoded.hint})`);
  return readTextBulletin(decoded.text, notes);
}

/**
 * Text that belongs to no article stays at the top of the issue, as its foreword. When not one
 * article was found, that is the whole text: it goes into a section of its own, since an issue
 * needs a section, for the editor to cut into articles.
 */
function placeUnfiledText(draft: IssueDraft, file: string, notes: Notes): void {
  const paragraphs = draft.foreword.length;
  if (draft.sections.length > 0) {
    if (paragraphs > 0) notes.guess(`${paragraphs} paragraph(s) that belong to no article were kept as the issue's foreword`, { comments: draft.forewordComments });
    return;
  }
  if (paragraphs === 0) throw new ImportError(`${file}: no text was found besides the masthead`);
  const section: SectionDraft = { name: TEXT_SECTION, intro: draft.foreword, articles: [], comments: [] };
  notes.guess(`no article was found, so the whole text is kept in the section ${TEXT_SECTION}: cut it into articles with ### titles`, section);
  draft.foreword = [];
  draft.sections.unshift(section);
}

/**
 * A bulletin read but not yet placed in a publication: what reading the file found, which is
 * the slow part (a PDF's layout). `placeBulletin` turns it into an issue file for a publication,
 * as many times as needed (a batch places each issue after the ones before it registered their
 * sections).
 */
export interface ReadBulletin {
  file: string;
  draft: IssueDraft;
  notes: ImportNote[];
  /** The masthead's numbers, checked. */
  name?: string;
  issue: number;
  date: string;
  year: number;
}

export async function readBulletinFile(input: { file: string; bytes: Buffer }): Promise<ReadBulletin> {
  const notes = new Notes();
  const draft = await readBulletin(input, notes);
  const { masthead } = draft;
  const { date } = masthead;
  // A bulletin numbered only through its run (总第47期) is numbered so in its year too, for the editor to check.
  const issue = masthead.issue ?? (masthead.onlyCumulative ? masthead.cumulative : undefined);
  if (issue === undefined) throw new ImportError(`${input.file}: no issue number (第N期) found in the masthead`);
  if (date === undefined) throw new ImportError(`${input.file}: no date (2026年3月31日) found in the masthead`);
  const atTop = { comments: draft.forewordComments };
  if (masthead.onlyCumulative) {
    notes.guess(`the masthead prints only 总第${masthead.cumulative}期: the issue is numbered ${issue} within its year too; correct issue: if the year counts its own`, atTop);
  }
  if (masthead.monthOnly) notes.guess(`the masthead dates the issue ${masthead.monthOnly}, without a day: it is dated the first of that month`, atTop);
  placeUnfiledText(draft, input.file, notes);
  return { file: input.file, draft, notes: notes.list, name: masthead.name, issue, date, year: masthead.year ?? Number(date.slice(0, 4)) };
}

/** The issue file of a bulletin read, for the publication `options` name (or a new one). */
export function placeBulletin(read: ReadBulletin, options: ImportOptions = {}): ImportResult {
  // Placing notes its guesses in the draft: each placing starts from a copy.
  const draft = structuredClone(read.draft);
  const notes = new Notes();
  notes.list.push(...read.notes);
  const { masthead } = draft;
  const { issue, date, year } = read;
  const name = read.name ?? options.existingPublication?.name;
  if (name === undefined) throw new ImportError(`${read.file}: no publication name found above the issue number; name the publication with --publication`);
  const { publication, sections, sectionNames, added } = resolvePublication({ ...masthead, name, issue, date }, draft.sections, draft.colophon, options, notes);
  const pdf = options.linkPdf ? `assets/${year}-${String(issue).padStart(2, "0")}.pdf` : undefined;
  const { distribution, lines } = draft.colophon;
  const markdown = renderIssue(
    { issue, cumulative: masthead.cumulative, date, sections: sectionNames, title: draft.title, editors: masthead.editors, distribution, colophon: lines, pdf },
    { ...draft, sections },
  );
  return { markdown, year, issue, publication, addedSections: added, notes: notes.list, pdf };
}

export async function importBulletin(input: { file: string; bytes: Buffer }, options: ImportOptions = {}): Promise<ImportResult> {
  return placeBulletin(await readBulletinFile(input), options);
}
