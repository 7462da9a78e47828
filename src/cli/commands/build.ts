import { buildSite, type BuildSummary } from "../../pipeline/build.ts";
import { formatDiagnostics } from "../../content/diagnostics.ts";
import { type Command, contentDirOption, DEFAULT_CONTENT_DIR, DEFAULT_OUTPUT_DIR, outputDirOption, plural, stringOption } from "../command.ts";
import { whileInterruptible } from "../interrupts.ts";

export function formatSummary(summary: BuildSummary, outputDir: string): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const t = summary.timings;
  const how = summary.incremental ? "Updated" : "Built";
  return [
    `${how} ${outputDir}: ${plural(summary.publications, "publication")}, ${plural(summary.issues, "issue")}, ${plural(summary.articles, "article")}, ${plural(summary.pages, "file")} written, ${plural(summary.assets, "linked file")}.`,
    `Search: ${plural(summary.searchPages, "article")} in ${plural(summary.searchShards, "shard")}, ${summary.indexedShards - summary.keptShards} indexed now${summary.keptShards ? `, ${summary.keptShards} as kept from an earlier build` : ""}.`,
    `Time: load ${seconds(t.load)}, render ${seconds(t.render)}, search ${seconds(t.search)}, total ${seconds(t.total)}.`,
  ].join("\n");
}

export const buildCommand: Command = {
  name: "build",
  summary: "build the whole site, search included",
  usage: `Usage: bulletin build [--content DIR] [--output DIR] [--path-prefix /PREFIX/] [--url URL] [--incremental] [--no-cache]

Checks every issue, renders the site and its search bundle into a staging folder, and replaces
the output folder only when everything succeeded.

With --incremental, only the pages and search shards that changed since the previous build are
written; the rest of the previous output is carried over as hard links (a full build when there
is no previous build). The output is still replaced only when everything succeeded, and content
errors still stop the build before anything is written.

Every build keeps its parsed issues and indexed search shards in .bulletin-cache/ beside the
output, and the next one uses them where the content (for a shard, its article pages) is the
same: a full build indexes only the shards whose articles changed. With --no-cache it uses
nothing kept.

Options:
  --content DIR       content folder (default: ${DEFAULT_CONTENT_DIR})
  --output DIR        output folder (default: ${DEFAULT_OUTPUT_DIR})
  --path-prefix PATH  host the site in a subfolder, e.g. /bulletins/
  --url URL           the site's public address, for feeds and the sitemap
  --incremental       write only what changed since the previous build
  --no-cache          use nothing an earlier build kept (parsed issues, search shards)
  -h, --help          show this help`,
  options: {
    content: { type: "string" },
    output: { type: "string" },
    "path-prefix": { type: "string" },
    url: { type: "string" },
    incremental: { type: "boolean" },
    "no-cache": { type: "boolean" },
  },
  async run(args) {
    const outputDir = outputDirOption(args);
    return whileInterruptible(async (signal) => {
      const summary = await buildSite({
        contentDir: contentDirOption(args),
        outputDir,
        settings: { pathPrefix: stringOption(args, "path-prefix"), url: stringOption(args, "url") },
        incremental: args.values.incremental === true,
        noCache: args.values["no-cache"] === true,
        signal,
      });
      for (const line of formatDiagnostics(summary.warnings)) console.error(line);
      console.log(formatSummary(summary, outputDir));
      return 0;
    });
  },
};
