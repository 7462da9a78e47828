/**
 * Deterministic synthetic archives in the content format (docs/content-format.md), for the
 * benchmark (scripts/bench.ts) and the incremental-build tests: weekly publications of
 * 5 sections × 2 articles, about 24 KB of Markdown per issue. Every issue is generated from its
 * own seed, so adding one issue leaves the others byte for byte as they were. Test support, not
 * product code: it is no part of the build cache's code fingerprint (src/pipeline/code-fingerprint.ts).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { formatFrontMatter } from "../../src/content/frontmatter.ts";
import { issueUrl } from "../../src/content/urls.ts";
import { BulletinText, publicationName, Random, SECTION_POOL, seedOf } from "./synthetic-text.ts";

export const ISSUES_PER_YEAR = 50;
const LAST_YEAR = 2025;
const SECTIONS_PER_ISSUE = 5;
const ARTICLES_PER_SECTION = 2;
/** Bytes of Markdown per article, so that an issue is about 24 KB. */
const ARTICLE_BYTES = 2300;

interface SyntheticPublication {
  slug: string;
  /** Year of the first issue; issue k (0-based, oldest first) is number k % 50 + 1 of year first + k / 50. */
  firstYear: number;
  issueCount: number;
}

export interface SyntheticArchive {
  contentDir: string;
  seed: number;
  publications: SyntheticPublication[];
}

export interface SyntheticIssueRef {
  publication: SyntheticPublication;
  /** 0-based, oldest first. */
  index: number;
}

const SLUGS = ["ruanjian", "dashuju", "shuzi", "zhineng", "gongye", "xinchuang", "shuju", "zhizao", "anquan", "dikong"];

function slugOf(index: number): string {
  const base = SLUGS[index % SLUGS.length];
  return index < SLUGS.length ? base : `${base}-${Math.floor(index / SLUGS.length) + 1}`;
}

function sectionsOf(publicationIndex: number) {
  return Array.from({ length: SECTIONS_PER_ISSUE }, (_, k) => SECTION_POOL[(publicationIndex + k) % SECTION_POOL.length]);
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** A headline not yet used in the issue (the loader warns about repeated titles). */
function freshHeadline(text: BulletinText, used: Set<string>): string {
  let headline = text.headline();
  while (used.has(headline)) headline = text.headline();
  used.add(headline);
  return headline;
}

function articleMarkdown(text: BulletinText, random: Random, sectionSlug: string, headlines: Set<string>): string {
  const parts = [`### ${freshHeadline(text, headlines)}`, `来源：${text.source()}`];
  if (random.chance(0.25)) parts.push(`> ${text.editorNote()}`);
  if (sectionSlug === "members" && random.chance(0.3)) parts.push(text.paragraph(2), text.table(random.int(6, 15)));
  else if (random.chance(0.2)) parts.push(text.paragraph(2), text.list(random.int(3, 5)));
  const target = ARTICLE_BYTES * (0.8 + random.next() * 0.4);
  while (utf8Length(parts.join("\n\n")) < target) parts.push(text.paragraph(random.int(2, 4)));
  return parts.join("\n\n");
}

/** Where issue `index` of a publication lives and what it is numbered. */
export function issuePlace(ref: SyntheticIssueRef) {
  const year = ref.publication.firstYear + Math.floor(ref.index / ISSUES_PER_YEAR);
  const number = (ref.index % ISSUES_PER_YEAR) + 1;
  const date = new Date(Date.UTC(year, 0, 2 + (number - 1) * 7)).toISOString().slice(0, 10);
  const file = path.join(ref.publication.slug, String(year), `${String(number).padStart(2, "0")}.md`);
  return { year, number, date, file, url: issueUrl(ref.publication.slug, year, number) };
}

/** The Markdown of one issue: the same for the same archive seed, publication and index. */
function syntheticIssue(archive: Pick<SyntheticArchive, "seed" | "publications">, ref: SyntheticIssueRef): string {
  const random = new Random(seedOf(archive.seed, ref.publication.slug, ref.index));
  const text = new BulletinText(random);
  const { number, date } = issuePlace(ref);
  const sections = sectionsOf(archive.publications.indexOf(ref.publication));
  const frontMatter = formatFrontMatter({
    issue: number,
    cumulative: ref.index + 1,
    date,
    sections: sections.map((s) => s.name),
    title: text.issueTitle(),
    editors: [text.person(), text.person()],
    summary: `本期${text.sentence()}`,
  });
  const headlines = new Set<string>();
  const body = sections.map((section) => [`## ${section.name}`, ...Array.from({ length: ARTICLES_PER_SECTION }, () => articleMarkdown(text, random, section.slug, headlines))].join("\n\n"));
  return `${frontMatter}\n${body.join("\n\n")}\n`;
}

function publicationYaml(index: number, slug: string): string {
  const name = publicationName(index);
  return [
    `name: ${name}`,
    `publisher: ${name.replace(/(简报|动态)$/, "")}协会`,
    "frequency: 周刊",
    `description: ${name}汇集政策文件、产业运行数据、会员动态和协会工作信息，供会员单位及主管部门参阅。（合成数据：${slug}）`,
    "sections:",
    ...sectionsOf(index).map((s) => `  - { name: ${s.name}, slug: ${s.slug} }`),
    "",
  ].join("\n");
}

async function writeIssue(archive: SyntheticArchive, ref: SyntheticIssueRef): Promise<string> {
  const file = path.join(archive.contentDir, issuePlace(ref).file);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, syntheticIssue(archive, ref));
  return file;
}

/** Writes an archive of `issues` issues spread over `publications` weekly publications. */
export async function writeSyntheticArchive(contentDir: string, options: { issues: number; publications?: number; seed?: number }): Promise<SyntheticArchive> {
  const count = Math.max(1, options.publications ?? 1);
  const publications = Array.from({ length: count }, (_, p) => {
    const issueCount = Math.floor(options.issues / count) + (p < options.issues % count ? 1 : 0);
    return { slug: slugOf(p), issueCount, firstYear: LAST_YEAR - Math.ceil(issueCount / ISSUES_PER_YEAR) + 1 };
  });
  const archive: SyntheticArchive = { contentDir, seed: options.seed ?? 1, publications };
  for (const [p, publication] of publications.entries()) {
    await fs.mkdir(path.join(contentDir, publication.slug), { recursive: true });
    await fs.writeFile(path.join(contentDir, publication.slug, "publication.yaml"), publicationYaml(p, publication.slug));
    for (let index = 0; index < publication.issueCount; index++) await writeIssue(archive, { publication, index });
  }
  return archive;
}

/** Adds the next issue of a publication (the newest); returns its file. */
export async function addSyntheticIssue(archive: SyntheticArchive, publication = archive.publications[0]): Promise<string> {
  const file = await writeIssue(archive, { publication, index: publication.issueCount });
  publication.issueCount += 1;
  return file;
}

/**
 * Edits an issue the way an editor fixes one: a new headline for its first article and a
 * rewritten paragraph in its last. `revision` makes repeated edits differ.
 */
export async function editSyntheticIssue(archive: SyntheticArchive, ref: SyntheticIssueRef, revision = 1): Promise<string> {
  const file = path.join(archive.contentDir, issuePlace(ref).file);
  const text = new BulletinText(new Random(seedOf(archive.seed, "edit", ref.publication.slug, ref.index, revision)));
  const lines = (await fs.readFile(file, "utf8")).split("\n");
  const firstArticle = lines.findIndex((line) => line.startsWith("### "));
  lines[firstArticle] = `### ${text.headline()}（修订${revision}）`;
  const lastParagraph = lines.findLastIndex((line) => line.length > 0 && !/^[#>|\d-]/.test(line));
  lines[lastParagraph] = text.paragraph(3);
  await fs.writeFile(file, lines.join("\n"));
  return file;
}
