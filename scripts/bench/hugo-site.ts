/**
 * The Hugo baseline: the same archive as a Hugo site, so that the benchmark can time what a
 * mainstream static-site generator takes to write the same HTML. The synthetic issues are split
 * into Hugo content — a branch bundle per issue (its whole text, as our issue page shows it) with
 * one page per article, a list page per publication and year — and taxonomies give the section
 * and source listings, 20 a page like ours. Templates are small but show what ours show: a
 * layout, breadcrumbs, the article with its metadata, previous/next, paginated lists.
 *
 * Hugo is optional (Debian's `hugo` package): the benchmark says "not installed" without it.
 * https://gohugo.io/content-management/page-bundles/, https://gohugo.io/templates/lookup-order/
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseYaml, readFrontMatter } from "../../src/content/frontmatter.ts";

/** Hugo's version line, or undefined when `hugo` is not on the PATH. */
export function hugoVersion(): string | undefined {
  try {
    return execFileSync("hugo", ["version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

const CONFIG = `baseURL = "https://bulletins.example.org/"
languageCode = "zh-CN"
title = "简报档案"
hasCJKLanguage = true
disableKinds = ["RSS"]
[pagination]
  pagerSize = 20
[taxonomies]
  section = "sections"
  source = "sources"
`;

/** Hugo 0.111 reads `paginate`; newer versions `pagination.pagerSize`: both are given. */
const LEGACY_CONFIG = "paginate = 20\n";

const LAYOUTS: Record<string, string> = {
  "_default/baseof.html": `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="stylesheet" href="/assets/site.css"></head>
<body>
<header class="site-header"><a href="/">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}<a href="/search/">搜索</a></nav></header>
<nav class="breadcrumbs" aria-label="位置">{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}<span>{{ .Title }}</span></nav>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body></html>
`,
  "_default/single.html": `{{ define "main" }}<article class="article" data-pagefind-body>
<header><p class="kicker"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a> · {{ range .Params.sections }}<a href="{{ printf "/sections/%s/" (urlize .) }}">{{ . }}</a>{{ end }}</p>
<h1>{{ .Title }}</h1>
<p class="article-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time>{{ range .Params.sources }} · 来源：<a href="{{ printf "/sources/%s/" (urlize .) }}">{{ . }}</a>{{ end }}</p></header>
<div class="prose">{{ .Content }}</div></article>
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
<a href="{{ .Parent.RelPermalink }}">返回本期</a>
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}</nav>{{ end }}
`,
  "_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Content }}<div class="prose">{{ . }}</div>{{ end }}
{{ $pages := .Pages }}{{ if eq .Kind "term" }}{{ $pages = .Pages.ByDate.Reverse }}{{ end }}
<ol class="list">{{ range (.Paginate $pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006年1月2日" }}</time>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ol>
{{ template "_internal/pagination.html" . }}{{ end }}
`,
  "_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
`,
  "index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ol>{{ range first 20 (where .Site.RegularPages.ByDate.Reverse "Params.kind" "issue") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
<form action="/search/"><input name="q"></form>{{ end }}
`,
};

/** Front matter as Hugo reads it (YAML); values are quoted by JSON, which YAML accepts. */
function frontMatter(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join("\n")}\n---\n`;
}

interface SplitArticle {
  title: string;
  section: string;
  source?: string;
  body: string;
}

/** The articles of an issue's Markdown: `##` sections, `###` articles (docs/content-format.md). */
function splitArticles(body: string): SplitArticle[] {
  const articles: SplitArticle[] = [];
  let section = "";
  let current: { title: string; section: string; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const lines = current.lines.join("\n").trim().split("\n");
    const source = /^来源：(.+)$/.exec(lines[0] ?? "")?.[1];
    articles.push({ title: current.title, section: current.section, source, body: (source ? lines.slice(1) : lines).join("\n").trim() });
    current = undefined;
  };
  for (const line of body.split("\n")) {
    if (line.startsWith("## ")) {
      flush();
      section = line.slice(3).trim();
    } else if (line.startsWith("### ")) {
      flush();
      current = { title: line.slice(4).trim(), section, lines: [] };
    } else current?.lines.push(line);
  }
  flush();
  return articles;
}

/** The first words of an article as plain text, for its description (ours come from its text too). */
function plainText(markdown: string): string {
  return markdown
    .replace(/[#>*|`[\]()-]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

async function write(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

/** Writes the Hugo project of an archive in our content format; returns the number of articles. */
export async function writeHugoSite(contentDir: string, hugoDir: string, hugoVersionLine = ""): Promise<number> {
  const legacy = /v0\.(\d+)/.exec(hugoVersionLine);
  await write(path.join(hugoDir, "hugo.toml"), (legacy && Number(legacy[1]) < 128 ? LEGACY_CONFIG : "") + CONFIG);
  for (const [file, text] of Object.entries(LAYOUTS)) await write(path.join(hugoDir, "layouts", file), text);
  await write(path.join(hugoDir, "static/assets/site.css"), "body{font-family:sans-serif}\n");
  const out = path.join(hugoDir, "content");
  let articles = 0;
  for (const publication of await fs.readdir(contentDir, { withFileTypes: true })) {
    if (!publication.isDirectory()) continue;
    const pubDir = path.join(contentDir, publication.name);
    const info = parseYaml(await fs.readFile(path.join(pubDir, "publication.yaml"), "utf8")) as { name: string; description?: string };
    await write(path.join(out, publication.name, "_index.md"), `${frontMatter({ title: info.name, description: info.description })}\n${info.description ?? ""}\n`);
    for (const year of await fs.readdir(pubDir, { withFileTypes: true })) {
      if (!year.isDirectory() || !/^\d{4}$/.test(year.name)) continue;
      await write(path.join(out, publication.name, year.name, "_index.md"), frontMatter({ title: `${year.name}年`, date: `${year.name}-01-01` }));
      for (const file of (await fs.readdir(path.join(pubDir, year.name))).filter((name) => name.endsWith(".md"))) {
        const read = readFrontMatter(await fs.readFile(path.join(pubDir, year.name, file), "utf8"), file);
        if (!read.ok) throw new Error(`${file}: ${read.diagnostic.message}`);
        const { data, body } = read.value;
        const issue = String(data.issue);
        const issueDir = path.join(out, publication.name, year.name, issue);
        const title = `${info.name} ${year.name}年第${issue}期`;
        await write(path.join(issueDir, "_index.md"), `${frontMatter({ title, date: data.date, kind: "issue", summary: data.summary })}\n${body}`);
        for (const [k, article] of splitArticles(body).entries()) {
          articles += 1;
          const fields = {
            title: article.title,
            description: plainText(article.body).slice(0, 100),
            date: data.date,
            weight: k + 1,
            sections: [article.section],
            sources: article.source ? [article.source] : undefined,
            url: `/${publication.name}/${year.name}/${issue}/${k + 1}/`,
          };
          await write(path.join(issueDir, `${k + 1}.md`), `${frontMatter(fields)}\n${article.body}\n`);
        }
      }
    }
  }
  return articles;
}
