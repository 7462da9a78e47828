/**
 * Problems found in content. Every message names the file, the line where there is one,
 * the field concerned and what was expected, so an editor can fix it without reading code.
 */

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the content folder. */
  file: string;
  /** 1-based line, when the problem has one. */
  line?: number;
  /** Front-matter key, YAML path or body element concerned, e.g. `date`, `sections[2]`, `## heading`. */
  field?: string;
  message: string;
  /** What would fix it, e.g. "did you mean 产业动态?". */
  hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}` : d.file;
  const field = d.field ? ` [${d.field}]` : "";
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${where}: ${d.severity}${field}: ${d.message}${hint}`;
}

export function errorsIn(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error");
}

/** Orders diagnostics by file, then line, so a report reads top to bottom. */
function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/** One line per problem, top to bottom through the files: the report `bulletin check` prints. */
export function formatDiagnostics(diagnostics: Diagnostic[]): string[] {
  return sortDiagnostics(diagnostics).map(formatDiagnostic);
}

/** Thrown when content has errors: carries every diagnostic, never a stack trace for the user. */
export class ContentError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = errorsIn(diagnostics);
    super(
      `${errors.length} error${errors.length === 1 ? "" : "s"} in content:\n` +
        formatDiagnostics(errors).join("\n"),
    );
    this.name = "ContentError";
  }
}
