/**
 * ASCII slugs for Chinese names. Section names are built from a small vocabulary of the words
 * bulletins use for their sections (产业动态 → industry-news); a name with none of them gets
 * `section-N`. A publication without a chosen slug gets one derived from a hash of its name.
 */
import { createHash } from "node:crypto";

/** Common words of section names. */
// prettier-ignore
const WORDS: [string, string][] = [
  ["聚焦", "focus"],
  ["要闻", "headlines"],
  ["头条", "headlines"],
  ["动态", "news"],
  ["资讯", "news"],
  ["新闻", "news"],
  ["快讯", "briefs"],
  ["速递", "briefs"],
  ["产业", "industry"],
  ["行业", "industry"],
  ["新政", "policy"],
  ["国策", "policy"],
  ["政策", "policy"],
  ["法规", "regulation"],
  ["要论", "analysis"],
  ["解读", "analysis"],
  ["评论", "commentary"],
  ["观点", "opinion"],
  ["会员", "members"],
  ["协会", "association"],
  ["工作", "work"],
  ["导航", "guide"],
  ["观察", "observation"],
  ["前沿", "frontier"],
  ["地方", "local"],
  ["区域", "regional"],
  ["国际", "international"],
  ["全球", "global"],
  ["市场", "market"],
  ["数据", "data"],
  ["技术", "technology"],
  ["科技", "technology"],
  ["创新", "innovation"],
  ["企业", "enterprise"],
  ["案例", "cases"],
  ["专题", "special"],
  ["专家", "experts"],
  ["论坛", "forum"],
  ["活动", "events"],
  ["通知", "notices"],
  ["公告", "notices"],
  ["发布", "releases"],
  ["名单", "list"],
  ["统计", "statistics"],
  ["人才", "talent"],
  ["标准", "standards"],
  ["安全", "security"],
  ["数字", "digital"],
  ["党建", "party-building"],
  ["学习", "learning"],
  ["正文", "text"],
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

/**
 * A slug for a section named `name`, not among `taken`: its words (产业动态 → industry-news),
 * else `section-<position>`, with -2, -3 … added until it is free.
 */
export function sectionSlug(name: string, position: number, taken: ReadonlySet<string>): string {
  const words = slugWords(name);
  const base = words.length > 0 ? words.join("-") : `section-${position}`;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** A stable slug for a publication: `bulletin-` and six hex digits of its name's SHA-256. */
export function publicationSlug(name: string): string {
  return `bulletin-${createHash("sha256").update(name).digest("hex").slice(0, 6)}`;
}
