/**
 * Reads a bulletin from the text of its PDF: masthead and editorial box, table of contents,
 * then the body, cut into articles at the titles the table of contents lists and placed in the
 * sections it lists them under (bodies often print no section headings, or only some).
 */
import { buildArticle, isEditorNoteStart, sourceOf } from "./article.ts";
import { findBackMatter, isColophonLine, readColophon } from "./colophon.ts";
import { findCoverHeadline, readFrontPages } from "./masthead.ts";
import type { Notes } from "./notes.ts";
import { displayWidth, isPageNumber, isSingleLine, joinPageBreaks, plainText, splitParagraphs, toBlock } from "./paragraphs.ts";
import { MARKED_SECTION, matchTitles, sectionName, type TitleMatch, tidyTitle, titleKey, withoutNumbering } from "./titles.ts";
import { findTableOfContents, type TableOfContents, type TocEntry } from "./toc.ts";
import { type ArticleDraft, type Block, type Cue, type IssueDraft, type SectionDraft, UNFILED_SECTION } from "./types.ts";
import { Typography } from "./typography.ts";

/** A title found in the body: paragraphs [start, start + span), with its table-of-contents entry if listed. */
interface BodyTitle {
  start: number;
  span: number;
  entry?: TocEntry;
  match?: TitleMatch;
}

const asParagraph = (text: string): Block => ({ kind: "paragraph", text });

/** Where the front pages give way to running text: the table of contents must start before it. */
function firstRunningText(paragraphs: string[]): number {
  const index = paragraphs.findIndex((p) => isSingleLine(p) && displayWidth(p) > 60 && !isColophonLine(p));
  return index < 0 ? paragraphs.length : index;
}

export function readTextBulletin(text: string, notes: Notes): IssueDraft {
  return readParagraphs(splitParagraphs(text), notes);
}

/**
 * Reads a bulletin from its paragraphs, in reading order, with how each is set when the input
 * shows it (`cues`, from a PDF): then headings are known by their type as well as by their
 * words.
 */
export function readParagraphs(all: string[], notes: Notes, allCues?: Cue[]): IssueDraft {
  const kept = all.flatMap((p, i) => (isPageNumber(p) ? [] : [i]));
  const paragraphs = kept.map((i) => all[i]);
  const typography =
    allCues &&
    new Typography(
      paragraphs,
      kept.map((i) => allCues[i]),
    );

  const runningText = firstRunningText(paragraphs);
  const toc = findTableOfContents(paragraphs, runningText);
  const frontEnd = toc?.start ?? runningText;
  const nameAt = typography?.largest(0, frontEnd, (i) => !/第\s*\S{1,4}\s*期/.test(paragraphs[i]));
  const front = readFrontPages(paragraphs.map(plainText), toc?.start, nameAt);
  const draft: IssueDraft = { masthead: front.masthead, foreword: [], forewordComments: [], sections: [], colophon: { contact: {}, distribution: [], lines: [] } };
  const atTop = { comments: draft.forewordComments };
  if (!toc && !typography) notes.guess("no table of contents (本期要目/目录) was found; articles were found by their 来源 lines alone", atTop);

  // A running header repeats the publication's name at the top of pages.
  const nameKey = front.masthead.name ? titleKey(front.masthead.name) : undefined;
  const bodyAt = Array.from({ length: paragraphs.length }, (_, i) => i)
    .slice(toc ? toc.end : front.end)
    .filter((i) => titleKey(paragraphs[i]) !== nameKey);
  const body = bodyAt.map((i) => paragraphs[i]);

  // Sections: those the table of contents lists, and headings marked like a section's name (【产业观察】).
  const sectionKeys = new Set((toc?.sections ?? []).map((name) => titleKey(sectionName(name))));
  // Each paragraph is asked these many times over: each answer is worked out once.
  const once = <T>(answer: (i: number) => T) => {
    const known = new Array<T | undefined>(body.length);
    return (i: number): T => (known[i] ??= answer(i));
  };
  const plain = once((i) => plainText(body[i]).trim());
  const marked = once((i) => MARKED_SECTION.test(plain(i)));
  const namedSection = once((i) => sectionKeys.size > 0 && isSingleLine(body[i]) && sectionKeys.has(titleKey(sectionName(plain(i)))));
  const source = once((i) => sourceOf(asParagraph(body[i])) !== undefined);
  const note = once((i) => isEditorNoteStart(asParagraph(body[i])));
  const entries = toc?.entries ?? [];
  const eligible = (i: number) => !namedSection(i) && !marked(i) && !source(i) && !note(i);
  // Without a table of contents there is nothing to match (and profiling every paragraph costs).
  const matches =
    entries.length > 0
      ? matchTitles(
          entries.map((e) => e.title),
          body,
          0,
          body.length,
          eligible,
        )
      : [];
  const listed: BodyTitle[] = entries.flatMap((entry, i) => {
    const match = matches[i];
    return match ? [{ start: match.start, span: match.span, entry, match }] : [];
  });
  const listedAt = new Set(listed.map((t) => t.start));
  const sourceBelow = (i: number) => i + 1 < body.length && /^[（(]?\s*来源\s*[：:]/.test(plain(i + 1)) && source(i + 1) && !source(i);

  const at = (i: number) => bodyAt[i];
  typography?.decide(
    body.flatMap((_, i) => (namedSection(i) || marked(i) ? [at(i)] : [])),
    [...listed.map((t) => at(t.start)), ...body.flatMap((_, i) => (sourceBelow(i) ? [at(i)] : []))],
    bodyAt,
  );
  const isStyledTitle = (i: number) => typography !== undefined && typography.isTitle(at(i)) && eligible(i);
  const isTitle = (i: number) => listedAt.has(i) || isStyledTitle(i) || sourceBelow(i);
  /** The next paragraph is a title, or an editor's note printed above one (〔专题研究〕, 编者的话：…, the title). */
  const leadsToTitle = (i: number) => {
    for (let j = i + 1; j < Math.min(body.length, i + 6); j++) {
      if (isTitle(j)) return true;
      if (j === i + 1 ? !note(j) : typography?.isHeading(at(j))) return false;
    }
    return false;
  };
  // A heading set in a style of its own that leads into an article's title names a section (a heading bar over its articles).
  const isSectionHeading = (i: number) =>
    namedSection(i) || marked(i) || (typography !== undefined && !source(i) && !note(i) && (typography.isSection(at(i)) || (typography.isHeading(at(i)) && !isTitle(i) && leadsToTitle(i))));

  // Not Math.max(...ends), which overflows the stack on 100 000 titles.
  const lastTitleEnd = listed.reduce((end, t) => Math.max(end, t.start + t.span), 0);
  const back = findBackMatter(body, lastTitleEnd, body.length);
  const titles = [...listed, ...unlistedTitles(body, back.start, listed, isSectionHeading, isStyledTitle)].sort((a, b) => a.start - b.start);
  // A ——subtitle on the line under a title is part of it.
  for (const title of titles) {
    const next = title.start + title.span;
    if (next < back.start && isSingleLine(body[next]) && /^——/.test(plain(next)) && displayWidth(body[next]) <= 40 && !titles.some((t) => t.start === next)) title.span++;
  }
  const { articles, firstStart } = readArticles(body, titles, back.start, isSectionHeading, notes);
  const sections = fileArticles(articles, toc, notes);

  const sectionNamed = new Map(sections.map((s) => [s.name, s]));
  entries.forEach((entry, i) => {
    if (matches[i]) return;
    const section = sectionNamed.get(entry.section === undefined ? UNFILED_SECTION : sectionName(entry.section));
    const page = entry.page ? ` (page ${entry.page})` : "";
    notes.guess(`the table of contents lists "${entry.title}"${page}, but no such title was found in the body`, section ?? atTop);
  });

  const leftovers = front.leftovers.map((i) => paragraphs[i]);
  const cover = findCoverHeadline(
    leftovers,
    articles.map(({ article }) => article.title),
  );
  draft.title = cover.title;
  const beforeFirst = body.slice(0, firstStart).filter((_, i) => !isSectionHeading(i));
  draft.foreword = [...leftovers.filter((_, k) => k !== cover.index).map(asParagraph), ...joinPageBreaks(beforeFirst.map(toBlock))];

  const { colophon, editors } = readColophon([front.colophon, back.box], back.aboutUs);
  draft.colophon = colophon;
  draft.masthead.editors = editors;
  draft.sections = sections;
  return draft;
}

/**
 * Titles the table of contents leaves out: known by a 来源 line right under them (title, then
 * 来源：…, as 浙江省软件和信息服务业简报 prints every article), or by their type.
 */
function unlistedTitles(body: string[], end: number, listed: BodyTitle[], isSectionHeading: (i: number) => boolean, isStyledTitle: (i: number) => boolean): BodyTitle[] {
  const taken = new Set(listed.flatMap((t) => Array.from({ length: t.span }, (_, k) => t.start + k)));
  const found: BodyTitle[] = [];
  for (let i = 0; i < end; i++) {
    const text = body[i];
    if (taken.has(i) || isSectionHeading(i) || !isSingleLine(text)) continue;
    if (isStyledTitle(i)) {
      found.push({ start: i, span: 1 });
      continue;
    }
    const sourceBelow = i + 1 < end && /^[（(]?\s*来源\s*[：:]/.test(plainText(body[i + 1])) && sourceOf(asParagraph(body[i + 1])) !== undefined;
    if (!sourceBelow || taken.has(i + 1)) continue;
    if (displayWidth(text) <= 60 && !/[。；]$/.test(text) && sourceOf(asParagraph(text)) === undefined) {
      found.push({ start: i, span: 1 });
    }
  }
  return found;
}

/**
 * Where an editor's note printed above a title starts (大数据发展动态 puts 编者按 before the
 * title it introduces). The search goes back from the title until the previous article's
 * 来源 line, and never reaches the spot right under the previous title, where a note
 * belongs to that article.
 */
function leadingNoteStart(body: string[], from: number, titleStart: number): number | undefined {
  for (let j = titleStart - 1; j >= from; j--) {
    if (sourceOf(asParagraph(body[j])) !== undefined) return undefined;
    if (isEditorNoteStart(asParagraph(body[j]))) return j;
  }
  return undefined;
}

interface ReadArticle {
  article: ArticleDraft;
  title: BodyTitle;
  /** A section heading printed in the body above the article. */
  heading?: string;
}

/**
 * Cuts the body into articles at `titles`, up to `end` (where the back matter starts).
 * `firstStart` is where the first article starts (its editor's note, or its title).
 */
function readArticles(body: string[], titles: BodyTitle[], end: number, isSectionHeading: (i: number) => boolean, notes: Notes): { articles: ReadArticle[]; firstStart: number } {
  const afterTitle = (t: BodyTitle) => {
    const next = t.start + t.span;
    return next + (sourceOf(asParagraph(body[next] ?? "")) !== undefined ? 1 : 0);
  };
  const starts = titles.map((t, k) => {
    const noteStart = leadingNoteStart(body, k > 0 ? afterTitle(titles[k - 1]) + 1 : 0, t.start);
    return { noteStart, start: noteStart ?? t.start };
  });

  const firstStart = starts[0]?.start ?? end;
  let heading: string | undefined;
  for (let i = 0; i < firstStart; i++) if (isSectionHeading(i)) heading = body[i];

  const articles = titles.map((t, k) => {
    let rangeEnd = k + 1 < titles.length ? starts[k + 1].start : end;
    const headingAbove = heading;
    // Section headings printed between two articles close the first one, and open the section of the next.
    heading = undefined;
    while (rangeEnd > t.start + t.span && isSectionHeading(rangeEnd - 1)) heading ??= body[--rangeEnd];

    const { noteStart } = starts[k];
    const title = withoutNumbering(tidyTitle(body.slice(t.start, t.start + t.span).join(" "), t.entry?.title)).replace(/\s+(?=——)/g, "");
    const article = buildArticle(title, body.slice(t.start + t.span, rangeEnd).map(toBlock), notes, {
      leadingNote: noteStart === undefined ? undefined : joinPageBreaks(body.slice(noteStart, t.start).map(toBlock)),
      mend: joinPageBreaks,
    });
    if (t.entry && t.match && t.match.score < 1) {
      notes.guess(`the title "${title}" was matched loosely (similarity ${t.match.score.toFixed(2)}) to the table of contents entry "${t.entry.title}"`, article);
    }
    if (t.match?.outOfOrder) notes.guess(`"${title}" is printed at another place in the body than the table of contents lists it`, article);
    return { article, title: t, heading: headingAbove };
  });
  return { articles, firstStart };
}

/**
 * Files the articles into sections: a listed article under the section the table of contents
 * names, an unlisted one under the section heading above it or the section of the article
 * before it. Sections come in body order; a section none of whose articles was found stays
 * where the table of contents puts it, to hold the note about them.
 */
function fileArticles(articles: ReadArticle[], toc: TableOfContents | undefined, notes: Notes): SectionDraft[] {
  const tocSections = (toc?.sections ?? []).map(sectionName);
  const tocSectionByKey = new Map<string, string>();
  for (const name of tocSections) if (!tocSectionByKey.has(titleKey(name))) tocSectionByKey.set(titleKey(name), name);
  const printedSection = (heading: string) => {
    const name = sectionName(plainText(heading));
    return tocSectionByKey.get(titleKey(name)) ?? name;
  };
  const sections = new Map<string, SectionDraft & { position: number }>();
  const sectionNamed = (name: string, position: number) => {
    let section = sections.get(name);
    if (!section) sections.set(name, (section = { name, intro: [], articles: [], comments: [], position }));
    return section;
  };

  let current: string | undefined;
  for (const { article, title, heading } of articles) {
    const printed = heading && printedSection(heading);
    let name: string;
    if (title.entry && title.entry.section === undefined) {
      // A table of contents without sections: the body's headings say where each article belongs.
      name = printed || current || UNFILED_SECTION;
    } else if (title.entry?.section !== undefined) {
      name = sectionName(title.entry.section);
      if (printed && printed !== name) {
        notes.guess(`"${article.title}" is printed under the heading ${printed} but listed under ${name} in the table of contents; filed under ${name}`, article);
      }
    } else {
      name = printed || current || tocSections[0] || UNFILED_SECTION;
      // Without a table of contents, the note at the top of the issue already says so.
      if (toc) notes.guess(`"${article.title}" is not in the table of contents; filed under ${name}`, article);
    }
    const section = sectionNamed(name, title.start);
    if (section.articles.length > 0 && name !== current) {
      notes.guess(`"${article.title}" was moved next to the other articles of ${name}`, article);
    }
    section.articles.push(article);
    current = name;
  }

  // Sections with no article found sit after the section the table of contents lists before them.
  let position = -1;
  for (const name of tocSections) position = sectionNamed(name, position + 0.5).position;
  return [...sections.values()].sort((a, b) => a.position - b.position).map(({ position: _, ...section }) => section);
}
