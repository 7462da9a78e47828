/**
 * `bulletin import <files or folders…>`: turns bulletins (PDFs, the text of PDFs, Word files)
 * into issue files of the content folder, registering their publications and new sections
 * (src/importer/batch.ts). One line per file says what became of it; progress shows on a
 * terminal; the exit code is 1 when any file failed.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SLUG } from "../../content/schema.ts";
import { importFiles, type Outcome, readRegistered } from "../../importer/batch.ts";
import { collectInputs, exists, writeAtomically } from "../../importer/files.ts";
import { IMPORTABLE, ImportError, importBulletin } from "../../importer/index.ts";
import { type Command, type CommandArgs, contentDirOption, DEFAULT_CONTENT_DIR, stringOption, UsageError } from "../command.ts";

const USAGE = `Usage: bulletin import <file or folder>… [--content DIR] [--publication SLUG] [--force] [--out FILE]

Turns bulletins into issue files: PDFs (.pdf), the text of PDFs (.txt, .md) and Word files
(.docx), given one by one or as folders (searched through, subfolders too). Writes
<content>/<publication>/<year>/<NN>.md (NN: the issue number) for each, copies an original
PDF to <publication>/<year>/assets/ and links it from the issue, and writes publication.yaml
for a publication the content folder does not have yet. Issues go to the publication their
masthead names, whatever order the files come in. An issue file that exists is skipped.

Each file gets one line: created, skipped (it exists) or failed (and why). What the importer
had to guess is left in the issue file as an <!-- import: … --> comment next to the place
concerned (and printed, for a single file): check each one, then delete it.

Options:
  --content DIR        the content folder (default: ${DEFAULT_CONTENT_DIR})
  --publication SLUG   import into this publication (default: the one whose name the
                       masthead prints, else a new one with a slug derived from its web
                       address or the pinyin of its name)
  --force              replace issue files that exist
  --out FILE           with one file: write the issue file here instead, nothing else
  -h, --help           show this help`;

const say = (stream: NodeJS.WriteStream, line: string) => stream.write(`${line}\n`);

/** One line per file, as `bulletin import` prints it. */
function summary(outcome: Outcome): string {
  switch (outcome.status) {
    case "created":
    case "replaced": {
      const guesses = outcome.notes.filter((n) => n.kind === "guess").length;
      return `${outcome.status} ${outcome.target}  ← ${outcome.file} (${outcome.issue}${guesses ? `; ${guesses} guess${guesses > 1 ? "es" : ""} to check` : ""})`;
    }
    case "skipped":
      return `skipped ${outcome.file}: ${outcome.reason}`;
    case "failed":
      return `failed ${outcome.file}: ${outcome.reason}`;
  }
}

/** `--out FILE`: one bulletin, its issue file alone. */
async function importToFile(file: string, out: string, contentDir: string, slug: string | undefined, force: boolean): Promise<number> {
  const registered = slug ? await readRegistered(contentDir, slug) : undefined;
  const result = await importBulletin({ file, bytes: await readFile(file) }, { publicationSlug: slug, existingPublication: registered?.publication });
  if (!force && (await exists(out))) {
    say(process.stdout, `skipped ${file}: ${out} exists (--force replaces it)`);
    return 0;
  }
  await writeAtomically(out, result.markdown);
  for (const note of result.notes) say(process.stderr, `${note.kind}: ${note.message}`);
  say(process.stderr, `info: --out given, so publication.yaml was not changed and the original was not copied`);
  say(process.stdout, `created ${out}  ← ${file}`);
  return 0;
}

export const importCommand: Command = {
  name: "import",
  summary: "turn bulletins (PDFs, their text, Word files; files or folders) into issue files",
  usage: USAGE,
  options: {
    content: { type: "string" },
    publication: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
  },
  async run(args: CommandArgs): Promise<number> {
    const paths = args.positionals;
    if (paths.length === 0) throw new UsageError("expected files or folders to import: bulletin import <file or folder>…");
    const slug = stringOption(args, "publication");
    if (slug !== undefined && !SLUG.test(slug)) {
      throw new UsageError(`--publication ${slug}: expected a slug of lower-case ASCII letters, digits and '-', e.g. zsia`);
    }
    const contentDir = contentDirOption(args);
    const force = args.values.force === true;
    const out = stringOption(args, "out");

    const { files, problems } = await collectInputs(paths, IMPORTABLE);
    for (const problem of problems) say(process.stdout, `${problem.skipped ? "skipped" : "failed"} ${problem.file}: ${problem.message}`);
    try {
      if (out !== undefined) {
        if (files.length !== 1 || paths.length !== 1) throw new UsageError("--out takes one file to import");
        return await importToFile(files[0], out, contentDir, slug, force);
      }
      const tty = process.stderr.isTTY === true;
      const progress = (done: number, total: number, file: string) => {
        if (tty) process.stderr.write(`\r\x1b[K[${Math.min(done + 1, total)}/${total}] ${path.basename(file)}`);
      };
      const report = await importFiles(files, { contentDir, publicationSlug: slug, force }, progress);
      if (tty) process.stderr.write("\r\x1b[K");
      for (const outcome of report.outcomes) say(process.stdout, summary(outcome));
      // A single bulletin's notes in full; a batch's are in its files, as comments.
      if (report.outcomes.length === 1 && report.outcomes[0].status !== "failed" && report.outcomes[0].status !== "skipped") {
        for (const note of report.outcomes[0].notes) say(process.stderr, `${note.kind}: ${note.message}`);
      }
      for (const line of report.registrations) say(process.stderr, `info: ${line}`);
      const failed = problems.filter((p) => !p.skipped).length + report.outcomes.filter((o) => o.status === "failed").length;
      if (files.length + problems.length > 1) {
        const count = (status: Outcome["status"]) => report.outcomes.filter((o) => o.status === status).length;
        const skipped = count("skipped") + problems.filter((p) => p.skipped).length;
        say(process.stderr, `${count("created") + count("replaced")} imported, ${skipped} skipped, ${failed} failed`);
      }
      return failed > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if (!(error instanceof ImportError) && !(error as NodeJS.ErrnoException).code) throw error;
      say(process.stderr, `bulletin import: ${(error as Error).message}`);
      return 1;
    }
  },
};
