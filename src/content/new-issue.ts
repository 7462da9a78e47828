/**
 * The next issue of a publication, as the file an editor starts from (`bulletin new`): its
 * numbers follow on from the archive, and every registered section is there as an empty
 * heading, to fill in or delete.
 */
import { DateTime } from "luxon";
import { formatFrontMatter } from "./frontmatter.ts";
import type { Publication } from "./model.ts";
import { BULLETIN_ZONE } from "./schema.ts";

export interface NextIssue {
  year: number;
  /** 第N期: one more than the year's last issue, 1 in a new year. */
  number: number;
  /** 总第M期: one more than the publication's highest, when the publication uses these numbers. */
  cumulative?: number;
  date: string;
  /** Path of the new file relative to the content folder, e.g. `zsia/2026/04.md`. */
  relativePath: string;
  text: string;
}

// A Markdown link reference definition renders as nothing, so the hint never reaches the site
// even if it is left in (an HTML comment would: content HTML is escaped and shown as text).
const ARTICLE_HINT = "[//]: # (每篇文章写成“### 文章标题”，下一段“来源：……”，然后是正文。本期没有文章的栏目，请从 sections 和正文中一并删去。)";

/** Today's date where bulletins are printed, YYYY-MM-DD. */
export function bulletinToday(now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(BULLETIN_ZONE).toISODate()!;
}

/** `date` is a valid YYYY-MM-DD. */
export function nextIssue(publication: Publication, date: string): NextIssue {
  const year = Number(date.slice(0, 4));
  const numbers = publication.issues.filter((issue) => issue.year === year).map((issue) => issue.number);
  const cumulatives = publication.issues.flatMap((issue) => (issue.cumulative === undefined ? [] : [issue.cumulative]));
  const number = Math.max(0, ...numbers) + 1;
  const cumulative = cumulatives.length ? Math.max(...cumulatives) + 1 : undefined;
  const sections = publication.sections.map((section) => section.name);

  const frontMatter = formatFrontMatter({ issue: number, cumulative, date, sections });
  const body = sections.map((name) => `## ${name}\n`).join("\n");
  return {
    year,
    number,
    cumulative,
    date,
    relativePath: `${publication.slug}/${year}/${String(number).padStart(2, "0")}.md`,
    text: `${frontMatter}\n${ARTICLE_HINT}\n\n${body}`,
  };
}
