/**
 * Lines built to make the importer slow: each took from seconds to minutes when a regex retried a
 * long run from each of its characters or a loop went over the text joined so far ("[" × 86 000
 * took 87 s). The robustness tests import each at its full size; `npm run bench:import -- --lines`
 * times them at two sizes to show the time grows linearly.
 */
export const MASTHEAD = ["示例行业简报", "2026年第1期 总第10期", "示例行业协会 2026年1月31日"];

/** A name and the text at `size` repetitions; `size` is the count the tests use. */
export const SLOW_LINES: { name: string; size: number; text: (size: number) => string }[] = [
  { name: "brackets", size: 100_000, text: (n) => "[".repeat(n) },
  { name: "escaped brackets", size: 50_000, text: (n) => "\\[".repeat(n) },
  { name: "unclosed autolinks", size: 20_000, text: (n) => "<http:".repeat(n) },
  { name: "spaces inside a line", size: 100_000, text: (n) => `a${" ".repeat(n)}b` },
  { name: "a dated line with spaces", size: 100_000, text: (n) => `2026年1月31日${" ".repeat(n)}x` },
  { name: "a contents entry with spaces", size: 100_000, text: (n) => `- 标题${" ".repeat(n)}x\n- 标题 3` },
  { name: "leader dots", size: 100_000, text: (n) => `- 标题${"…".repeat(n)}x\n- 标题 3` },
  { name: "page-broken paragraphs", size: 40_000, text: (n) => "这是一段被分页截断的文字，\n\n".repeat(n) },
];

/** The bulletin around a slow line: a masthead, an opening paragraph, the line, a closing one. */
export const slowBulletin = (line: string) => Buffer.from([...MASTHEAD, "引言。", line, "正文。"].join("\n\n"));
