/**
 * Fuzzy title matching: finding in the body the titles that the table of contents lists, when
 * spacing, punctuation, emphasis or a word differ between the two.
 */
import { displayWidth, isSingleLine, plainText } from "./paragraphs.ts";

/**
 * The numbering or bullet before a title or a section's name: 1. 1、 (1) 一、 （一） ■ ◆. Not
 * a year or a quantity (2024年…, 5G…, 1—5月…): the number must be followed by its mark.
 */
const NUMBERING = /^\s*(?:\d{1,2}\s*[.．、]\s*(?!\d)|[（(]\s*\d{1,2}\s*[)）]\s*|[一二三四五六七八九十]{1,3}\s*[、．.]\s*|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*|[■◆●▲◇□▶►★☆]\s*)/;

export const withoutNumbering = (title: string): string => {
  const stripped = title.replace(NUMBERING, "");
  return stripped.trim() ? stripped : title;
};

/** A section name set off by its marks: 【政策速递】, 〔专题研究〕, ■ 本周要闻. */
export const MARKED_SECTION = /^(?:【[^【】，。]{1,14}】|〔[^〔〕，。]{1,14}〕|[■◆●▲□]\s*\S[^，。：；]{0,13})$/;

/** A section's name as a heading prints it: 【产业观察】, 一、重点工作, 第二部分 区县动态 → the name. */
export function sectionName(heading: string): string {
  const name = withoutNumbering(heading.trim())
    .replace(/^第[一二三四五六七八九十]{1,3}(?:部分|篇|章|单元)\s*[：:、]?\s*/, "")
    .replace(/^[【〔［[]\s*(.+?)\s*[】〕］\]]$/, "$1")
    .replace(/[：:]$/, "")
    .trim();
  return name || heading.trim();
}

/**
 * The comparable core of a title: full-width forms folded to half-width (NFKC), emphasis and
 * code marks dropped, lower-case, letters and digits only. Spacing and punctuation are where
 * a table of contents and the body most often differ, and they carry no meaning for matching.
 */
export function titleKey(title: string): string {
  return withoutNumbering(plainText(title))
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** A title as it is compared: its key, and the counts of the character bigrams of the key. */
interface Profile {
  key: string;
  bigrams: Map<string, number>;
  size: number;
}

function profile(title: string): Profile {
  const key = titleKey(title);
  const chars = [...key];
  const bigrams = new Map<string, number>();
  const grams = chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  for (const gram of grams) bigrams.set(gram, (bigrams.get(gram) ?? 0) + 1);
  return { key, bigrams, size: grams.length };
}

/** Dice coefficient of two profiles' bigrams: 1 for equal, 0 for nothing shared. */
function dice(x: Profile, y: Profile): number {
  const [small, large] = x.bigrams.size <= y.bigrams.size ? [x, y] : [y, x];
  let shared = 0;
  for (const [gram, count] of small.bigrams) shared += Math.min(count, large.bigrams.get(gram) ?? 0);
  const total = x.size + y.size;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Dice coefficient of the character bigrams of two titles' keys: 1 for equal, 0 for nothing shared. */
export const similarity = (a: string, b: string): number => dice(profile(a), profile(b));

/**
 * Below this a title is not taken for a table-of-contents entry. A changed word in a title of
 * twenty characters still scores about 0.75; unrelated headings of the same article score < 0.4.
 */
export const LOOSE_MATCH = 0.6;

/**
 * Whether two profiles can be similar enough: the shorter one's bigrams, all shared, must make
 * LOOSE_MATCH. Cheaper than `dice`, so most pairs of a long list are ruled out without it.
 */
const withinReach = (x: Profile, y: Profile) => (2 * Math.min(x.size, y.size)) / (x.size + y.size) >= LOOSE_MATCH;

/** Finds the first of `titles` similar enough (LOOSE_MATCH) to a text; the titles are profiled once. */
export function similarTitle(titles: string[]): (text: string) => string | undefined {
  const profiles = titles.map(profile);
  return (text) => {
    const own = profile(text);
    const k = profiles.findIndex((p) => withinReach(own, p) && dice(own, p) >= LOOSE_MATCH);
    return k < 0 ? undefined : titles[k];
  };
}

/** Titles are one printed line, two when they wrap; body paragraphs are longer. */
const MAX_TITLE_WIDTH = 80;

/** Where a title sits in the body: paragraph `start`, over `span` paragraphs (1, or 2 when wrapped). */
export interface TitleMatch {
  start: number;
  span: number;
  score: number;
  /** The body's order disagrees with the table of contents. */
  outOfOrder: boolean;
}

interface Candidate {
  start: number;
  span: number;
  text: string;
  profile: Profile;
}

/**
 * Body paragraphs that could be titles: single short lines, and pairs of them (a title wrapped
 * over two lines). `eligible` rules out paragraphs known to be something else.
 */
function titleCandidates(paragraphs: string[], from: number, to: number, eligible: (index: number) => boolean): Candidate[] {
  const fits = (i: number) => i < to && eligible(i) && isSingleLine(paragraphs[i]) && displayWidth(paragraphs[i]) <= MAX_TITLE_WIDTH;
  const candidates: Candidate[] = [];
  const add = (start: number, span: number, text: string) => candidates.push({ start, span, text, profile: profile(text) });
  for (let i = from; i < to; i++) {
    if (!fits(i)) continue;
    add(i, 1, paragraphs[i]);
    if (!fits(i + 1)) continue;
    const pair = `${paragraphs[i]} ${paragraphs[i + 1]}`;
    if (displayWidth(pair) <= MAX_TITLE_WIDTH) add(i, 2, pair);
  }
  return candidates;
}

/**
 * Finds each table-of-contents title in `paragraphs[from, to)`. Titles keep the order of the
 * table of contents, so: exact matches (equal keys) are anchored first, in order; a remaining
 * title is then looked for between its anchored neighbours, taking the first paragraph that
 * is similar enough (a later similar line is more likely a sub-heading of the same article);
 * last, anywhere else (reported as out of order). A wrapped title counts only where the pair
 * matches better than either line alone.
 */
export function matchTitles(titles: string[], paragraphs: string[], from: number, to: number, eligible: (index: number) => boolean = () => true): (TitleMatch | undefined)[] {
  const candidates = titleCandidates(paragraphs, from, to, eligible);
  const used = new Set<number>();
  const free = (c: Candidate) => !used.has(c.start) && (c.span === 1 || !used.has(c.start + 1));
  const matches: (TitleMatch | undefined)[] = titles.map(() => undefined);
  const take = (t: number, c: Candidate, score: number, outOfOrder = false) => {
    matches[t] = { start: c.start, span: c.span, score, outOfOrder };
    for (let i = 0; i < c.span; i++) used.add(c.start + i);
  };
  // Titles and candidates are profiled once: each title is compared with every candidate.
  const profiles = titles.map(profile);
  const single = new Map(candidates.filter((c) => c.span === 1).map((c) => [c.start, c.profile]));
  const scoreOf = (t: number, c: Candidate) => {
    if (!withinReach(profiles[t], c.profile)) return 0;
    const score = dice(profiles[t], c.profile);
    if (c.span === 1) return score;
    const alone = Math.max(dice(profiles[t], single.get(c.start)!), dice(profiles[t], single.get(c.start + 1)!));
    return score > alone ? score : 0;
  };

  let cursor = from - 1;
  titles.forEach((_, t) => {
    const exact = candidates.find((c) => c.start > cursor && free(c) && c.profile.key === profiles[t].key);
    if (!exact) return;
    take(t, exact, 1);
    cursor = exact.start + exact.span - 1;
  });

  // A window reaches from the match before the title (made by either pass) to the next exact one.
  const nextExact: (TitleMatch | undefined)[] = [];
  for (let t = titles.length - 1, next: TitleMatch | undefined; t >= 0; t--) {
    nextExact[t] = next;
    next = matches[t] ?? next;
  }
  let before: TitleMatch | undefined;
  titles.forEach((_, t) => {
    if (!matches[t]) {
      const low = before ? before.start + before.span : from;
      const high = nextExact[t]?.start ?? to;
      const inWindow = candidates.find((c) => c.start >= low && c.start + c.span <= high && free(c) && scoreOf(t, c) >= LOOSE_MATCH);
      if (inWindow) take(t, inWindow, scoreOf(t, inWindow));
    }
    before = matches[t] ?? before;
  });

  titles.forEach((_, t) => {
    if (matches[t]) return;
    let best: { c: Candidate; score: number } | undefined;
    for (const c of candidates) {
      const score = free(c) ? scoreOf(t, c) : 0;
      if (score >= LOOSE_MATCH && score > (best?.score ?? 0)) best = { c, score };
    }
    if (best) take(t, best.c, best.score, true);
  });
  return matches;
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’—…·《》]/u;

/**
 * The body's title, tidied with the table of contents as a witness: PDF extraction leaves
 * stray spaces inside titles (产业创新发展 的工作方案), while some spaces are real separators
 * (强化安全治理 助力…, where the table of contents has a comma). A space between two Chinese
 * characters is dropped when the table of contents prints those two characters side by side.
 */
export function tidyTitle(bodyTitle: string, tocTitle?: string): string {
  const title = bodyTitle.replace(/\s+/g, " ").trim();
  if (!tocTitle) return title;
  const witness = plainText(tocTitle).replace(/\s+/g, "");
  return title.replace(/(\S) (?=(\S))/g, (whole, before: string, after: string) => (CJK.test(before) && CJK.test(after) && witness.includes(before + after) ? before : whole));
}
