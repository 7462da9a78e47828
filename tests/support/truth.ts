/**
 * How close an import comes to a fixture's truth (expected.json): sections, articles, sources,
 * editor's notes and tables recovered, and the masthead and colophon fields that differ, for
 * the layout tests (importer-pdf.test.ts).
 */
import type { ParsedIssue } from "../../src/content/issue-parser.ts";
import type { ImportResult } from "../../src/importer/index.ts";
import type { Truth } from "./bulletin-pdfs.ts";

/** Found of expected. */
interface Tally {
  found: number;
  expected: number;
}

export interface Comparison {
  sections: Tally;
  articles: Tally;
  sources: Tally;
  notes: Tally;
  tables: Tally;
  /** What differs, one line each. */
  differences: string[];
}

/** Text compared without spacing, full-width forms folded. */
const squash = (text: string | null | undefined) => (text ?? "").normalize("NFKC").replace(/\s+/g, "");

export function compareWithTruth(result: ImportResult, issue: ParsedIssue, truth: Truth): Comparison {
  const differences: string[] = [];
  const differ = (what: string, got: string | number | null | undefined, expected: string | number | null | undefined) => {
    if (squash(String(got ?? "")) !== squash(String(expected ?? ""))) differences.push(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  };
  const fm = issue.frontMatter;
  differ("name", result.publication.name, truth.masthead.name);
  differ("issue", fm.issue, truth.masthead.issue ?? truth.masthead.cumulative);
  differ("cumulative", fm.cumulative, truth.masthead.cumulative);
  differ("date", fm.date, truth.masthead.date);
  differ("publisher", result.publication.publisher, truth.masthead.publisher);

  const sectionless = truth.sections.length === 1 && truth.sections[0].name === null;
  const sections = { found: 0, expected: sectionless ? 0 : truth.sections.length };
  const articles = { found: 0, expected: 0 };
  const sources = { found: 0, expected: 0 };
  const notes = { found: 0, expected: 0 };
  const imported = issue.sections.flatMap((section) => section.articles.map((article) => ({ section: section.name, article })));
  for (const section of truth.sections) {
    if (section.name !== null) {
      if (issue.sections.some((s) => squash(s.name) === squash(section.name))) sections.found++;
      else differences.push(`section ${section.name} not found`);
    }
    for (const expected of section.articles) {
      articles.expected++;
      if (expected.source !== null) sources.expected++;
      if (expected.editorNote) notes.expected++;
      const match = imported.find(({ article }) => squash(article.title) === squash(expected.title));
      if (!match) {
        differences.push(`article ${expected.title} not found`);
        continue;
      }
      if (section.name !== null && squash(match.section) !== squash(section.name)) {
        differences.push(`article ${expected.title} filed under ${match.section}, expected ${section.name}`);
      } else {
        articles.found++;
      }
      if (expected.source !== null && squash(match.article.source) === squash(expected.source)) sources.found++;
      else if (squash(match.article.source) !== squash(expected.source))
        differences.push(`source of ${expected.title}: got ${JSON.stringify(match.article.source ?? null)}, expected ${JSON.stringify(expected.source)}`);
      const hasNote = match.article.editorNoteHtml !== undefined;
      if (expected.editorNote && hasNote) notes.found++;
      else if (expected.editorNote !== hasNote) differences.push(`editor's note of ${expected.title}: got ${hasNote}, expected ${expected.editorNote}`);
    }
  }
  const foreword = squash(issue.forewordHtml.replace(/<[^>]+>/g, ""));
  const inForeword = truth.sections.flatMap((s) => s.articles).filter((a) => foreword.includes(squash(a.title)));
  if (inForeword.length > 0) differences.push(`${inForeword.length} title(s) left in the foreword: a table of contents not recognised`);
  const extra = imported.filter(({ article }) => !truth.sections.some((s) => s.articles.some((a) => squash(a.title) === squash(article.title))));
  for (const { article } of extra) differences.push(`extra article ${article.title}`);

  const tables = { found: (result.markdown.match(/^\| ?--- ?\|/gm) ?? []).length, expected: truth.tables };
  if (tables.found !== tables.expected) differences.push(`tables: ${tables.found} of ${tables.expected}`);

  const contact = result.publication.contact ?? {};
  for (const field of ["address", "phone", "email", "website"] as const) differ(`contact.${field}`, contact[field] ?? null, truth.colophon[field]);
  differ("about", result.publication.about ?? null, truth.colophon.about);
  differ("editors", fm.editors.join("、"), truth.colophon.editors.join("、"));
  differ("distribution", fm.distribution.join("\n"), truth.colophon.distribution.join("\n"));
  return { sections, articles, sources, notes, tables, differences };
}
