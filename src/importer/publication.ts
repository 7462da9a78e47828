/**
 * The publication an issue belongs to: its sections resolved against the registered ones (or
 * registered anew, with generated slugs), and, for a new publication, the fields of
 * publication.yaml made from the masthead.
 */
import type { SectionDefinition } from "../content/model.ts";
import type { Notes } from "./notes.ts";
import { publicationSlug, sectionSlug } from "./slug.ts";
import { LOOSE_MATCH, similarity, titleKey } from "./titles.ts";
import type { ColophonDraft, ExistingPublication, GuessedField, ImportOptions, Masthead, PublicationDraft, SectionDraft } from "./types.ts";

/** Issues per year of each frequency. */
const FREQUENCIES: [string, number][] = [
  ["周刊", 52],
  ["半月刊", 24],
  ["月刊", 12],
  ["双月刊", 6],
  ["季刊", 4],
];

/**
 * The frequency that would bring a bulletin to issue `issue` by `date`: 第3期 at the end of
 * March is monthly, 第12期 in late March weekly. 不定期 when no frequency fits within a third.
 */
export function guessFrequency(issue: number, date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const dayOfYear = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 0)) / 86_400_000;
  const perYear = (issue * 365) / dayOfYear;
  const [name, distance] = FREQUENCIES.map(([n, count]) => [n, Math.abs(Math.log(perYear / count))] as const).sort((a, b) => a[1] - b[1])[0];
  return distance <= Math.log(4 / 3) ? name : "不定期";
}

function describePublication(name: string, publisher: string | undefined, taglines: string[]): string {
  const slogans = taglines.map((t) => t.replace(/[。.]$/, "")).join("；");
  return `${publisher ? `${publisher}编印的` : ""}《${name}》${slogans ? `：${slogans}` : ""}。`;
}

interface Resolved {
  /** The registered name of each draft section, in order. */
  names: string[];
  registry: SectionDefinition[];
  added: SectionDefinition[];
}

/**
 * Maps the sections found in the issue to registered ones: by name, else by a near name
 * (reported, at the section). Sections with no registered counterpart are registered with a
 * generated slug; for an existing publication that is reported too. Two sections of the issue
 * can map to one registered section (a heading printed twice, a letter-spaced name and the
 * plain one), never to a name registered twice.
 */
function resolveSections(sections: SectionDraft[], existing: ExistingPublication | undefined, notes: Notes): Resolved {
  const registry = existing ? existing.sections.map((s) => ({ ...s })) : [];
  const added: SectionDefinition[] = [];
  const taken = new Set(registry.map((s) => s.slug));
  const byName = new Map(registry.map((s) => [s.name, s]));
  // Registered sections that no section of the issue has taken yet: those a near name can stand for.
  const free = new Set(registry);

  const names = sections.map((section) => {
    const { name } = section;
    const same = byName.get(name);
    if (same) {
      free.delete(same);
      return name;
    }
    const near = [...free].find((s) => titleKey(s.name) === titleKey(name) || similarity(s.name, name) >= LOOSE_MATCH);
    if (near) {
      free.delete(near);
      notes.guess(`the section ${name} was taken to be the registered section ${near.name}`, section);
      return near.name;
    }
    const slug = sectionSlug(name, taken);
    const definition = { name, slug };
    registry.push(definition);
    byName.set(name, definition);
    taken.add(slug);
    if (existing) {
      added.push(definition);
      notes.info(`the section ${name} is not registered in publication.yaml; it is added with the slug ${slug}`);
    }
    return name;
  });
  return { names, registry, added };
}

/**
 * One section for each registered name, where the first section of that name is: an issue
 * names each of its sections once. `names` are the registered names of `sections`.
 */
function mergeSameNamed(sections: SectionDraft[], names: string[], notes: Notes): Map<string, SectionDraft> {
  const merged = new Map<string, SectionDraft>();
  sections.forEach((section, i) => {
    const first = merged.get(names[i]);
    if (!first) {
      merged.set(names[i], section);
      return;
    }
    first.intro = first.intro.concat(section.intro);
    first.articles = first.articles.concat(section.articles);
    first.comments = first.comments.concat(section.comments);
    notes.guess(`the section ${names[i]} appears twice; what the second one holds was put after the first one's articles`, first);
  });
  return merged;
}

/**
 * The publication of an imported issue, and the issue's sections under their registered names
 * (`sections` and `sectionNames` in the same order).
 */
export function resolvePublication(
  masthead: Masthead & { name: string; issue: number; date: string },
  drafts: SectionDraft[],
  colophon: ColophonDraft,
  options: ImportOptions,
  notes: Notes,
): { publication: PublicationDraft; sections: SectionDraft[]; sectionNames: string[]; added: SectionDefinition[] } {
  const existing = options.existingPublication;
  const name = existing?.name ?? masthead.name;
  if (existing && titleKey(existing.name) !== titleKey(masthead.name)) {
    notes.info(`the masthead reads ${masthead.name}, the publication is registered as ${existing.name}`);
  }
  const slug = options.publicationSlug ?? publicationSlug(name, colophon.contact.website);
  if (!options.publicationSlug && !existing) {
    const from = colophon.contact.website && slug !== publicationSlug(name) ? `its web address ${colophon.contact.website}` : "its name";
    notes.info(`the publication's slug ${slug} was derived from ${from}; choose another with --publication`);
  }

  const guessed: GuessedField[] = ["frequency", "description"];
  if (!masthead.publisher) guessed.push("publisher");
  const publisher = masthead.publisher ?? name;
  const { names, registry, added } = resolveSections(drafts, existing, notes);
  const sections = mergeSameNamed(drafts, names, notes);
  const publication: PublicationDraft = {
    slug,
    name,
    publisher,
    frequency: guessFrequency(masthead.issue, masthead.date),
    description: describePublication(name, masthead.publisher, masthead.taglines),
    sections: registry,
    guessed,
    ...(Object.keys(colophon.contact).length > 0 && { contact: colophon.contact }),
    ...(colophon.about && { about: colophon.about }),
  };
  if (!existing) {
    // These land in a new publication.yaml, marked there with a comment.
    if (!masthead.publisher) notes.guess(`publication.yaml: no publisher found in the masthead; the publication's name stands in`);
    notes.guess(`publication.yaml: frequency ${publication.frequency} guessed from 第${masthead.issue}期 dated ${masthead.date}`);
    notes.info(`publication.yaml: description written from the masthead: ${publication.description}`);
  }
  return { publication, sections: [...sections.values()], sectionNames: [...sections.keys()], added };
}
