/**
 * Importing many bulletins at once, into a content folder: every file is read first (its
 * masthead names its publication), the issues are grouped by publication and placed oldest
 * first, so that each publication is registered once and its sections grow in the order its
 * issues came out, whatever order the files were given in. Then publication.yaml, the original
 * PDFs (into <publication>/<year>/assets/) and the issue files are written, each atomically.
 * An issue file that exists is left alone unless `force`; two files for one issue: the second
 * fails, naming the first.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { PUBLICATION_FILE } from "../content/archive.ts";
import { normaliseText, parseYaml } from "../content/frontmatter.ts";
import { type PublicationFields, publicationFieldsSchema, SLUG } from "../content/schema.ts";
import { exists, writeAtomically } from "./files.ts";
import { type ReadBulletin, placeBulletin, readBulletinFile } from "./index.ts";
import { addSectionsToYaml, colophonYaml, renderPublicationYaml } from "./markdown.ts";
import { ImportError, type ExistingPublication, type ImportNote, type ImportResult, type PublicationDraft } from "./types.ts";

export interface BatchOptions {
  contentDir: string;
  /** Import every file into this publication. */
  publicationSlug?: string;
  /** Replace issue files that exist. */
  force?: boolean;
}

export type Outcome =
  | { file: string; status: "created" | "replaced"; target: string; issue: string; notes: ImportNote[] }
  | { file: string; status: "skipped"; target: string; reason: string }
  | { file: string; status: "failed"; reason: string };

export interface BatchReport {
  outcomes: Outcome[];
  /** What was done to publication.yaml files, one line each. */
  registrations: string[];
}

/** Reading one file; `done` of `total` files read so far. */
export type OnProgress = (done: number, total: number, file: string) => void;

/** What an import needs of publication.yaml: the name, the registered sections, the colophon's fields. */
const registrySchema = publicationFieldsSchema.pick({ name: true, sections: true, contact: true, about: true });

interface Registered {
  slug: string;
  file: string;
  text: string;
  publication: Pick<PublicationFields, "name" | "sections" | "contact" | "about">;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

export async function readRegistered(contentDir: string, slug: string): Promise<Registered | undefined> {
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

/** The publications of the content folder, by name. */
async function registeredByName(contentDir: string): Promise<Map<string, Registered>> {
  const entries = await fs.readdir(contentDir, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  const byName = new Map<string, Registered>();
  for (const entry of entries.filter((e) => e.isDirectory() && SLUG.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    const registered = await readRegistered(contentDir, entry.name).catch(() => undefined);
    if (registered && !byName.has(registered.publication.name)) byName.set(registered.publication.name, registered);
  }
  return byName;
}

/** Runs `work` on every item, at most `limit` at a time (the PDF readers are two worker threads). */
async function eachLimited<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  });
  await Promise.all(runners);
}

const reasonOf = (error: unknown, file: string) => {
  if (error instanceof ImportError) return error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return `${(error as Error).message}`;
  throw error;
};

interface Placed {
  read: ReadBulletin;
  result: ImportResult;
  target: string;
}

export async function importFiles(files: string[], options: BatchOptions, onProgress?: OnProgress): Promise<BatchReport> {
  const outcomes = new Map<string, Outcome>();
  const registrations: string[] = [];
  const reads: ReadBulletin[] = [];
  let done = 0;
  await eachLimited(files, 2, async (file) => {
    onProgress?.(done, files.length, file);
    try {
      reads.push(await readBulletinFile({ file, bytes: await fs.readFile(file) }));
    } catch (error) {
      outcomes.set(file, { file, status: "failed", reason: reasonOf(error, file) });
    }
    onProgress?.(++done, files.length, file);
  });

  // Publications: the one asked for, or the one registered under the masthead's name, or a new one.
  const registered = options.publicationSlug ? undefined : await registeredByName(options.contentDir);
  const asked = options.publicationSlug ? await readRegistered(options.contentDir, options.publicationSlug) : undefined;
  const groups = new Map<string, { registered?: Registered; derived: boolean; reads: ReadBulletin[] }>();
  for (const read of reads) {
    let slug: string;
    let home: Registered | undefined;
    try {
      home = asked ?? (read.name ? registered?.get(read.name) : undefined);
      slug = options.publicationSlug ?? home?.slug ?? placeBulletin(read).publication.slug;
    } catch (error) {
      outcomes.set(read.file, { file: read.file, status: "failed", reason: reasonOf(error, read.file) });
      continue;
    }
    const group = groups.get(slug) ?? { registered: home, derived: !options.publicationSlug && !home, reads: [] };
    group.reads.push(read);
    groups.set(slug, group);
  }

  for (const [slug, group] of groups) {
    // Oldest first: sections are registered in the order the issues came out.
    group.reads.sort((a, b) => a.date.localeCompare(b.date) || a.issue - b.issue || a.file.localeCompare(b.file));
    let existing: ExistingPublication | undefined = group.registered?.publication;
    let draft: PublicationDraft | undefined;
    const placed: Placed[] = [];
    const targets = new Map<string, string>();
    for (const read of group.reads) {
      let result: ImportResult;
      try {
        // The first issue of a new publication derives its slug (and says how); the others take it.
        const publicationSlug = group.derived && placed.length === 0 ? undefined : slug;
        result = placeBulletin(read, { publicationSlug, existingPublication: existing, linkPdf: path.extname(read.file).toLowerCase() === ".pdf" });
      } catch (error) {
        outcomes.set(read.file, { file: read.file, status: "failed", reason: reasonOf(error, read.file) });
        continue;
      }
      const target = path.join(options.contentDir, slug, String(result.year), `${String(result.issue).padStart(2, "0")}.md`);
      const first = targets.get(target);
      if (first !== undefined) {
        outcomes.set(read.file, { file: read.file, status: "failed", reason: `the same issue (${slug} ${result.year} 第${result.issue}期) as ${first}, imported already` });
        continue;
      }
      targets.set(target, read.file);
      if (!options.force && (await exists(target))) {
        outcomes.set(read.file, { file: read.file, status: "skipped", target, reason: `${target} exists (--force replaces it)` });
        continue;
      }
      existing = { name: result.publication.name, sections: result.publication.sections };
      // The newest issue's contact details and description are the publication's.
      draft = { ...result.publication, contact: result.publication.contact ?? draft?.contact, about: result.publication.about ?? draft?.about };
      placed.push({ read, result, target });
    }
    if (placed.length === 0 || !draft) continue;

    // publication.yaml first: an issue file is written only once its sections are registered.
    registrations.push(...(await register(options.contentDir, slug, group.registered, draft)));
    for (const { read, result, target } of placed) {
      try {
        if (result.pdf) await copyAtomically(read.file, path.join(path.dirname(target), result.pdf));
        const replaced = await exists(target);
        await writeAtomically(target, result.markdown);
        outcomes.set(read.file, { file: read.file, status: replaced ? "replaced" : "created", target, issue: `${result.publication.name} ${result.year}年第${result.issue}期`, notes: result.notes });
      } catch (error) {
        outcomes.set(read.file, { file: read.file, status: "failed", reason: reasonOf(error, read.file) });
      }
    }
  }
  return { outcomes: files.map((file) => outcomes.get(file)!).filter(Boolean), registrations };
}

async function copyAtomically(from: string, to: string): Promise<void> {
  await writeAtomically(to, await fs.readFile(from));
}

/** Registers a publication, its new sections, or its contact details where publication.yaml has none. */
async function register(contentDir: string, slug: string, registered: Registered | undefined, draft: PublicationDraft): Promise<string[]> {
  if (!registered) {
    const file = path.join(contentDir, slug, PUBLICATION_FILE);
    await writeAtomically(file, renderPublicationYaml(draft));
    return [`created ${file}`];
  }
  const known = new Set(registered.publication.sections.map((s) => s.name));
  const added = draft.sections.filter((s) => !known.has(s.name));
  let text = added.length > 0 ? addSectionsToYaml(registered.text, added) : registered.text;
  const lines: string[] = [];
  if (added.length > 0) lines.push(`added ${added.map((s) => s.name).join(", ")} to ${registered.file}`);
  const missing = { contact: registered.publication.contact ? undefined : draft.contact, about: registered.publication.about ? undefined : draft.about };
  const colophon = colophonYaml(missing);
  if (colophon) {
    text = `${text.trimEnd()}\n${colophon}`;
    lines.push(`added ${[missing.contact && "contact", missing.about && "about"].filter(Boolean).join(" and ")} to ${registered.file}`);
  }
  if (text !== registered.text) await writeAtomically(registered.file, text);
  return lines;
}
