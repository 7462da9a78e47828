/**
 * Interface text. Chinese is the first locale; English is complete, not a fallback.
 * Content (titles, articles) is never translated: only the site's own words are.
 */
import type { Locale } from "./settings.ts";

const zh = {
  skipToContent: "跳到正文",
  home: "首页",
  publications: "刊物",
  latestIssues: "最新各期",
  search: "搜索",
  searchPlaceholder: "搜索全部简报，如：数据要素",
  searchButton: "搜索",
  allIssues: "全部各期",
  years: "年份",
  yearIssues: "{year}年各期",
  issuesCount: "{count}期",
  articlesCount: "{count}篇文章",
  contents: "本期目录",
  sections: "栏目",
  sectionIndex: "栏目文章",
  source: "来源",
  sources: "来源索引",
  sourcesIntro: "按来源浏览全部文章。",
  editorNote: "编者按",
  editors: "编辑",
  originalPdf: "查看原版 PDF",
  olderIssue: "上一期",
  newerIssue: "下一期",
  olderYear: "上一年",
  newerYear: "下一年",
  previousArticle: "上一篇",
  nextArticle: "下一篇",
  previousPage: "上一页",
  nextPage: "下一页",
  pageOf: "第{page}页，共{count}页",
  inIssue: "所在期",
  backToIssue: "返回本期",
  noArticles: "暂无文章。",
  feeds: "订阅",
  atomFeed: "Atom 订阅",
  jsonFeed: "JSON 订阅",
  notFoundTitle: "页面不存在",
  notFoundText: "您要找的页面不存在，可能已移动或地址有误。",
  notFoundHelp: "可以回到首页浏览，或搜索您要找的内容。",
  breadcrumb: "导航路径",
  publisher: "编印",
  frequency: "刊期",
  searchTitle: "全文搜索",
  searchIntro: "在全部刊物的每一期中搜索。",
  searchNeedsJs: "搜索需要启用 JavaScript。您仍可按刊物、年份和栏目浏览全部文章。",
  article: "文章",
  issue: "期",
  footerNote: "本站由静态网站生成器构建，可离线浏览。",
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  skipToContent: "Skip to content",
  home: "Home",
  publications: "Publications",
  latestIssues: "Latest issues",
  search: "Search",
  searchPlaceholder: "Search every bulletin, e.g. 数据要素",
  searchButton: "Search",
  allIssues: "All issues",
  years: "Years",
  yearIssues: "Issues of {year}",
  issuesCount: "{count} issues",
  articlesCount: "{count} articles",
  contents: "In this issue",
  sections: "Sections",
  sectionIndex: "Section index",
  source: "Source",
  sources: "Sources",
  sourcesIntro: "Every article, by the source it was taken from.",
  editorNote: "Editor's note",
  editors: "Editors",
  originalPdf: "Original PDF",
  olderIssue: "Previous issue",
  newerIssue: "Next issue",
  olderYear: "Previous year",
  newerYear: "Next year",
  previousArticle: "Previous article",
  nextArticle: "Next article",
  previousPage: "Previous page",
  nextPage: "Next page",
  pageOf: "Page {page} of {count}",
  inIssue: "Issue",
  backToIssue: "Back to the issue",
  noArticles: "No articles yet.",
  feeds: "Feeds",
  atomFeed: "Atom feed",
  jsonFeed: "JSON feed",
  notFoundTitle: "Page not found",
  notFoundText: "The page you asked for does not exist; it may have moved, or the address is wrong.",
  notFoundHelp: "Browse from the home page, or search for what you need.",
  breadcrumb: "Breadcrumb",
  publisher: "Publisher",
  frequency: "Frequency",
  searchTitle: "Full-text search",
  searchIntro: "Search every issue of every publication.",
  searchNeedsJs: "Search needs JavaScript. You can still browse every article by publication, year and section.",
  article: "Article",
  issue: "Issue",
  footerNote: "Built by a static-site generator; works offline.",
};

const messages: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zh, en };

export function translate(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  const template = messages[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}
