/**
 * `bulletin import <file>`: turns a bulletin (the text of its PDF, or a Word file) into an issue
 * file of the content folder, registering the publication or its new sections when needed.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { PUBLICATION_FILE } from "../../content/archive.ts";
import { normaliseText, parseYaml } from "../../content/frontmatter.ts";
import { publicationFieldsSchema, SLUG } from "../../content/schema.ts";
import { addSectionsToYaml, type ExistingPublication, IMPORTABLE, ImportError, importBulletin, type ImportResult, renderPublicationYaml } from "../../importer/index.ts";
import { type Command, type CommandArgs, contentDirOption, DEFAULT_CONTENT_DIR, stringOption, UsageError } from "../command.ts";

const USAGE = `Usage: bulletin import <file> [--content DIR] [--publication SLUG] [--out FILE]

Turns a bulletin into an issue file: the text of its PDF (.txt, .md) or a Word file (.docx).
Writes <content>/<publication>/<year>/<NN>.md (NN: the issue number), and publication.yaml
for a publication the content folder does not have yet. An existing file is never overwritten.

What the importer had to guess is printed as "guess: …" and left in the issue file as an
<!-- import: … --> comment next to the place concerned: check each one, then delete it.

Options:
  --content DIR        the content folder (default: ${DEFAULT_CONTENT_DIR})
  --publication SLUG   the publication to import into (default: the one whose name the
                       masthead prints, else a new one with a slug derived from that name)
  --out FILE           write the issue file here instead; publication.yaml is left alone
  -h, --help           show this help`;

/** What an import needs of publication.yaml: the name and the registered sections. */
const registrySchema = publicationFieldsSchema.pick({ name: true, sections: true });

interface Registered {
  slug: string;
  file: string;
  text: string;
  publication: ExistingPublication;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

async function readRegistered(contentDir: string, slug: string): Promise<Registered | undefined> {
  const file = path.join(contentDir, slug, PUBLICATION_FILE);
  let text: string;
  try {
    text = normaliseText(await fs.readFile(file, "utf8"));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  const parsed = registrySchema.safeParse(parseYaml(text));
  if (!parsed.success) throw new ImportError(`${file} has no valid name and sections to import into; run bulletin check to see why`);
  return { slug, file, text, publication: parsed.data };
}

/** The publication of the content folder registered under `name`. */
async function findByName(contentDir: string, name: string): Promise<Registered | undefined> {
  const entries = await fs.readdir(contentDir, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  const folders = entries
    .filter((e) => e.isDirectory() && SLUG.test(e.name))
    .map((e) => e.name)
    .sort();
  for (const slug of folders) {
    const registered = await readRegistered(contentDir, slug).catch(() => undefined);
    if (registered?.publication.name === name) return registered;
  }
  return undefined;
}

const say = (stream: NodeJS.WriteStream, line: string) => stream.write(`${line}\n`);

async function writeNew(file: string, text: string): Promise<boolean> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, text, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Registers what the issue needs in publication.yaml; returns lines to report. */
async function register(result: ImportResult, registered: Registered | undefined, contentDir: string, out: string | undefined): Promise<string[]> {
  const { publication, addedSections } = result;
  if (out !== undefined) {
    if (registered && addedSections.length === 0) return [];
    const needed = registered ? `the sections ${addedSections.map((s) => s.name).join(", ")}` : `the publication ${publication.slug}`;
    return [`info: --out given, so publication.yaml was not changed; register ${needed} before building`];
  }
  if (!registered) {
    const file = path.join(contentDir, publication.slug, PUBLICATION_FILE);
    await writeNew(file, renderPublicationYaml(publication));
    return [`info: created ${file}`];
  }
  if (addedSections.length === 0) return [];
  await fs.writeFile(registered.file, addSectionsToYaml(registered.text, addedSections));
  return [`info: added ${addedSections.map((s) => s.name).join(", ")} to ${registered.file}`];
}

async function importFile(file: string, contentDir: string, slug: string | undefined, out: string | undefined): Promise<number> {
  const bytes = await fs.readFile(file).catch((error: unknown) => {
    throw isMissing(error) ? new ImportError(`${file}: no such file`) : error;
  });
  const input = { file, bytes };
  // The masthead names the publication; read it once to find the publication, then import into it.
  let result = await importBulletin(input, { publicationSlug: slug });
  const registered = slug ? await readRegistered(contentDir, slug) : await findByName(contentDir, result.publication.name);
  if (registered) result = await importBulletin(input, { publicationSlug: registered.slug, existingPublication: registered.publication });

  const target = out ?? path.join(contentDir, result.publication.slug, String(result.year), `${String(result.issue).padStart(2, "0")}.md`);
  if (!(await writeNew(target, result.markdown))) {
    say(process.stderr, `bulletin import: ${target} already exists; it was not overwritten`);
    return 1;
  }
  const registration = await register(result, registered, contentDir, out);
  for (const note of result.notes) say(process.stderr, `${note.kind}: ${note.message}`);
  for (const line of registration) say(process.stderr, line);
  say(process.stdout, target);
  return 0;
}

export const importCommand: Command = {
  name: "import",
  summary: "turn a bulletin (PDF text or Word file) into an issue file",
  usage: USAGE,
  options: {
    content: { type: "string" },
    publication: { type: "string" },
    out: { type: "string" },
  },
  async run(args: CommandArgs): Promise<number> {
    const [file, ...extra] = args.positionals;
    if (file === undefined || extra.length > 0) throw new UsageError("expected one file to import: bulletin import <file>");
    if (!IMPORTABLE.includes(path.extname(file).toLowerCase())) {
      throw new UsageError(`cannot import ${file}: expected the text of a PDF (.txt, .md) or a Word file (.docx)`);
    }
    const slug = stringOption(args, "publication");
    if (slug !== undefined && !SLUG.test(slug)) {
      throw new UsageError(`--publication ${slug}: expected a slug of lower-case ASCII letters, digits and '-', e.g. zsia`);
    }
    try {
      return await importFile(file, contentDirOption(args), slug, stringOption(args, "out"));
    } catch (error) {
      if (!(error instanceof ImportError) && !(error as NodeJS.ErrnoException).code) throw error;
      say(process.stderr, `bulletin import: ${(error as Error).message}`);
      return 1;
    }
  },
};
