/**
 * Reads and writes YAML: splits an issue file into front-matter and body with gray-matter,
 * parsing the YAML with the core schema so that `date: 2026-02-30` stays the text the editor
 * wrote (the default schema would silently turn it into 2 March); and writes front-matter and
 * publication.yaml (`bulletin new`, `bulletin import`) with the same schema, so what is written
 * reads back as it was meant.
 */
import matter from "gray-matter";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import type { Diagnostic } from "./diagnostics.ts";
import { ISSUE_KEYS, type IssueFrontMatterInput } from "./schema.ts";

interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** 1-based line of each top-level key. */
  keyLines: Map<string, number>;
}

const DELIMITER = /^---[ \t]*$/;

/** Removes a UTF-8 byte-order mark and turns CRLF/CR line ends into LF. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** Parses YAML text; an empty document is an empty set of fields. */
export function parseYaml(source: string): unknown {
  if (!source.trim()) return {};
  return load(source, { schema: CORE_SCHEMA });
}

/**
 * Describes a YAML error as a diagnostic at the right line of the file.
 * `firstLine` is the file line of the YAML's first line.
 */
export function yamlDiagnostic(error: unknown, file: string, firstLine: number): Diagnostic {
  const e = error as { reason?: string; mark?: { line?: number }; message?: string };
  const reason = e.reason ?? e.message ?? String(error);
  const line = typeof e.mark?.line === "number" ? firstLine + e.mark.line : firstLine;
  const hint = /tab/i.test(reason)
    ? "indent YAML with spaces, not tabs"
    : "check quotes, colons and indentation on this line or the one before";
  return { severity: "error", file, line, field: "front-matter", message: `YAML does not parse: ${reason}`, hint };
}

/** How YAML is written: as the loader reads it, lines never folded. */
const WRITING = { schema: CORE_SCHEMA, lineWidth: -1 };

/** A value on one line: plain where YAML allows it, quoted where it must be, lists in brackets. */
export const yamlInline = (value: unknown): string => dump(value, { ...WRITING, flowLevel: 0 }).trimEnd();

/** A YAML document: mappings and lists in blocks. */
export const formatYaml = (document: object): string => dump(document, WRITING);

/** Lists of lines as printed, written one item a line; the other lists (sections, editors) hold short names. */
const LINE_LISTS: ReadonlySet<keyof IssueFrontMatterInput> = new Set(["distribution", "colophon"]);

/**
 * An issue's front-matter with its two `---` lines: the fields given, in the schema's order,
 * one a line (lists in brackets, but lists of printed lines one item a line); empty ones left out.
 */
export function formatFrontMatter(fields: IssueFrontMatterInput): string {
  const written = ISSUE_KEYS.map((key) => {
    const value = fields[key];
    if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) return "";
    return dump({ [key]: value }, { ...WRITING, flowLevel: LINE_LISTS.has(key) ? -1 : 1 });
  });
  return `---\n${written.join("")}---\n`;
}

/** Maps each top-level key of a YAML block to its 1-based line in the file. */
export function topLevelKeyLines(yamlSource: string, firstLine: number): Map<string, number> {
  const lines = new Map<string, number>();
  yamlSource.split("\n").forEach((text, index) => {
    // Greedy up to the first colon, trimmed after: a lazy key followed by \s* backtracked over
    // every space of a long line, which took minutes on a line of a megabyte.
    const match = /^([^\s#:][^:]*):(\s|$)/.exec(text);
    const key = match?.[1].trimEnd();
    if (key && !lines.has(key)) lines.set(key, firstLine + index);
  });
  return lines;
}

export type FrontMatterResult = { ok: true; value: FrontMatter } | { ok: false; diagnostic: Diagnostic };

export function readFrontMatter(text: string, file: string): FrontMatterResult {
  const lines = text.split("\n");
  const fail = (line: number, message: string, hint: string): FrontMatterResult => ({
    ok: false,
    diagnostic: { severity: "error", file, line, field: "front-matter", message, hint },
  });
  if (!DELIMITER.test(lines[0] ?? "")) {
    return fail(1, "the file does not start with front-matter", "begin the file with a line '---', the issue's fields, and another '---'");
  }
  const close = lines.findIndex((line, index) => index > 0 && DELIMITER.test(line));
  if (close < 0) {
    return fail(1, "the front-matter is not closed", "add a line '---' after the last front-matter field");
  }
  const yamlSource = lines.slice(1, close).join("\n");
  let data: unknown;
  try {
    const parsed = matter(text, { engines: { yaml: (source: string) => parseYaml(source) as object } });
    data = parsed.data;
  } catch (error) {
    // gray-matter hands the YAML over starting with the newline after the opening '---'.
    return { ok: false, diagnostic: yamlDiagnostic(error, file, 1) };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return fail(2, "the front-matter is not a set of 'key: value' fields", "write one field per line, e.g. 'issue: 3'");
  }
  return {
    ok: true,
    value: {
      data: data as Record<string, unknown>,
      body: lines.slice(close + 1).join("\n"),
      bodyLine: close + 2,
      keyLines: topLevelKeyLines(yamlSource, 2),
    },
  };
}
