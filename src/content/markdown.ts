/**
 * The one markdown-it setup of the project. Raw HTML in content is escaped, never passed
 * through (a bulletin is text, and the site runs under a strict Content-Security-Policy).
 * https://markdown-it.github.io/markdown-it/
 */
import markdownit, { type Env, type MarkdownIt, type Token } from "markdown-it";

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

/**
 * A line break inside a paragraph becomes a space in HTML. Between two Chinese characters that
 * space is wrong (editors often wrap long lines), so such soft breaks are dropped.
 */
function dropSoftBreaksBetweenCjk(md: MarkdownIt): void {
  md.core.ruler.push("cjk_softbreak", (state) => {
    for (const block of state.tokens) {
      const children = block.children;
      if (block.type !== "inline" || !children) continue;
      for (let i = 1; i < children.length - 1; i++) {
        if (children[i].type !== "softbreak") continue;
        const before = children[i - 1].content.slice(-1);
        const after = children[i + 1].content.slice(0, 1);
        if (CJK.test(before) && CJK.test(after)) {
          children[i].type = "text";
          children[i].content = "";
        }
      }
    }
  });
}

/**
 * Table column alignment comes out of markdown-it as `style="text-align:…"`, which a strict
 * Content-Security-Policy (style-src 'self') blocks; a class does the same job from the stylesheet.
 */
function alignmentAsClass(md: MarkdownIt): void {
  md.core.ruler.push("align_class", (state) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const style = String(token.attrGet("style") ?? "");
      const alignment = style && /text-align:\s*(left|center|right)/.exec(style)?.[1];
      if (!alignment) continue;
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
      token.attrJoin("class", `align-${alignment}`);
    }
  });
}

function createMarkdown(): MarkdownIt {
  const md = markdownit({ html: false, linkify: true, typographer: false });
  md.linkify.set({ fuzzyEmail: false });
  md.use(dropSoftBreaksBetweenCjk);
  md.use(alignmentAsClass);
  return md;
}

export const markdown = createMarkdown();

/** Plain text of an inline token: what a reader sees, without markup. */
export function inlineText(token: Token): string {
  if (!token.children) return token.content;
  return token.children
    .map((child) => {
      if (child.type === "text" || child.type === "code_inline") return child.content;
      if (child.type === "softbreak" || child.type === "hardbreak") return " ";
      if (child.type === "image") return child.children ? child.children.map((c) => c.content).join("") : "";
      return "";
    })
    .join("");
}

/** Plain text of a run of block tokens: one line per paragraph, heading, list item or table row. */
export function blockText(tokens: Token[]): string {
  const lines: string[] = [];
  let row: string[] | undefined;
  for (const token of tokens) {
    if (token.type === "tr_open") row = [];
    else if (token.type === "tr_close" && row) {
      lines.push(row.join(" "));
      row = undefined;
    } else if (token.type === "inline") {
      const value = inlineText(token).trim();
      if (row) row.push(value);
      else if (value) lines.push(value);
    } else if (token.type === "fence" || token.type === "code_block") {
      lines.push(token.content.trim());
    }
  }
  return lines.join("\n");
}

export function renderBlocks(tokens: Token[], env: Env = {}): string {
  return markdown.renderer.render(tokens, markdown.options, env);
}
