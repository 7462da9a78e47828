/**
 * The masthead and front pages of a bulletin: its name (浙江省软件和信息服务业 / 简报 may be
 * printed on two lines), 第N期, 总第M期, the year, the date (2026年3月31日 or 2026 年 3 月 31 日,
 * on the numbers' line or the publisher's), the publisher, slogans, and the editorial box.
 */
import { DateTime } from "luxon";
import { Colophon } from "./colophon.ts";
import { displayWidth, isSingleLine } from "./paragraphs.ts";
import { similarTitle, titleKey } from "./titles.ts";
import type { Masthead } from "./types.ts";

const NUMBER = "([0-9]+|[〇零一二三四五六七八九十百]+)";
// Spaces before 总 count only after a bracket: a leading \s* would be tried from every space of a long run.
// 总第180期, 总180期, (总第180期).
const CUMULATIVE = new RegExp(`(?:[（(]\\s*)?总\\s*第?\\s*${NUMBER}\\s*期\\s*[)）]?`);
const ISSUE = new RegExp(`第\\s*${NUMBER}\\s*期`);
/** Year digits written as Chinese numerals: 二〇二四 (〇 also printed as ○ or O). */
const HAN_DIGIT = "[〇零一二三四五六七八九○OＯ]";
const HAN_SMALL = "[一二三四五六七八九十]{1,3}";
const DATES = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/,
  /(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/,
  new RegExp(`(${HAN_DIGIT}{4})\\s*年\\s*(${HAN_SMALL})\\s*月\\s*(${HAN_SMALL})\\s*日`),
];
/** A month without its day: 二〇二四年六月, 2024年6月 (the issue is dated the first of the month). */
const MONTHS = [new RegExp(`(${HAN_DIGIT}{4})\\s*年\\s*(${HAN_SMALL})\\s*月(?!\\s*[一二三四五六七八九十\\d])`), /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)(?!份)/];
/** A year on its own, as in "2026年 第3期" (not the year of a date). */
const YEAR = /(\d{4})\s*年(?!\s*\d{1,2}\s*月)/;

/** Words a bulletin's name ends with; a line holding only one of them finishes the line above. */
const NAME_ENDING = /(?:简报|动态|通讯|快报|周报|月报|专报|内参|要情|参考|信息|资讯|通报|专刊)$/;

/** 12, 十二, 一百二十三, 二〇二四 (digit by digit) → number. */
export function parseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digits: Record<string, number> = { 〇: 0, 零: 0, "○": 0, O: 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  // A year is read digit by digit.
  if (!/[十百]/.test(text) && [...text].length >= 4) return Number([...text].map((char) => digits[char] ?? 0).join(""));
  let total = 0;
  let digit = 0;
  for (const char of text) {
    if (char === "百" || char === "十") {
      total += (digit || 1) * (char === "百" ? 100 : 10);
      digit = 0;
    } else {
      digit = digits[char] ?? 0;
    }
  }
  return total + digit;
}

interface FoundDate {
  iso: string;
  match: string;
  /** Only the month was printed: the date is the first of it. */
  monthOnly?: boolean;
}

/** The first calendar date in the text, as YYYY-MM-DD; else the first month, dated its first day. */
function findDate(text: string): FoundDate | undefined {
  for (const [patterns, monthOnly] of [
    [DATES, false],
    [MONTHS, true],
  ] as const) {
    for (const pattern of patterns) {
      const match = pattern.exec(text);
      if (!match) continue;
      const date = DateTime.fromObject({ year: parseNumber(match[1]), month: parseNumber(match[2]), day: monthOnly ? 1 : parseNumber(match[3]) });
      if (date.isValid) return { iso: date.toISODate(), match: match[0], ...(monthOnly && { monthOnly }) };
    }
  }
  return undefined;
}

const hasIssueNumber = (text: string) => ISSUE.test(text.replace(CUMULATIVE, ""));
/** A masthead line with the issue's numbers: 第N期, or only 总第M期 when that is all it prints. */
const hasNumbers = (text: string) => hasIssueNumber(text) || (CUMULATIVE.test(text) && displayWidth(text) <= 30);

/** What is left of a masthead line once its date and numbers are taken out: a name or a publisher. */
function remainder(text: string): string {
  const date = findDate(text);
  return (
    (date ? text.replace(date.match, " ") : text)
      .replace(CUMULATIVE, " ")
      .replace(ISSUE, " ")
      .replace(YEAR, " ")
      // The lookbehind matches the closing run from its first character only; a bare `[…]+$` is retried from each one.
      .replace(/^[\s,，·|｜]+|(?<![\s,，·|｜])[\s,，·|｜]+$/g, "")
      .replace(/\s+/g, " ")
  );
}

/** Could be the name: one short line, no punctuation, not a phrase with 的. */
const isNameLike = (text: string) => isSingleLine(text) && displayWidth(text) <= 24 && !/[，。、；：！？“”,.;:!?的]/.test(text);

export interface FrontPages {
  masthead: Masthead;
  /** The editorial box, read and tidied, for the about section. */
  colophon: Colophon;
  /**
   * Paragraphs after the issue's numbers that are neither masthead nor editorial box: a cover
   * headline, or text that belongs in a foreword.
   */
  leftovers: number[];
  /** Where the front pages end. */
  end: number;
}

/**
 * Reads the front pages `paragraphs[0, limit)`. Without a limit they end at the first
 * paragraph after the issue's numbers that is neither masthead nor editorial box.
 * Paragraphs are plain text.
 */
export function readFrontPages(paragraphs: string[], limit?: number, nameAt?: number): FrontPages {
  const searchEnd = limit ?? paragraphs.length;
  const front = paragraphs.slice(0, searchEnd);
  const numbersAt = front.some(hasIssueNumber) ? front.findIndex(hasIssueNumber) : front.findIndex(hasNumbers);
  const numbersLine = numbersAt >= 0 ? paragraphs[numbersAt] : "";
  const masthead: Masthead = { taglines: [], editors: [] };

  const cumulative = CUMULATIVE.exec(numbersLine);
  const issue = ISSUE.exec(numbersLine.replace(CUMULATIVE, ""));
  if (issue) masthead.issue = parseNumber(issue[1]);
  if (cumulative) masthead.cumulative = parseNumber(cumulative[1]);
  if (!issue && cumulative) masthead.onlyCumulative = true;

  // The name: where the type shows it (the largest line of the cover), else above the numbers,
  // maybe over two lines; the other lines above the numbers are slogans.
  const nameLines = nameAt !== undefined && nameAt < searchEnd && isNameLike(paragraphs[nameAt]) ? nameParts(paragraphs, nameAt) : [];
  const above = mergeNameEndings(paragraphs.slice(0, Math.max(numbersAt, 0)).filter((p, i) => !nameLines.includes(i) && !findDate(p) && !hasNumbers(p)));
  const named = nameLines.length ? undefined : (above.find((p) => isNameLike(p) && NAME_ENDING.test(p)) ?? above.find(isNameLike));
  masthead.name = nameLines.length ? nameLines.map((i) => paragraphs[i]).join("") : (named ?? (remainder(numbersLine) || undefined));
  masthead.taglines = above.filter((p) => p !== named);

  const colophon = new Colophon();
  const leftovers: number[] = [];
  const nameKey = masthead.name ? titleKey(masthead.name) : undefined;
  let publisherOnDateLine: string | undefined;
  let publisherLine: string | undefined;
  let end = searchEnd;
  for (let i = 0; i < searchEnd; i++) {
    const text = paragraphs[i];
    const date = findDate(text);
    if (nameLines.includes(i)) continue;
    if (date || hasNumbers(text)) {
      if (date && masthead.date === undefined) {
        masthead.date = date.iso;
        if (date.monthOnly) masthead.monthOnly = date.match;
      }
      const rest = remainder(text);
      if (rest && rest !== masthead.name) publisherOnDateLine ??= rest.replace(PUBLISHED_BY, "");
      masthead.year ??= yearOf(text);
      continue;
    }
    const publishedBy = PUBLISHER_LINE.exec(text);
    if (publishedBy && i <= numbersAt + 3) {
      publisherLine ??= publishedBy[1];
      continue;
    }
    if (colophon.take(text) || i < numbersAt || titleKey(text) === nameKey) continue;
    if (limit === undefined && i > numbersAt) {
      end = i;
      break;
    }
    leftovers.push(i);
  }
  masthead.year ??= masthead.date ? Number(masthead.date.slice(0, 4)) : undefined;
  masthead.publisher = colophon.publisher() ?? publisherLine ?? publisherOnDateLine;
  masthead.editors = colophon.editors();
  return { masthead, colophon, leftovers, end };
}

/** A masthead line naming who publishes: 华中数字治理研究院　编, 滇中农业农村信息中心 主办. */
const PUBLISHER_LINE = /^([^\s，。：:；]{4,28})\s*(?:编印|主办|编)$/;

/** 某某协会编, 某某办公室编印: the body that publishes, without the verb. */
const PUBLISHED_BY = /(?<=\S{4})\s*(?:编印|主办|印发|编发|出品|编)$/;

/** The name at `at`, with a line that only finishes it (简报 under 湖南省工业互联网产业) or that it finishes. */
function nameParts(paragraphs: string[], at: number): number[] {
  const endsName = (i: number) => i >= 0 && i < paragraphs.length && NAME_ENDING.test(paragraphs[i]) && paragraphs[i].replace(NAME_ENDING, "") === "";
  if (endsName(at) && at > 0 && isNameLike(paragraphs[at - 1]) && !hasNumbers(paragraphs[at - 1])) return [at - 1, at];
  if (endsName(at + 1) && !endsName(at)) return [at, at + 1];
  return [at];
}

function yearOf(text: string): number | undefined {
  const year = YEAR.exec(text);
  return year ? Number(year[1]) : undefined;
}

/** 浙江省软件和信息服务业 + 简报 → 浙江省软件和信息服务业简报. */
function mergeNameEndings(lines: string[]): string[] {
  const merged: string[] = [];
  for (const line of lines) {
    const previous = merged.at(-1);
    if (previous !== undefined && NAME_ENDING.test(line) && line.replace(NAME_ENDING, "") === "" && isNameLike(previous)) {
      merged[merged.length - 1] = previous + line;
    } else {
      merged.push(line);
    }
  }
  return merged;
}

/**
 * The cover headline among front-page leftovers: the first that names one of the issue's
 * articles (大数据发展动态 prints its lead article's title on the cover). `index` is its place
 * in `leftovers`, -1 when there is none; the other leftovers belong in the issue's foreword.
 */
export function findCoverHeadline(leftovers: string[], articleTitles: string[]): { title?: string; index: number } {
  const similarTo = similarTitle(articleTitles);
  for (const [index, text] of leftovers.entries()) {
    const title = similarTo(text);
    if (title !== undefined) return { title, index };
  }
  return { index: -1 };
}
