import { buildSite, type BuildSummary } from "../../build/build.ts";
import { formatDiagnostic, sortDiagnostics } from "../../content/diagnostics.ts";
import type { Command } from "../command.ts";
import { stringOption } from "../command.ts";

export function formatSummary(summary: BuildSummary, outputDir: string): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const t = summary.timings;
  return [
    `Built ${outputDir}: ${summary.publications} publications, ${summary.issues} issues, ${summary.articles} articles, ${summary.pages} files, ${summary.assets} linked files.`,
    `Search: ${summary.searchPages} articles indexed.`,
    `Time: load ${seconds(t.load)}, render ${seconds(t.render)}, search ${seconds(t.search)}, total ${seconds(t.total)}.`,
  ].join("\n");
}

export const buildCommand: Command = {
  name: "build",
  summary: "build the whole site, search included",
  usage: `Usage: bulletin build [--content DIR] [--output DIR] [--path-prefix /PREFIX/] [--url URL]

Checks every issue, renders the site and its search bundle into a staging folder, and replaces
the output folder only when everything succeeded.

Options:
  --content DIR       content folder (default: content)
  --output DIR        output folder (default: _site)
  --path-prefix PATH  host the site in a subfolder, e.g. /bulletins/
  --url URL           the site's public address, for feeds and the sitemap
  -h, --help          show this help`,
  options: {
    content: { type: "string" },
    output: { type: "string" },
    "path-prefix": { type: "string" },
    url: { type: "string" },
  },
  async run(args) {
    const outputDir = stringOption(args, "output") ?? "_site";
    const summary = await buildSite({
      contentDir: stringOption(args, "content") ?? "content",
      outputDir,
      settings: { pathPrefix: stringOption(args, "path-prefix"), url: stringOption(args, "url") },
    });
    for (const warning of sortDiagnostics(summary.warnings)) console.error(formatDiagnostic(warning));
    console.log(formatSummary(summary, outputDir));
    return 0;
  },
};
