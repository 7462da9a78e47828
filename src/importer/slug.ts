/**
 * ASCII slugs that a person can read, for Chinese names. A section's is built from a small
 * vocabulary of the words bulletins use for their sections (产业动态 → industry-news), else
 * from the pinyin of its name (风采展示 → fengcaizhanshi). A publication's is its publisher's
 * own web domain when the bulletin prints one (www.zsia.org → zsia), else the initials of
 * the pinyin of its name (湖南省工业互联网产业简报 → hnsgyhlwcyjb). Pinyin comes from
 * pinyin-pro, which reads polyphonic characters by their words (行业 → hangye).
 */
import { pinyin } from "pinyin-pro";

/** Common words of section names. */
// prettier-ignore
const WORDS: [string, string][] = [
  ["聚焦", "focus"], ["要闻", "headlines"], ["头条", "headlines"],
  ["动态", "news"], ["资讯", "news"], ["新闻", "news"], ["快讯", "briefs"], ["速递", "briefs"],
  ["产业", "industry"], ["行业", "industry"], ["新政", "policy"], ["国策", "policy"], ["政策", "policy"],
  ["法规", "regulation"], ["要论", "analysis"], ["解读", "analysis"], ["评论", "commentary"], ["观点", "opinion"],
  ["会员", "members"], ["协会", "association"], ["工作", "work"], ["导航", "guide"], ["观察", "observation"],
  ["前沿", "frontier"], ["地方", "local"], ["区域", "regional"], ["国际", "international"], ["全球", "global"],
  ["市场", "market"], ["数据", "data"], ["技术", "technology"], ["科技", "technology"], ["创新", "innovation"],
  ["企业", "enterprise"], ["案例", "cases"], ["专题", "special"], ["专家", "experts"], ["论坛", "forum"],
  ["活动", "events"], ["通知", "notices"], ["公告", "notices"], ["发布", "releases"], ["名单", "list"],
  ["统计", "statistics"], ["人才", "talent"], ["标准", "standards"], ["安全", "security"], ["数字", "digital"],
  ["党建", "party-building"], ["学习", "learning"], ["正文", "text"],
];

/** Slug words for the vocabulary words in `name`, in reading order, at most three. */
function slugWords(name: string): string[] {
  const words: string[] = [];
  for (let i = 0; i < name.length && words.length < 3;) {
    const hit = WORDS.find(([word]) => name.startsWith(word, i));
    if (hit && !words.includes(hit[1])) words.push(hit[1]);
    i += hit ? hit[0].length : 1;
  }
  return words;
}

/** The pinyin of a name, syllable by syllable, or its Latin letters and digits as they are; lower case, ASCII. */
function syllables(name: string): string[] {
  return pinyin(name, { toneType: "none", type: "array", nonZh: "consecutive", v: true })
    .map((syllable) => syllable.toLowerCase().replace(/[^a-z0-9]/g, ""))
    .filter(Boolean);
}

const MAX_SLUG = 40;

/**
 * A slug for a section named `name`, not among `taken`: its words (产业动态 → industry-news),
 * else its pinyin, with -2, -3 … added until it is free.
 */
export function sectionSlug(name: string, taken: ReadonlySet<string>): string {
  const words = slugWords(name);
  const base = (words.length > 0 ? words.join("-") : syllables(name).join("").slice(0, MAX_SLUG)) || "section";
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Labels of a host name that say nothing of whose it is. */
const GENERIC_LABELS = new Set(["www", "m", "en", "cn", "com", "org", "net", "gov", "edu", "ac", "info", "int", "biz", "co", "mil"]);

/** The name a web address is registered under: www.zsia.org → zsia, www.hniipa.org.cn → hniipa. */
function domainName(website: string): string | undefined {
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/\s:?#]+)/i.exec(website.trim())?.[1]?.toLowerCase();
  if (!host || !host.includes(".")) return undefined;
  const labels = host.split(".").filter((label) => !GENERIC_LABELS.has(label));
  const name = labels
    .at(-1)
    ?.replace(/[^a-z0-9-]/g, "")
    .replace(/^-+|-+$/g, "");
  return name && /[a-z]/.test(name) ? name : undefined;
}

/** A publication's slug: its publisher's domain when known, else the initials of its name's pinyin. */
export function publicationSlug(name: string, website?: string): string {
  const domain = website ? domainName(website) : undefined;
  if (domain) return domain;
  const initials = pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]/g, ""))
    .join("")
    .slice(0, MAX_SLUG);
  return initials || "bulletin";
}
