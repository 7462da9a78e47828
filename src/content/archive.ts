/**
 * Loads a content folder into an Archive: every publication, every issue, checked one by one
 * and against each other (numbering), with every problem collected rather than the first thrown.
 */
import { createHash } from "node:crypto";
import { promises as fs, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./diagnostics.ts";
import { decodeContent } from "./encoding.ts";
import { normaliseText, parseYaml, topLevelKeyLines, yamlDiagnostic } from "./frontmatter.ts";
import { type ParsedIssue, parseIssue } from "./issue-parser.ts";
import type { Archive, Article, Asset, Issue, Publication, PublicationInfo } from "./model.ts";
import { PUBLICATION_KEYS, publicationSchema, SLUG, validate } from "./schema.ts";
import { checkNumbering } from "./numbering.ts";
import { articleUrl, assetUrl, hasScheme, issueUrl, publicationUrl } from "./urls.ts";

export const PUBLICATION_FILE = "publication.yaml";
const YEAR_FOLDER = /^\d{4}$/;
// C0 and C1 controls except tab and line ends; C1 ones come from text decoded with the wrong code page.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export interface LoadResult {
  archive: Archive;
  diagnostics: Diagnostic[];
}

type LinkResolution = { url: string } | { problem: string; hint?: string };
export type LocalResolver = (target: string) => LinkResolution;

/** One issue file read and parsed, with every local link it resolved (and to what). */
export interface IssueFileResult {
  /** SHA-1 of the text parsed, when the file could be read. */
  digest?: string;
  diagnostics: Diagnostic[];
  issue?: ParsedIssue;
  links: [target: string, resolution: LinkResolution][];
}

/**
 * Keeps parsed issue files between builds (src/pipeline/issue-cache.ts). `context` stands for
 * everything besides the file's text that its parse depends on (its path, its publication's sections).
 */
export interface IssueFileCache {
  /**
   * The stored result, if the file's text and context are unchanged and its links still resolve
   * the same (re-resolving them registers their assets). Called before the file is read.
   */
  lookup(file: string, context: string, resolveLocal: LocalResolver): Promise<IssueFileResult | undefined>;
  store(file: string, context: string, result: IssueFileResult): void;
}

const posix = (p: string) => p.split(path.sep).join("/");

const UNREADABLE: Record<string, string> = {
  EISDIR: "it is a folder, not a file",
  ENOENT: "it does not exist (a broken symbolic link?)",
  EACCES: "permission denied",
};

/** A file that is listed but cannot be read: a folder named like an issue, a broken link, no permission. */
function unreadable(error: unknown, relative: string): Diagnostic {
  const reason = UNREADABLE[(error as NodeJS.ErrnoException).code ?? ""] ?? (error as Error).message;
  return { severity: "error", file: relative, message: `the file cannot be read: ${reason}`, hint: "issue files are plain .md files inside a year folder" };
}

/** Reads a content file as text, or reports why it cannot be (encoding, emptiness, control characters). */
export async function readContentFile(file: string, relative: string): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { diagnostics: [unreadable(error, relative)] };
  }
  const decoded = decodeContent(bytes);
  if (!decoded.ok) return { diagnostics: [{ severity: "error", file: relative, line: decoded.line, message: decoded.problem, hint: decoded.hint }] };
  const text = normaliseText(decoded.text);
  if (!text.trim()) return { diagnostics: [{ severity: "error", file: relative, line: 1, message: "the file is empty", hint: "an issue starts with front-matter between two '---' lines" }] };
  const diagnostics: Diagnostic[] = [];
  text.split("\n").forEach((line, index) => {
    const control = CONTROL.exec(line);
    if (control) {
      const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      diagnostics.push({ severity: "error", file: relative, line: index + 1, message: `control character U+${code} in the text`, hint: "delete it; it is invisible and often comes from copying out of PDF or Word" });
    }
  });
  return { text: diagnostics.length ? undefined : text, diagnostics };
}

async function readPublicationInfo(dir: string, contentDir: string): Promise<{ info?: PublicationInfo; diagnostics: Diagnostic[] }> {
  const slug = path.basename(dir);
  const file = path.join(dir, PUBLICATION_FILE);
  const relative = posix(path.relative(contentDir, file));
  if (!SLUG.test(slug)) {
    return { diagnostics: [{ severity: "error", file: posix(path.relative(contentDir, dir)), field: "folder name", message: `the publication folder ${slug} is not a valid slug`, hint: "name it with lower-case ASCII letters, digits and '-', e.g. zsia" }] };
  }
  const exists = await fs.stat(file).then(() => true, () => false);
  if (!exists) {
    return { diagnostics: [{ severity: "error", file: relative, field: "publication", message: `the folder ${slug} has no ${PUBLICATION_FILE}, so it is not a known publication`, hint: `add ${PUBLICATION_FILE} with name, publisher, frequency, description and sections` }] };
  }
  const read = await readContentFile(file, relative);
  if (read.text === undefined) return { diagnostics: read.diagnostics };
  let data: unknown;
  try {
    data = parseYaml(read.text);
  } catch (error) {
    // The whole file is YAML here, not an issue's front-matter.
    return { diagnostics: [{ ...yamlDiagnostic(error, relative, 1), field: PUBLICATION_FILE }] };
  }
  const checked = validate(publicationSchema, data, { file: relative, keyLines: topLevelKeyLines(read.text, 1), fallbackLine: 1, knownKeys: PUBLICATION_KEYS });
  return { info: checked.value && { slug, ...checked.value }, diagnostics: checked.diagnostics };
}

/** `file`'s path inside `dir`, or undefined when it is `dir` itself or outside it. */
function pathInside(dir: string, file: string): string | undefined {
  const inside = path.relative(dir, file);
  if (!inside || inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return undefined;
  return inside;
}

/** Relative link targets of an issue become site URLs of files inside its publication folder. */
function localResolver(issueFile: string, publicationDir: string, slug: string, assets: Map<string, Asset>): LocalResolver {
  const outside = { problem: "points outside the publication folder", hint: "keep linked files inside the publication's folder, e.g. an assets/ folder beside the issue" };
  return (target: string) => {
    const absolute = path.resolve(path.dirname(issueFile), target);
    const inside = pathInside(publicationDir, absolute);
    if (!inside) return outside;
    let isFile = false;
    try {
      isFile = statSync(absolute).isFile();
    } catch {
      // missing: reported below
    }
    if (!isFile) return { problem: "the file does not exist", hint: `expected a file at ${posix(path.relative(path.dirname(publicationDir), absolute))}` };
    // The file is copied into the site, so a symbolic link must not lead out of the folder either.
    if (!pathInside(realpathSync(publicationDir), realpathSync(absolute))) return outside;
    const url = assetUrl(slug, posix(inside));
    assets.set(url, { source: absolute, url });
    return { url };
  };
}

async function listIssueFiles(publicationDir: string, contentDir: string, diagnostics: Diagnostic[]): Promise<{ file: string; year: number }[]> {
  const files: { file: string; year: number }[] = [];
  for (const entry of await fs.readdir(publicationDir, { withFileTypes: true })) {
    const full = path.join(publicationDir, entry.name);
    if (entry.isFile() && entry.name.endsWith(".md")) {
      diagnostics.push({ severity: "error", file: posix(path.relative(contentDir, full)), message: "an issue file must be inside a year folder", hint: `move it to ${path.basename(publicationDir)}/<year>/` });
    }
    if (!entry.isDirectory()) continue;
    const names = (await fs.readdir(full)).sort();
    if (YEAR_FOLDER.test(entry.name)) {
      for (const name of names) if (name.endsWith(".md")) files.push({ file: path.join(full, name), year: Number(entry.name) });
    } else {
      // Any other folder may hold assets, but an issue in it (2026年/, 26/) would silently go missing.
      for (const name of names.filter((n) => n.endsWith(".md"))) {
        diagnostics.push({ severity: "warning", file: posix(path.relative(contentDir, path.join(full, name))), message: `the folder ${entry.name} is not a year, so this file is not built`, hint: `move issues to ${path.basename(publicationDir)}/<year>/, e.g. ${path.basename(publicationDir)}/2026/` });
      }
    }
  }
  return files;
}

function buildIssue(parsed: ParsedIssue, slug: string, year: number, file: string, relativeFile: string, pdfUrl: string | undefined): Issue {
  const { issue: number, sections: _declared, pdf: _pdf, ...fields } = parsed.frontMatter;
  let n = 0;
  const articles: Article[] = [];
  const sections = parsed.sections.map((section) => ({
    name: section.name,
    slug: section.slug,
    anchor: `s-${section.slug}`,
    introHtml: section.introHtml,
    line: section.line,
    articles: section.articles.map((a) => {
      n += 1;
      const article: Article = {
        ...a,
        n,
        sectionName: section.name,
        sectionSlug: section.slug,
        anchor: `a${n}`,
        url: articleUrl(slug, year, number, n),
        publicationSlug: slug,
        year,
        issueNumber: number,
        date: fields.date,
      };
      articles.push(article);
      return article;
    }),
  }));
  return {
    ...fields,
    publicationSlug: slug,
    file,
    relativeFile,
    fieldLines: parsed.fieldLines,
    year,
    number,
    pdfUrl,
    forewordHtml: parsed.forewordHtml,
    sections,
    articles,
    url: issueUrl(slug, year, number),
  };
}

const newestFirst = (a: Issue, b: Issue) => b.date.localeCompare(a.date) || b.year - a.year || b.number - a.number;

export const textDigest = (text: string) => createHash("sha1").update(text).digest("hex");

async function readIssueFile(file: string, relativeFile: string, registry: PublicationInfo["sections"], resolveLocal: LocalResolver): Promise<IssueFileResult> {
  const links: IssueFileResult["links"] = [];
  const read = await readContentFile(file, relativeFile);
  if (read.text === undefined) return { diagnostics: read.diagnostics, links };
  const recordingResolver = (target: string) => {
    const resolution = resolveLocal(target);
    links.push([target, resolution]);
    return resolution;
  };
  const result = parseIssue(read.text, { file: relativeFile, registry, resolveLocal: recordingResolver });
  return { digest: textDigest(read.text), diagnostics: [...read.diagnostics, ...result.diagnostics], issue: result.issue, links };
}

async function loadPublication(dir: string, contentDir: string, assets: Map<string, Asset>, diagnostics: Diagnostic[], cache?: IssueFileCache): Promise<Publication | undefined> {
  const { info, diagnostics: infoDiagnostics } = await readPublicationInfo(dir, contentDir);
  diagnostics.push(...infoDiagnostics);
  if (!info) return undefined;
  const issues: Issue[] = [];
  for (const { file, year } of await listIssueFiles(dir, contentDir, diagnostics)) {
    const relativeFile = posix(path.relative(contentDir, file));
    const resolveLocal = localResolver(file, dir, info.slug, assets);
    const context = JSON.stringify([relativeFile, info.sections]);
    let result = await cache?.lookup(file, context, resolveLocal);
    if (!result) {
      result = await readIssueFile(file, relativeFile, info.sections, resolveLocal);
      cache?.store(file, context, result);
    }
    diagnostics.push(...result.diagnostics);
    if (!result.issue) continue;
    const pdf = result.issue.frontMatter.pdf;
    let pdfUrl = pdf;
    if (pdf && !hasScheme(pdf)) {
      const resolved = resolveLocal(pdf);
      if ("url" in resolved) pdfUrl = resolved.url;
      else diagnostics.push({ severity: "error", file: relativeFile, line: result.issue.fieldLines.get("pdf"), field: "pdf", message: `pdf ${pdf}: ${resolved.problem}`, hint: resolved.hint });
    }
    issues.push(buildIssue(result.issue, info.slug, year, file, relativeFile, pdfUrl));
  }
  issues.sort(newestFirst);
  diagnostics.push(...checkNumbering(issues));
  const years = [...new Set(issues.map((i) => i.year))].sort((a, b) => b - a);
  return { ...info, url: publicationUrl(info.slug), issues, years };
}

export async function loadArchive(contentDir: string, cache?: IssueFileCache): Promise<LoadResult> {
  const root = path.resolve(contentDir);
  const diagnostics: Diagnostic[] = [];
  const assets = new Map<string, Asset>();
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => {
    throw new Error(`the content folder ${contentDir} does not exist or cannot be read`);
  });
  const publications: Publication[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const publication = await loadPublication(path.join(root, entry.name), root, assets, diagnostics, cache);
    if (publication) publications.push(publication);
  }
  const issues = publications.flatMap((p) => p.issues).sort(newestFirst);
  return { archive: { contentDir: root, publications, issues, assets: [...assets.values()] }, diagnostics };
}
