/**
 * Issue numbering: 第N期 restarts each year, 总第M期 runs through the publication's life.
 * Checks across issues, and how numbers and dates are written on a masthead.
 */
import { DateTime } from "luxon";
import type { Diagnostic } from "./diagnostics.ts";
import type { Issue } from "./model.ts";
import { BULLETIN_ZONE } from "./schema.ts";

/** A problem with one front-matter field of an issue, placed on that field's line. */
function fieldDiagnostic(issue: Issue, severity: Diagnostic["severity"], field: "issue" | "cumulative" | "date", message: string, hint: string): Diagnostic {
  return { severity, file: issue.relativeFile, line: issue.fieldLines.get(field) ?? 1, field, message, hint };
}

function duplicates(issues: Issue[], field: "issue" | "cumulative", key: (issue: Issue) => string | undefined, describe: (issue: Issue) => string): Diagnostic[] {
  const seen = new Map<string, Issue>();
  const found: Diagnostic[] = [];
  for (const issue of [...issues].sort((a, b) => a.relativeFile.localeCompare(b.relativeFile))) {
    const k = key(issue);
    if (k === undefined) continue;
    const first = seen.get(k);
    if (first) {
      found.push(fieldDiagnostic(issue, "error", field, `${describe(issue)} is also used by ${first.relativeFile}`, "each issue needs its own number"));
    } else {
      seen.set(k, issue);
    }
  }
  return found;
}

/** Problems between the issues of one publication. */
export function checkNumbering(issues: Issue[]): Diagnostic[] {
  const found = [
    ...duplicates(issues, "issue", (i) => `${i.year}/${i.number}`, (i) => `issue ${i.number} of ${i.year}`),
    ...duplicates(issues, "cumulative", (i) => (i.cumulative === undefined ? undefined : String(i.cumulative)), (i) => `cumulative ${i.cumulative}`),
  ];
  for (const issue of issues) {
    const dateYear = Number(issue.date.slice(0, 4));
    if (dateYear !== issue.year) {
      found.push(fieldDiagnostic(issue, "warning", "date", `the date ${issue.date} is in ${dateYear} but the file is in the folder ${issue.year}`, `move the file to the ${dateYear} folder, or correct the date`));
    }
  }
  const numbered = issues.filter((i) => i.cumulative !== undefined).sort((a, b) => a.cumulative! - b.cumulative!);
  for (let k = 1; k < numbered.length; k++) {
    const previous = numbered[k - 1].cumulative!;
    const current = numbered[k].cumulative!;
    if (current > previous + 1) {
      const missing = current - previous === 2 ? `${previous + 1}` : `${previous + 1}–${current - 1}`;
      found.push(fieldDiagnostic(numbered[k], "warning", "cumulative", `cumulative numbers jump from ${previous} to ${current}; 总第${missing}期 is missing`, "add the missing issues, or correct the number"));
    }
  }
  return found;
}

/** 2026-03-31 → 2026年3月31日 */
export function chineseDate(iso: string): string {
  const date = DateTime.fromISO(iso, { zone: BULLETIN_ZONE });
  return `${date.year}年${date.month}月${date.day}日`;
}

/** 2026-03-31 → March 31, 2026, for the English interface. */
export function englishDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: BULLETIN_ZONE }).setLocale("en").toLocaleString(DateTime.DATE_FULL);
}

/** 2026年第3期 · 总第180期 */
export function chineseIssueLabel(issue: Pick<Issue, "year" | "number" | "cumulative">): string {
  const own = `${issue.year}年第${issue.number}期`;
  return issue.cumulative ? `${own} · 总第${issue.cumulative}期` : own;
}

/** No. 3, 2026 · No. 180 overall */
export function englishIssueLabel(issue: Pick<Issue, "year" | "number" | "cumulative">): string {
  const own = `No. ${issue.number}, ${issue.year}`;
  return issue.cumulative ? `${own} · No. ${issue.cumulative} overall` : own;
}

/** The moment of an issue's date, midnight in Shanghai, as an ISO timestamp for feeds and sitemaps. */
export function issueTimestamp(iso: string): string {
  return DateTime.fromISO(iso, { zone: BULLETIN_ZONE }).toISO()!;
}
