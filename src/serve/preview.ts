/**
 * A live preview of the archive, what `bulletin serve` runs: the site is built, served over
 * HTTP with the headers it is made for (src/site/headers.ts), and rebuilt (pages and search)
 * whenever the content folder changes; the pages open in a browser follow (live-reload.ts). A
 * rebuild that fails leaves the previous site in place and being served, so a half-typed edit
 * never takes the preview down, and the open pages show why it failed.
 */
import path from "node:path";
import { ContentError, formatDiagnostics } from "../content/diagnostics.ts";
import { buildSite, type BuildOptions, type BuildSummary } from "../pipeline/build.ts";
import { SITE_HEADERS } from "../site/headers.ts";
import { loadSettings } from "../site/settings.ts";
import { LiveReload } from "./live-reload.ts";
import { createRebuildQueue, type FolderWatcher, watchFolder } from "./rebuilder.ts";
import { startStaticServer } from "./static-server.ts";

/** What happens after the first build, for the command to report. */
interface PreviewEvents {
  /** `files` changed, relative to the content folder, the most recently changed last. */
  rebuilding(files: string[]): void;
  /** `page`: where the content file changed last shows, if it shows on a page. */
  rebuilt(summary: BuildSummary, page: EditedPage | undefined): void;
  /** The content has errors (a ContentError) or the build broke; the previous site is still served. */
  rebuildFailed(error: unknown): void;
  watchFailed(error: Error): void;
}

/** A content file (relative to the content folder, '/'-separated) and the full URL of the page it shows on. */
interface EditedPage {
  file: string;
  url: string;
}

export interface PreviewOptions {
  contentDir: string;
  outputDir: string;
  host: string;
  port: number;
  events: PreviewEvents;
  /** Stops the first build, and any rebuild under way (they fail with the abort's reason). */
  signal?: AbortSignal;
}

export interface Preview {
  url: string;
  /** The first build. */
  summary: BuildSummary;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { contentDir, outputDir, events } = options;
  // Closing the preview stops a rebuild under way, as the caller's signal does.
  const closing = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, closing.signal]) : closing.signal;
  // The site is served under the prefix its links are built with (site.yaml, default "/").
  const settings = (await loadSettings(contentDir)).settings;
  const pathPrefix = settings?.pathPrefix ?? "/";
  const liveReload = new LiveReload(pathPrefix);
  // Listening first: a port already in use is reported before seconds are spent building.
  // The production headers as they are: the event stream is of the site's own origin, which the
  // policy's default-src 'self' allows already.
  const server = await startStaticServer({ root: outputDir, host: options.host, port: options.port, pathPrefix, headers: SITE_HEADERS, addition: liveReload });
  // Incremental: only the pages and search shards the change touches (docs/performance.md); and
  // from the start, so that an output an earlier build of this code left is brought up to date
  // rather than built again, and the copy the edits' rebuilds start from is kept.
  const build: BuildOptions = { contentDir, outputDir, incremental: true, reportChanges: true, signal };
  const queue = createRebuildQueue(async (files) => {
    events.rebuilding(files);
    try {
      const rebuilt = await buildSite(build);
      liveReload.rebuilt(rebuilt.changed ?? []);
      events.rebuilt(rebuilt, editedPage(files, rebuilt, server.url));
    } catch (error) {
      // A rebuild stopped with the preview has not failed.
      if (signal.aborted) return;
      const locale = (await loadSettings(contentDir)).settings?.locale ?? settings?.locale;
      liveReload.failed(failureLines(error), locale);
      events.rebuildFailed(error);
    }
  });
  let summary: BuildSummary;
  let watcher: FolderWatcher;
  try {
    summary = await buildSite(build);
    // Watching starts after the first build, which therefore never overlaps a rebuild.
    watcher = watchFolder(
      contentDir,
      (file) => queue.changed(file),
      (error) => events.watchFailed(error),
    );
  } catch (error) {
    liveReload.close();
    await server.close();
    throw error;
  }

  return {
    url: server.url,
    summary,
    async close() {
      closing.abort(new Error("the preview was closed"));
      watcher.close();
      await queue.close();
      // The event streams would keep the server open.
      liveReload.close();
      await server.close();
    },
  };
}

/** Why a rebuild failed, in the lines `bulletin check` prints for content errors, else in one. */
function failureLines(error: unknown): string[] {
  if (error instanceof ContentError) return formatDiagnostics(error.diagnostics);
  return [`the rebuild failed: ${error instanceof Error ? error.message : String(error)}`];
}

/** The page of the most recently changed of `files` that shows on one. */
function editedPage(files: string[], summary: BuildSummary, siteUrl: string): EditedPage | undefined {
  for (const file of files.toReversed()) {
    const relative = file.split(path.sep).join("/");
    const page = summary.pageOfFile.get(relative);
    if (page) return { file: relative, url: new URL(page.slice(1), siteUrl).href };
  }
  return undefined;
}
