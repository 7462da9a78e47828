/**
 * Fuzzy title matching: finding in the body the titles that the table of contents lists, when
 * spacing, punctuation, emphasis or a word differ between the two.
 */
import { displayWidth, isSingleLine, plainText } from "./paragraphs.ts";

/**
 * The comparable core of a title: full-width forms folded to half-width (NFKC), emphasis and
 * code marks dropped, lower-case, letters and digits only. Spacing and punctuation are where
 * a table of contents and the body most often differ, and they carry no meaning for matching.
 */
export function titleKey(title: string): string {
  return plainText(title)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function bigrams(key: string): Map<string, number> {
  const chars = [...key];
  const counts = new Map<string, number>();
  const grams = chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return counts;
}

/** Dice coefficient of the character bigrams of two titles' keys: 1 for equal, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  const x = bigrams(titleKey(a));
  const y = bigrams(titleKey(b));
  let shared = 0;
  let total = 0;
  for (const [gram, count] of x) {
    shared += Math.min(count, y.get(gram) ?? 0);
    total += count;
  }
  for (const count of y.values()) total += count;
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * Below this a title is not taken for a table-of-contents entry. A changed word in a title of
 * twenty characters still scores about 0.75; unrelated headings of the same article score < 0.4.
 */
export const LOOSE_MATCH = 0.6;

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
}

/**
 * Body paragraphs that could be titles: single short lines, and pairs of them (a title wrapped
 * over two lines). `eligible` rules out paragraphs known to be something else.
 */
function titleCandidates(paragraphs: string[], from: number, to: number, eligible: (index: number) => boolean): Candidate[] {
  const fits = (i: number) => i < to && eligible(i) && isSingleLine(paragraphs[i]) && displayWidth(paragraphs[i]) <= MAX_TITLE_WIDTH;
  const candidates: Candidate[] = [];
  for (let i = from; i < to; i++) {
    if (!fits(i)) continue;
    candidates.push({ start: i, span: 1, text: paragraphs[i] });
    if (!fits(i + 1)) continue;
    const pair = `${paragraphs[i]} ${paragraphs[i + 1]}`;
    if (displayWidth(pair) <= MAX_TITLE_WIDTH) candidates.push({ start: i, span: 2, text: pair });
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
export function matchTitles(
  titles: string[],
  paragraphs: string[],
  from: number,
  to: number,
  eligible: (index: number) => boolean = () => true,
): (TitleMatch | undefined)[] {
  const candidates = titleCandidates(paragraphs, from, to, eligible);
  const used = new Set<number>();
  const free = (c: Candidate) => !used.has(c.start) && (c.span === 1 || !used.has(c.start + 1));
  const matches: (TitleMatch | undefined)[] = titles.map(() => undefined);
  const take = (t: number, c: Candidate, score: number, outOfOrder = false) => {
    matches[t] = { start: c.start, span: c.span, score, outOfOrder };
    for (let i = 0; i < c.span; i++) used.add(c.start + i);
  };
  const scoreOf = (t: number, c: Candidate) => {
    const score = similarity(titles[t], c.text);
    if (c.span === 1) return score;
    const alone = Math.max(similarity(titles[t], paragraphs[c.start]), similarity(titles[t], paragraphs[c.start + 1]));
    return score > alone ? score : 0;
  };
  const keys = titles.map(titleKey);

  let cursor = from - 1;
  titles.forEach((_, t) => {
    const exact = candidates.find((c) => c.start > cursor && free(c) && titleKey(c.text) === keys[t]);
    if (!exact) return;
    take(t, exact, 1);
    cursor = exact.start + exact.span - 1;
  });

  titles.forEach((_, t) => {
    if (matches[t]) return;
    const before = matches.slice(0, t).reverse().find((m) => m !== undefined);
    const after = matches.slice(t + 1).find((m) => m !== undefined);
    const low = before ? before.start + before.span : from;
    const high = after ? after.start : to;
    const inWindow = candidates.find((c) => c.start >= low && c.start + c.span <= high && free(c) && scoreOf(t, c) >= LOOSE_MATCH);
    if (inWindow) take(t, inWindow, scoreOf(t, inWindow));
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
  return title.replace(/(\S) (?=(\S))/g, (whole, before: string, after: string) =>
    CJK.test(before) && CJK.test(after) && witness.includes(before + after) ? before : whole,
  );
}
