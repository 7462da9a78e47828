/**
 * A live preview of the archive, what `bulletin serve` runs: the site is built, served over
 * HTTP, and rebuilt (pages and search) whenever the content folder changes. A rebuild that
 * fails leaves the previous site in place and being served, so a half-typed edit never takes
 * the preview down.
 */
import type { FSWatcher } from "node:fs";
import { buildSite, type BuildSummary } from "../pipeline/build.ts";
import { loadSettings } from "../site/settings.ts";
import { createRebuildQueue, watchFolder } from "./rebuilder.ts";
import { startStaticServer } from "./static-server.ts";

/** What happens after the first build, for the command to report. */
interface PreviewEvents {
  rebuilding(files: string[]): void;
  rebuilt(summary: BuildSummary): void;
  /** The content has errors (a ContentError) or the build broke; the previous site is still served. */
  rebuildFailed(error: unknown): void;
  watchFailed(error: Error): void;
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
  const pathPrefix = (await loadSettings(contentDir)).settings?.pathPrefix;
  // Listening first: a port already in use is reported before seconds are spent building.
  const server = await startStaticServer({ root: outputDir, host: options.host, port: options.port, pathPrefix });
  const queue = createRebuildQueue(async (files) => {
    events.rebuilding(files);
    try {
      // Incremental: only the pages and search shards the change touches (docs/performance.md).
      events.rebuilt(await buildSite({ contentDir, outputDir, incremental: true, signal }));
    } catch (error) {
      // A rebuild stopped with the preview has not failed.
      if (!signal.aborted) events.rebuildFailed(error);
    }
  });
  let summary: BuildSummary;
  let watcher: FSWatcher;
  try {
    // Incremental from the start: an output an earlier build of this code left is brought up to
    // date rather than built again, and the copy the edits' rebuilds start from is kept.
    summary = await buildSite({ contentDir, outputDir, incremental: true, signal });
    // Watching starts after the first build, which therefore never overlaps a rebuild.
    watcher = watchFolder(
      contentDir,
      (file) => queue.changed(file),
      (error) => events.watchFailed(error),
    );
  } catch (error) {
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
      await server.close();
    },
  };
}
