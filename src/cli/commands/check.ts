import { ContentError, type Diagnostic, errorsIn, formatDiagnostic, sortDiagnostics } from "../../content/diagnostics.ts";
import { loadSite } from "../../site/load-site.ts";
import { type Command, contentDirOption, DEFAULT_CONTENT_DIR, plural, UsageError } from "../command.ts";

/** Every problem `bulletin build` would find, errors and warnings, without writing anything. */
async function collectDiagnostics(contentDir: string): Promise<Diagnostic[]> {
  try {
    return (await loadSite(contentDir)).diagnostics;
  } catch (error) {
    if (error instanceof ContentError) return error.diagnostics;
    throw error;
  }
}

/** The report: one line per problem, top to bottom through the files, then the totals. */
function formatReport(contentDir: string, diagnostics: Diagnostic[]): string[] {
  const errors = errorsIn(diagnostics).length;
  const warnings = diagnostics.length - errors;
  const total = diagnostics.length ? `${plural(errors, "error")}, ${plural(warnings, "warning")}` : "no problems found";
  return [...sortDiagnostics(diagnostics).map(formatDiagnostic), `${contentDir}: ${total}.`];
}

export const checkCommand: Command = {
  name: "check",
  summary: "check every issue and report all problems, writing nothing",
  usage: `Usage: bulletin check [--content DIR]

Reads every publication and issue, checks them as bulletin build would, and reports every
problem at once, one line each:  file:line: error|warning [field]: message (hint)
Exits 1 when there is an error, 0 when there are only warnings or nothing to report.

Options:
  --content DIR  content folder (default: ${DEFAULT_CONTENT_DIR})
  -h, --help     show this help`,
  options: { content: { type: "string" } },
  async run(args) {
    if (args.positionals.length) throw new UsageError(`check takes no arguments, found ${args.positionals.join(" ")}`);
    const contentDir = contentDirOption(args);
    const diagnostics = await collectDiagnostics(contentDir);
    for (const line of formatReport(contentDir, diagnostics)) console.log(line);
    return errorsIn(diagnostics).length ? 1 : 0;
  },
};
