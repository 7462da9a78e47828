import { existsSync } from "node:fs";
import path from "node:path";
import { ContentError, formatDiagnostic, sortDiagnostics } from "../../content/diagnostics.ts";
import type { BuildSummary } from "../../pipeline/build.ts";
import { folderOverlapProblem } from "../../pipeline/folders.ts";
import { type PreviewOptions, startPreview } from "../../serve/preview.ts";
import { type Command, contentDirOption, DEFAULT_CONTENT_DIR, DEFAULT_OUTPUT_DIR, outputDirOption, stringOption, UsageError } from "../command.ts";
import { whileInterruptible } from "../interrupts.ts";
import { formatSummary } from "./build.ts";

const DEFAULT_PORT = 8080;
const DEFAULT_HOST = "127.0.0.1";

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port expects a port number from 0 to 65535, found ${value}`);
  return port;
}

/** A listening error in words, e.g. the port being taken by another server. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string | undefined {
  switch (error.code) {
    case "EADDRINUSE":
      return `port ${port} on ${host} is already in use (another bulletin serve?); stop it or choose another port with --port`;
    case "EACCES":
      return `not allowed to listen on port ${port}; choose a port above 1023 with --port`;
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return `cannot listen on host ${host}: it is not an address of this machine`;
    default:
      return undefined;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The changed files worth naming: short-lived temporary files of editors and tools are left out. */
function describeChanges(contentDir: string, files: string[]): string {
  const named = files.filter((file) => /\.(md|ya?ml)$/.test(file) || existsSync(path.join(contentDir, file)));
  return named.length ? named.join(", ") : `files in ${contentDir}`;
}

function printWarnings(summary: BuildSummary): void {
  for (const warning of sortDiagnostics(summary.warnings)) console.error(formatDiagnostic(warning));
}

export const serveCommand: Command = {
  name: "serve",
  summary: "build the site, serve it locally and rebuild it when content changes",
  usage: `Usage: bulletin serve [--content DIR] [--output DIR] [--port N] [--host HOST]

Builds the site, serves it at http://127.0.0.1:8080/ and watches the content folder: every
change rebuilds the pages and the search index. A rebuild that finds errors in the content
prints them and keeps serving the previous site. Stop with Ctrl+C.

Options:
  --content DIR  content folder (default: ${DEFAULT_CONTENT_DIR})
  --output DIR   output folder (default: ${DEFAULT_OUTPUT_DIR})
  --port N       port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST    address to listen on (default: ${DEFAULT_HOST}, this machine only);
                 e.g. 0.0.0.0 to let other machines on the network see the preview
  -h, --help     show this help`,
  options: {
    content: { type: "string" },
    output: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
  },
  async run(args) {
    if (args.positionals.length) throw new UsageError(`serve takes no arguments, found ${args.positionals.join(" ")}`);
    const contentDir = contentDirOption(args);
    const outputDir = outputDirOption(args);
    const host = stringOption(args, "host") ?? DEFAULT_HOST;
    const port = parsePort(stringOption(args, "port"));
    const overlap = folderOverlapProblem(contentDir, outputDir);
    if (overlap) throw new UsageError(overlap);

    console.log(`Building ${contentDir} into ${outputDir} …`);
    // A signal during the first build stops it, and the command (exit 130 or 143); afterwards it
    // stops the preview, a rebuild under way included (exit 0).
    return whileInterruptible((signal, stopped) => serve({ contentDir, outputDir, host, port, signal }, stopped));
  },
};

async function serve(options: Omit<PreviewOptions, "events">, stopped: Promise<unknown>): Promise<number> {
  const { contentDir, outputDir, host, port } = options;
  const preview = await startPreview({
    ...options,
    events: {
      rebuilding: (files) => console.log(`\nChanged: ${describeChanges(contentDir, files)}. Rebuilding …`),
      rebuilt(summary) {
        printWarnings(summary);
        console.log(`Rebuilt in ${seconds(summary.timings.total)}: ${summary.issues} issues, ${summary.articles} articles.`);
      },
      rebuildFailed(error) {
        console.error(error instanceof ContentError ? error.message : `bulletin: the rebuild failed: ${(error as Error).message}`);
        console.error("Still serving the previous site; fix the content and save again.");
      },
      watchFailed: (error) => console.error(`bulletin: watching ${contentDir} failed: ${error.message}; restart bulletin serve`),
    },
  }).catch((error: NodeJS.ErrnoException) => {
    const problem = listenProblem(error, host, port);
    throw problem ? new Error(problem) : error;
  });
  printWarnings(preview.summary);
  console.log(formatSummary(preview.summary, outputDir));
  console.log(`\nServing ${outputDir} at ${preview.url}`);
  console.log(`Watching ${contentDir} for changes. Press Ctrl+C to stop.`);

  await stopped;
  console.log("\nStopping …");
  // A rebuild under way was aborted by the same signal; closing waits for it to stop.
  await preview.close();
  return 0;
}
