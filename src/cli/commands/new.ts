import { promises as fs } from "node:fs";
import path from "node:path";
import { loadArchive } from "../../content/archive.ts";
import { errorsIn, formatDiagnostic, sortDiagnostics } from "../../content/diagnostics.ts";
import { bulletinToday, nextIssue } from "../../content/new-issue.ts";
import { chineseIssueLabel } from "../../content/numbering.ts";
import { isCalendarDate } from "../../content/schema.ts";
import { type Command, contentDirOption, DEFAULT_CONTENT_DIR, stringOption, UsageError } from "../command.ts";

function parseDate(value: string | undefined): string {
  if (value === undefined) return bulletinToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value)) {
    throw new UsageError(`--date expects a day written YYYY-MM-DD, e.g. 2026-03-31, found ${value}`);
  }
  return value;
}

export const newCommand: Command = {
  name: "new",
  summary: "start the next issue of a publication",
  usage: `Usage: bulletin new <publication> [--date YYYY-MM-DD] [--content DIR]

Creates the file of the publication's next issue, <content>/<publication>/<year>/<NN>.md:
第N期 follows the year's last issue (1 in a new year), 总第M期 follows the highest so far
(left out if the publication has none), and every registered section has an empty heading.
Never overwrites a file.

Options:
  --date YYYY-MM-DD  the issue's date (default: today in Beijing time)
  --content DIR      content folder (default: ${DEFAULT_CONTENT_DIR})
  -h, --help         show this help`,
  options: {
    date: { type: "string" },
    content: { type: "string" },
  },
  async run(args) {
    if (args.positionals.length !== 1) {
      throw new UsageError(`new needs exactly one publication, e.g. bulletin new zsia${args.positionals.length ? `; found ${args.positionals.join(" ")}` : ""}`);
    }
    const [slug] = args.positionals;
    const date = parseDate(stringOption(args, "date"));
    const contentDir = contentDirOption(args);

    const { archive, diagnostics } = await loadArchive(contentDir);
    // An issue with errors is left out of the archive, so its numbers would be missed.
    const errors = errorsIn(diagnostics).filter((d) => d.file.startsWith(`${slug}/`));
    if (errors.length) {
      for (const error of sortDiagnostics(errors)) console.error(formatDiagnostic(error));
      console.error(`bulletin: ${slug} has errors (above); fix them first, so that the new issue's numbers are right`);
      return 1;
    }
    const publication = archive.publications.find((p) => p.slug === slug);
    if (!publication) {
      const known = archive.publications.map((p) => p.slug).join(", ") || "none";
      throw new UsageError(`unknown publication ${slug}; the publications in ${contentDir} are: ${known}`);
    }

    const issue = nextIssue(publication, date);
    const file = path.join(contentDir, issue.relativePath);
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await fs.writeFile(file, issue.text, { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`${file} already exists; it was left as it is`, { cause: error });
      throw error;
    }
    console.log(`Created ${file}: ${publication.name} ${chineseIssueLabel(issue)}, ${date}.`);
    console.log("Write the articles under the section headings, then run bulletin check.");
    return 0;
  },
};
