/**
 * Turns edits in the content folder into rebuilds. Saving a file often fires several events
 * (editors write, rename, touch), and a rebuild takes seconds, so changes are gathered until
 * the folder has been quiet for a moment; a rebuild never overlaps another, and a change that
 * arrives during one is picked up by the next.
 */
import { type FSWatcher, watch } from "node:fs";

export interface RebuildQueue {
  /** Notes that `file` (relative to the watched folder) changed. */
  changed(file: string): void;
  /** Stops scheduling and waits for a rebuild under way. */
  close(): Promise<void>;
}

/**
 * `rebuild` receives the files changed since the previous rebuild. It reports its own failures
 * and never rejects: the queue keeps going whatever happens to one rebuild.
 */
export function createRebuildQueue(rebuild: (files: string[]) => Promise<void>, quietMs = 300): RebuildQueue {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(start, quietMs);
  };
  function start() {
    timer = undefined;
    if (running || closed || pending.size === 0) return;
    const files = [...pending].sort();
    pending.clear();
    running = rebuild(files).finally(() => {
      running = undefined;
      if (pending.size && !timer && !closed) arm();
    });
  }

  return {
    changed(file) {
      if (closed) return;
      pending.add(file);
      arm();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Watches a folder and everything in it; calls `onChange` with paths relative to it. */
export function watchFolder(dir: string, onChange: (file: string) => void, onError: (error: Error) => void): FSWatcher {
  const watcher = watch(dir, { recursive: true }, (_event, file) => onChange(file ?? "."));
  watcher.on("error", onError);
  return watcher;
}
