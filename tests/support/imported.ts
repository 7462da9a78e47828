/** An import read back with the project's issue parser, and what tests look for in it. */
import type { Diagnostic } from "../../src/content/diagnostics.ts";
import { type ParsedIssue, parseIssue } from "../../src/content/issue-parser.ts";
import { type ImportOptions, type ImportResult, importBulletin } from "../../src/importer/index.ts";

export interface Imported {
  result: ImportResult;
  issue: ParsedIssue;
  diagnostics: Diagnostic[];
}

/** Imports a bulletin and reads the Markdown back with the project's issue parser. */
export async function importAndParse(file: string, bytes: Buffer, options?: ImportOptions): Promise<Imported> {
  const result = await importBulletin({ file, bytes }, options);
  const { issue, diagnostics } = parseIssue(result.markdown, { file, registry: result.publication.sections });
  return { result, issue: issue!, diagnostics };
}

export const titlesBySection = (issue: ParsedIssue) => issue.sections.map((s) => [s.name, s.articles.map((a) => a.title)]);

export const articlesOf = (issue: ParsedIssue) => issue.sections.flatMap((s) => s.articles);

/** The article whose title contains `title`. */
export function article(issue: ParsedIssue, title: string) {
  const found = articlesOf(issue).find((a) => a.title.includes(title));
  if (!found) throw new Error(`no article titled …${title}…`);
  return found;
}

export const guesses = (result: ImportResult) => result.notes.filter((n) => n.kind === "guess").map((n) => n.message);
