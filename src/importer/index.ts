/**
 * Importing a bulletin: PDF text (.txt, .md) or Word (.docx) in, an issue file in the format of
 * docs/content-format.md out, with the publication it belongs to and notes on what was guessed.
 */
import path from "node:path";
import { decodeContent } from "../content/encoding.ts";
import { readDocxBulletin } from "./docx.ts";
import { renderIssue } from "./markdown.ts";
import { Notes } from "./notes.ts";
import { resolvePublication } from "./publication.ts";
import { readTextBulletin } from "./text.ts";
import { ImportError, type ImportOptions, type ImportResult, type IssueDraft } from "./types.ts";

export { addSectionsToYaml, renderPublicationYaml } from "./markdown.ts";
export { ImportError } from "./types.ts";
export type { ExistingPublication, ImportNote, ImportOptions, ImportResult, PublicationDraft } from "./types.ts";

/** File types the importer reads, by extension. */
export const IMPORTABLE = [".txt", ".md", ".docx"];

async function readBulletin(input: { file: string; bytes: Buffer }, notes: Notes): Promise<IssueDraft> {
  const extension = path.extname(input.file).toLowerCase();
  if (extension === ".docx") return readDocxBulletin(input.bytes, notes);
  if (extension !== ".txt" && extension !== ".md") {
    throw new ImportError(`${input.file}: cannot import ${extension || "a file without extension"}; import ${IMPORTABLE.join(", ")}`);
  }
  const decoded = decodeContent(input.bytes);
  if (!decoded.ok) throw new ImportError(`${input.file}: ${decoded.problem} (${decoded.hint})`);
  return readTextBulletin(decoded.text, notes);
}

export async function importBulletin(input: { file: string; bytes: Buffer }, options: ImportOptions = {}): Promise<ImportResult> {
  const notes = new Notes();
  const draft = await readBulletin(input, notes);
  const { masthead } = draft;
  const name = masthead.name ?? options.existingPublication?.name;
  const { issue, date } = masthead;
  if (issue === undefined) throw new ImportError(`${input.file}: no issue number (第N期) found in the masthead`);
  if (date === undefined) throw new ImportError(`${input.file}: no date (2026年3月31日) found in the masthead`);
  if (name === undefined) throw new ImportError(`${input.file}: no publication name found above the issue number; name the publication with --publication`);

  const { publication, sectionNames, added } = resolvePublication({ ...masthead, name, issue, date }, draft.sections, options, notes);
  const markdown = renderIssue(
    { issue, cumulative: masthead.cumulative, date, sections: sectionNames, title: draft.title, editors: masthead.editors },
    draft,
  );
  return { markdown, year: masthead.year ?? Number(date.slice(0, 4)), issue, publication, addedSections: added, notes: notes.list };
}
