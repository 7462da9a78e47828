/**
 * Turns edits in the content folder into rebuilds. Saving a file often fires several events
 * (editors write, rename, touch), and a rebuild takes seconds, so changes are gathered until
 * the folder has been quiet for a moment; a rebuild never overlaps another, and a change that
 * arrives during one is picked up by the next.
 */
import { type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import path from "node:path";

export interface RebuildQueue {
  /** Notes that `file` (relative to the watched folder) changed. */
  changed(file: string): void;
  /** Stops scheduling and waits for a rebuild under way. */
  close(): Promise<void>;
}

/**
 * `rebuild` receives the files changed since the previous rebuild, the most recently changed
 * last. It reports its own failures and never rejects: the queue keeps going whatever happens to
 * one rebuild.
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
    const files = [...pending];
    pending.clear();
    running = rebuild(files).finally(() => {
      running = undefined;
      if (pending.size && !timer && !closed) arm();
    });
  }

  return {
    changed(file) {
      if (closed) return;
      // Moved to the end: the set keeps the order in which files last changed.
      pending.delete(file);
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

/** A folder being watched, with everything in it. */
export interface FolderWatcher {
  close(): void;
}

/**
 * Watches a folder and everything in it; calls `onChange` with paths relative to it. One watch
 * per folder, as Linux's inotify works: a file is seen at every save, also when an editor saves
 * by writing a new file and renaming it over the old one (vim, Emacs, gedit), which Node 20's
 * recursive watch on Linux loses track of after the first time. Folders made later are
 * watched as they appear, and the files already in them reported.
 */
export function watchFolder(dir: string, onChange: (file: string) => void, onError: (error: Error) => void): FolderWatcher {
  const watched = new Map<string, { watcher: FSWatcher; ino: number }>();
  let closed = false;
  const report = (file: string) => onChange(path.relative(dir, file) || ".");

  function unwatch(folder: string): void {
    for (const [watchedFolder, { watcher }] of watched) {
      if (watchedFolder !== folder && !watchedFolder.startsWith(folder + path.sep)) continue;
      watcher.close();
      watched.delete(watchedFolder);
    }
  }

  /** Watches `folder` and the folders in it; `isNew`: reports the files in them, which no watch saw arrive. */
  function add(folder: string, isNew: boolean): void {
    const stat = statSync(folder, { throwIfNoEntry: false });
    if (closed || !stat?.isDirectory() || watched.get(folder)?.ino === stat.ino) return;
    unwatch(folder);
    try {
      const watcher = watch(folder, (_event, name) => changed(path.join(folder, name ?? "")));
      watched.set(folder, { watcher, ino: stat.ino });
      watcher.on("error", (error) => {
        unwatch(folder);
        if (folder === dir) onError(error);
      });
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) add(file, isNew);
        else if (isNew) report(file);
      }
    } catch (error) {
      // Removed meanwhile: its parent's watch reports that.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      unwatch(folder);
    }
  }

  function changed(file: string): void {
    report(file);
    // A folder made, replaced or removed: its watches follow.
    try {
      if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) add(file, true);
      else if (file !== dir) unwatch(file);
    } catch (error) {
      onError(error as Error);
    }
  }

  add(dir, false);
  return {
    close() {
      closed = true;
      unwatch(dir);
    },
  };
}
