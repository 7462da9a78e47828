/**
 * Typed schemas of `publication.yaml` and of an issue's front-matter (zod): the one definition
 * of their fields, from which their types are inferred (model.ts builds on them). Messages say
 * what was expected in words an editor uses. A new front-matter field is added here (and shown
 * by a template); the loader, the model and `bulletin new`'s writer follow.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { didYouMean } from "./closest.ts";
import type { Diagnostic } from "./diagnostics.ts";

/** Bulletins are dated where they are printed. */
export const BULLETIN_ZONE = "Asia/Shanghai";

/** A slug: lower-case ASCII letters and digits in words joined by '-', as URLs use them. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (what: string) =>
  z.string({ error: `expected ${what} as text` }).trim().min(1, { error: `expected ${what}, found an empty value` });

const positiveWhole = (what: string) =>
  z
    .number({ error: `expected ${what} as a whole number (1, 2, 3 …)` })
    .int({ error: `expected ${what} as a whole number, not a fraction` })
    .min(1, { error: `expected ${what} of 1 or more` });

/** Lines as printed (the colophon's), in a list; an empty one when the field is left out. */
const printedLines = (line: string, expected: string) =>
  z
    .array(text(line), { error: expected })
    .optional()
    .transform((given) => given ?? []);

export function isCalendarDate(value: string): boolean {
  return DateTime.fromISO(value, { zone: BULLETIN_ZONE }).isValid;
}

const isoDate = z
  .string({ error: "expected a date written YYYY-MM-DD, e.g. 2026-03-31" })
  // abort: a date written another way is one problem, not also "this day does not exist".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date written YYYY-MM-DD, e.g. 2026-03-31", abort: true })
  .refine(isCalendarDate, { error: "this day does not exist in the calendar" });

const sectionDefinitionSchema = z.object({
  name: text("a section name"),
  slug: z
    .string({ error: "expected a slug as text" })
    .regex(SLUG, { error: "expected a slug of lower-case ASCII letters, digits and '-', e.g. industry-news" }),
});

/** How to reach the publisher (the colophon's 地址, 邮编, 电话, 传真, E-mail, 网址), as printed. */
const contactSchema = z.strictObject(
  {
    address: text("the address (地址)").optional(),
    postcode: text("the postcode (邮编)").optional(),
    phone: text("the telephone number (电话)").optional(),
    fax: text("the fax number (传真)").optional(),
    email: text("the e-mail address (E-mail)").optional(),
    website: text("the web address (网址)").optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown contact field ${issue.keys.join(", ")}: expected address, postcode, phone, fax, email, website`
        : "expected contact details: address, postcode, phone, fax, email, website",
  },
);

/** The fields of `publication.yaml`, each on its own (publicationSchema also checks them against each other). */
export const publicationFieldsSchema = z.object({
  name: text("the publication's name"),
  publisher: text("the publisher"),
  frequency: text("the frequency (月刊, 周刊 …)"),
  description: text("a description"),
  /** Shown on the publication's and its issues' pages, never searched. */
  contact: contactSchema.optional(),
  /** The publisher's description of itself (关于我们): paragraphs separated by blank lines. */
  about: text("the publisher's description (关于我们)").optional(),
  sections: z
    .array(sectionDefinitionSchema, { error: "expected a list of sections, each { name, slug }" })
    .min(1, { error: "expected at least one section" }),
});

export const publicationSchema = publicationFieldsSchema.superRefine((publication, context) => {
  for (const key of ["name", "slug"] as const) {
    const seen = new Set<string>();
    publication.sections.forEach((section, index) => {
      if (seen.has(section[key])) {
        context.addIssue({ code: "custom", path: ["sections", index, key], message: `the section ${key} ${section[key]} is registered twice` });
      }
      seen.add(section[key]);
    });
  }
});

export const issueFrontMatterSchema = z.object({
  /** 第N期: number within the year. */
  issue: positiveWhole("the issue number 第N期"),
  /** 总第M期: number through the publication's life. */
  cumulative: positiveWhole("the cumulative number 总第M期").optional(),
  /** YYYY-MM-DD, the date printed on the issue (Asia/Shanghai). */
  date: isoDate,
  sections: z
    .array(text("a section name"), { error: "expected the list of this issue's section names, e.g. [本月聚焦, 产业动态]" })
    .min(1, { error: "expected at least one section" }),
  title: text("the issue's headline").optional(),
  editors: z
    .union([text("an editor's name"), z.array(text("an editor's name"))], { error: "expected a name or a list of names" })
    .optional()
    // One name or several, as the editor wrote it; always a list once read.
    .transform((editors) => (editors === undefined ? [] : [editors].flat())),
  pdf: text("a URL or a path to the original PDF").optional(),
  summary: text("a summary").optional(),
  /** Who the issue was sent to, as printed: 报：…, 抄送：…. */
  distribution: printedLines("a distribution line", "expected the distribution lines as a list, e.g. [报：省经信厅, 送：各会员单位]"),
  /** The rest of the editorial box, as printed: 主编：…, 编委会：…. */
  colophon: printedLines("a line of the editorial box", "expected the editorial box as a list of lines, e.g. [主编：某某研究院, 编委会：张三、李四]"),
});

export type SectionDefinition = z.infer<typeof sectionDefinitionSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type PublicationFields = z.infer<typeof publicationSchema>;
/** An issue's front-matter once read. */
export type IssueFrontMatter = z.infer<typeof issueFrontMatterSchema>;
/** An issue's front-matter as written (frontmatter.ts writes it). */
export type IssueFrontMatterInput = z.input<typeof issueFrontMatterSchema>;

/** The front-matter's fields, in the order they are written. */
export const ISSUE_KEYS = Object.keys(issueFrontMatterSchema.shape) as (keyof IssueFrontMatterInput)[];
export const PUBLICATION_KEYS = Object.keys(publicationFieldsSchema.shape);

function fieldName(path: PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index ? "." : ""}${String(part)}`)).join("");
}

/**
 * Validates `data` against `schema`; problems become diagnostics placed on the line of the
 * top-level key they concern (or `fallbackLine`), unknown keys become warnings.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
  where: { file: string; keyLines: Map<string, number>; fallbackLine: number; knownKeys: string[] },
): { value?: T; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineOf = (key: PropertyKey | undefined) =>
    (typeof key === "string" && where.keyLines.get(key)) || where.fallbackLine;

  if (data && typeof data === "object" && !Array.isArray(data)) {
    for (const key of Object.keys(data)) {
      if (where.knownKeys.includes(key)) continue;
      diagnostics.push({
        severity: "warning",
        file: where.file,
        line: lineOf(key),
        field: key,
        message: `unknown field ${key} is ignored`,
        hint: didYouMean(key, where.knownKeys) ?? `known fields: ${where.knownKeys.join(", ")}`,
      });
    }
  }
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, diagnostics };
  const given = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  for (const problem of result.error.issues) {
    const missing = problem.path.length === 1 && given[String(problem.path[0])] === undefined;
    diagnostics.push({
      severity: "error",
      file: where.file,
      line: lineOf(problem.path[0]),
      field: fieldName(problem.path) || "front-matter",
      message: missing ? `missing required field: ${problem.message}` : problem.message,
    });
  }
  return { diagnostics };
}
