/**
 * The search page's own words, Chinese first; `data-locale` on #search-app picks the language
 * the rest of the site was built in.
 */
import { fillMessage } from "../site/fill-message.ts";
const zh = {
  prompt: "输入词语开始搜索，多个词用空格分开，加引号可搜索含空格的短语。按 / 键随时回到搜索框。",
  searching: "正在搜索…",
  searchingOlder: "（正在检索更早的文章…）",
  searchingOlderCount: "（正在检索更早的文章：已检索 {searched} / {total} 篇）",
  unavailable: "搜索暂时无法使用，请稍后重试，或按刊物、年份和栏目浏览。",
  summaryExact: "{count} 篇文章包含“{query}”",
  summaryNoExact: "没有文章包含“{query}”",
  summaryNoExactYet: "暂未找到包含“{query}”的文章",
  summaryLoose: "另有 {count} 篇相关结果",
  separator: "，",
  filtered: "（已筛选）",
  exactHeading: "包含“{query}”的文章",
  looseHeading: "相关结果：词语分开出现或部分出现",
  exactBadge: "完整匹配",
  more: "显示更多结果",
  sortLabel: "排序",
  sortRelevance: "相关度",
  sortDate: "日期（由新到旧）",
  filtersHeading: "筛选",
  clearFilters: "清除全部筛选",
  keyboardHint: "↑ ↓ 选择结果，Enter 打开",
  noResults: "没有找到与“{query}”相关的文章。",
  tryHeading: "可以试试：",
  tryRemoveFilter: "去掉筛选“{value}”",
  tryFewerWords: "减少词语，例如只搜“{word}”",
  tryOtherWords: "换一种说法，或检查是否有错别字",
  tryBrowse: "按刊物、年份和栏目浏览全部文章",
  filter_publication: "刊物",
  filter_section: "栏目",
  filter_year: "年份",
  filter_source: "来源",
} as const;

export type SearchMessageKey = keyof typeof zh;

const en: Record<SearchMessageKey, string> = {
  prompt: "Type words to search; separate words with spaces, quote a phrase that contains spaces. Press / to come back to the search box.",
  searching: "Searching…",
  searchingOlder: "(searching older articles…)",
  searchingOlderCount: "(searching older articles: {searched} of {total} searched)",
  unavailable: "Search is not available right now. Try again later, or browse by publication, year and section.",
  summaryExact: "{count} articles contain “{query}”",
  summaryNoExact: "No article contains “{query}”",
  summaryNoExactYet: "No article containing “{query}” found yet",
  summaryLoose: "{count} more loosely related",
  separator: "; ",
  filtered: " (filtered)",
  exactHeading: "Articles containing “{query}”",
  looseHeading: "Looser matches: the words apart or in part",
  exactBadge: "Exact",
  more: "Show more results",
  sortLabel: "Sort",
  sortRelevance: "Relevance",
  sortDate: "Newest first",
  filtersHeading: "Filter",
  clearFilters: "Clear all filters",
  keyboardHint: "↑ ↓ to choose a result, Enter to open it",
  noResults: "No article matches “{query}”.",
  tryHeading: "Try:",
  tryRemoveFilter: "removing the filter “{value}”",
  tryFewerWords: "fewer words, e.g. just “{word}”",
  tryOtherWords: "other words, or check the spelling",
  tryBrowse: "browsing every article by publication, year and section",
  filter_publication: "Publication",
  filter_section: "Section",
  filter_year: "Year",
  filter_source: "Source",
};

export type Translate = (key: SearchMessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: string | undefined): Translate {
  const messages: Record<SearchMessageKey, string> = locale === "en" ? en : zh;
  return (key, values = {}) => fillMessage(messages[key], values);
}
